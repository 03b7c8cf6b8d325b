package io.chainwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process against one database, capturing stdout, stderr and the exit status. */
final class CliRun {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

  record Result(int exit, String out, String err) {}

  private final String db;

  CliRun(Path dir) {
    this.db = "jdbc:sqlite:" + dir.resolve("test.db");
  }

  /** The database's JDBC URL. */
  String db() {
    return db;
  }

  Result run(String... args) {
    return run(Map.of(), args);
  }

  /** Copies the 3CX demo's files into {@code dir} and imports them, failing on the first that does not import. */
  void importDemo(Path dir) throws IOException {
    for (String f : DemoCommand.FILES) {
      Path target = dir.resolve(f);
      try (InputStream in = CliRun.class.getResourceAsStream("/demo/3cx/" + f)) {
        Files.copy(in, target);
      }
      Result r = run("import", target.toString());
      if (r.exit() != 0) throw new AssertionError("importing " + f + ": " + r.err());
    }
  }

  /** Runs with these environment variables (the process's own are never read). */
  Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> argv = new ArrayList<>(List.of("--db", db));
    argv.addAll(List.of(args));
    int exit = Main.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), env, CLOCK);
    return new Result(exit, out.toString(), err.toString());
  }
}
