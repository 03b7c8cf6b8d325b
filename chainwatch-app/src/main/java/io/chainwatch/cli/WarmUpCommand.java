package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.ExposureReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Runs the demo and every rendering silently, so that the launcher can record which classes a typical run loads
 * into a class-data-sharing archive (see {@code ./chainwatch}). Hidden: it is plumbing, not a feature.
 */
@Command(name = "warm-up", hidden = true, description = "Exercise the common code paths silently (used by the launcher).")
final class WarmUpCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    Path dir = DemoCommand.unpack();
    String url = "jdbc:sqlite:" + dir.resolve("demo.db");
    try {
      try (Chainwatch cw = Chainwatch.open(url, main.clock())) {
        DemoCommand.walkThrough(cw, dir, nowhere);
        ExposureReport report = cw.exposure().exposure("XTRADER-2022", null, true);
        for (OutputFormat f : OutputFormat.values()) ExposureCommand.render(nowhere, cw, report, f);
        new IncidentsCommand().render(cw, OutputFormat.json, nowhere);
      }
      hunts(url, dir, nowhere);
    } finally {
      DemoCommand.deleteQuietly(dir);
    }
    return ExitCodes.OK;
  }

  /**
   * Hunts as a person's command line does (the launcher's quick-compiler hunt: indicators read beside the command line,
   * files scanned in parallel, both outputs), over Zeek JSON and TSV logs. The demo's own hunt reads its Sysmon export
   * event by event and goes through the service only; without this the archive missed the classes a hunt of Zeek logs
   * makes at run time (lambdas, method-handle forms), and every such hunt spun them again (BENCHMARKS.md, issue 5).
   */
  private void hunts(String url, Path dir, PrintWriter nowhere) throws IOException {
    Path json = dir.resolve("warm-up-zeek-json");
    Files.createDirectories(json);
    for (String f : ZEEK_JSON) {
      try (InputStream in = WarmUpCommand.class.getResourceAsStream("/warm-up/" + f)) {
        if (in == null) throw new IllegalStateException("the warm-up file " + f + " is missing from this build");
        Files.copy(in, json.resolve(f));
      }
    }
    Path tsv = dir.resolve("telemetry/northbridge");
    for (String format : List.of("json", "table")) {
      hunt(nowhere, "--db", url, "hunt", "--logs", json.toString(), "--incident", "3CX-2023-03", "--format", format);
    }
    hunt(nowhere, "--db", url, "hunt", "--logs", tsv.resolve("dns.log").toString(), tsv.resolve("conn.log").toString(),
        "--incident", "3CX-2023-03", "--format", "json");
  }

  /** Runs one hunt's command line; a hunt that fails or warns would train the archive on the wrong path, so it throws. */
  private void hunt(PrintWriter nowhere, String... args) {
    StringWriter err = new StringWriter();
    int code = Main.run(args, nowhere, new PrintWriter(err, true), Map.of("CHAINWATCH_COMPILER", "quick"), main.clock());
    if (code != ExitCodes.OK || err.getBuffer().length() > 0) {
      throw new IllegalStateException("the warm-up hunt " + String.join(" ", args) + " ended with status " + code + ": " + err);
    }
  }

  /** Zeek JSON logs made from the demo's Zeek TSV ones (and HTTP requests of its beacon), for {@link #hunts}. */
  private static final List<String> ZEEK_JSON = List.of("dns.log", "http.log", "conn.log");
}
