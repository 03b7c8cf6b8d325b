package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.portfolio.Customer;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "blast-radius", description = {
    "What-if: who would be exposed if this vendor, product or release were compromised. Its own installations are",
    "affected; installations it reaches through trust-graph edges are potential, with the confidence of the best path.",
    "Ranked by customer criticality x confidence, then shorter paths."})
final class BlastRadiusCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  static final class Subject {
    @Option(names = "--vendor", paramLabel = "V", required = true, description = "A vendor.") @Nullable String vendor;
    @Option(names = "--product", paramLabel = "VENDOR/PRODUCT", required = true, description = "A product.") @Nullable String product;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Subject subject;

  @Option(names = "--version", paramLabel = "VERS", description = "Only this release of the product.")
  @Nullable String version;

  @Option(names = "--at", paramLabel = "DATE", description = "Only edges valid on this day (default: every edge, whatever its window).")
  @Nullable String at;

  @Option(names = "--format", description = "table, json, csv, dot or mermaid (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    NodeRef node = node();
    LocalDate day = null;
    if (at != null) {
      try {
        day = LocalDate.parse(at);
      } catch (DateTimeParseException e) {
        throw new UsageProblem("--at " + at + " is not an ISO date (YYYY-MM-DD)");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      ExposureReport report = cw.blastRadius().blastRadius(node, day);
      ExposureView.render(out, report, format, "subject",
          () -> "Blast radius of " + TextTable.sanitize(report.subject()) + " (what-if)", () -> ExposureCommand.customersByName(cw));
    }
    return ExitCodes.OK;
  }

  private NodeRef node() {
    if (subject.vendor != null) {
      if (version != null) throw new UsageProblem("--version needs --product, not --vendor");
      if (subject.vendor.isBlank()) throw new UsageProblem("--vendor needs a name");
      return NodeRef.vendor(subject.vendor.strip());
    }
    String p = subject.product == null ? "" : subject.product;
    int slash = p.indexOf('/');
    if (slash <= 0 || slash == p.length() - 1) throw new UsageProblem("--product takes VENDOR/PRODUCT, e.g. 'Trading Technologies/X_TRADER'");
    String vendor = p.substring(0, slash).strip();
    String product = p.substring(slash + 1).strip();
    if (version == null || version.isBlank()) return NodeRef.product(vendor, product);
    return NodeRef.release(vendor, product, version.strip(), null);
  }
}
