package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.common.Progress;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.ImportResult;
import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "import", description = {
    "Import files; the format is detected from the content. Each file is one transaction: all of it or nothing.",
    "Re-importing a file with the same content changes nothing."})
final class ImportCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files = new ArrayList<>();

  @Option(names = "--format", paramLabel = "NAME", description = "Read the files as this format instead of detecting it.")
  @Nullable String format;

  @Option(names = "--customer", paramLabel = "C", description = "With --asset: whose asset an SBOM describes.")
  @Nullable String customer;

  @Option(names = "--asset", paramLabel = "A", description = "With --customer: the asset an SBOM describes.")
  @Nullable String asset;

  @Option(names = "--incident", paramLabel = "ID", description = "Attach the file's indicators to this incident.")
  @Nullable String incident;

  @Option(names = "--dry-run", description = "Validate only; store nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    if ((customer == null) != (asset == null)) throw new UsageProblem("--customer and --asset go together");
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImportOptions options = new ImportOptions(format, customer, asset, incident, dryRun);
    List<String> done = new ArrayList<>();
    try (Chainwatch cw = main.open()) {
      for (Path file : files) {
        Progress progress = TerminalProgress.forTerminal(err, main.clock());
        ImportResult result;
        try {
          result = cw.imports().importFile(file, options, progress);
        } catch (InputRejected e) {
          TerminalProgress.clear(progress);
          if (!done.isEmpty()) {
            err.println("chainwatch: imported before the error: " + String.join(", ", done) + "; the files after it were not read.");
          }
          throw e;
        }
        TerminalProgress.clear(progress);
        for (String w : result.warnings()) err.println("warning: " + w);
        out.println(describe(result));
        done.add(result.file());
      }
    }
    return ExitCodes.OK;
  }

  static String describe(ImportResult r) {
    switch (r.outcome()) {
      case UNCHANGED: return r.file() + ": " + r.parser() + ": unchanged (this content was imported before)";
      case VALIDATED: return r.file() + ": " + r.parser() + ": valid, would import " + r.counts();
      default: return r.file() + ": " + r.parser() + ": " + r.counts();
    }
  }
}
