package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.ExposureReport;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
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
    try (Chainwatch cw = Chainwatch.open("jdbc:sqlite:" + dir.resolve("demo.db"), main.clock())) {
      DemoCommand.walkThrough(cw, dir, nowhere);
      ExposureReport report = cw.exposure().exposure("XTRADER-2022", null, true);
      for (OutputFormat f : OutputFormat.values()) ExposureCommand.render(nowhere, cw, report, f);
      new IncidentsCommand().render(cw, OutputFormat.json, nowhere);
    } finally {
      DemoCommand.deleteQuietly(dir);
    }
    return ExitCodes.OK;
  }
}
