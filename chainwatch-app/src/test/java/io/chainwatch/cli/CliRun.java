package io.chainwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
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

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> argv = new ArrayList<>(List.of("--db", db));
    argv.addAll(List.of(args));
    int exit = Main.run(argv.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), CLOCK);
    return new Result(exit, out.toString(), err.toString());
  }
}
