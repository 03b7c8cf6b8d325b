package io.chainwatch.cli;

import io.chainwatch.advisory.Incident;
import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.portfolio.Customer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "exposure", description = {
    "Who is exposed to an incident: per customer, the assets with affected or undetermined installations,",
    "directly, through the incidents it caused, or through trust-graph edges (status potential).",
    "--all adds fixed and not-affected installations."})
final class ExposureCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "INCIDENT") String incident;

  @Option(names = "--customer", paramLabel = "C", description = "Only this customer.")
  @Nullable String customer;

  @Option(names = "--all", description = "Include fixed and not-affected installations.")
  boolean all;

  @Option(names = "--format", description = "table, json, csv, dot or mermaid (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      ExposureReport report = cw.exposure().exposure(incident, customer, all);
      render(out, cw, report, format);
    }
    return ExitCodes.OK;
  }

  static void render(PrintWriter out, Chainwatch cw, ExposureReport report, OutputFormat format) {
    ExposureView.render(out, report, format, "incident", () -> {
      Incident i = cw.incidents().find(report.subject()).orElseThrow();
      return "Exposure to " + i.id() + ": " + TextTable.sanitize(i.title());
    }, () -> customersByName(cw));
  }

  static Map<String, Customer> customersByName(Chainwatch cw) {
    return cw.portfolio().customers().stream().collect(Collectors.toMap(Customer::name, Function.identity()));
  }
}
