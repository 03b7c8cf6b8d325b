package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.cli.report.ReportHtml;
import io.chainwatch.cli.report.ReportJson;
import io.chainwatch.cli.report.ReportMarkdown;
import io.chainwatch.cli.report.VexJson;
import io.chainwatch.formats.intel.stix.StixBundleWriter;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.report.IncidentIntel;
import io.chainwatch.report.IncidentReport;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "report", description = {
    "A report on one incident: summary and attribution, exposure per customer with paths, verification, hunts and",
    "sightings, cases, remediation, threat model, indicators and sources. --customer C gives C's own report, with",
    "nothing about other customers. md (Markdown), html (one self-contained file that prints to PDF), json (complete",
    "and stable), stix (STIX 2.1 bundle), openvex (OpenVEX 0.2.0) or cyclonedx-vex (CycloneDX 1.5 VEX).",
    "report --portfolio: every imported incident, the actors behind them and the customers they reach (md, html, json)."})
final class ReportCommand implements Callable<Integer> {
  /** Every format the contract names, and the VEX documents. */
  enum ReportFormat {
    md, html, json, stix, openvex, cyclonedx_vex;

    @Override
    public String toString() {
      return name().replace('_', '-');
    }

    static ReportFormat parse(String text) {
      for (ReportFormat f : values()) if (f.toString().equals(text)) return f;
      throw new picocli.CommandLine.TypeConversionException("'" + text + "' is not a report format; expected one of md, html, json, stix, openvex, cyclonedx-vex");
    }
  }

  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return ReportFormat.parse(value);
    }
  }

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "INCIDENT", arity = "0..1", description = "The incident id (omit with --portfolio).") @Nullable String incident;

  @Option(names = "--format", required = true, converter = FormatConverter.class,
      description = "md, html, json, stix, openvex or cyclonedx-vex") ReportFormat format;

  @Option(names = "--portfolio", description = "The portfolio report across every imported incident (md, html or json).") boolean portfolio;

  @Option(names = "--customer", paramLabel = "C", description = "Only this customer's part.") @Nullable String customer;

  @Option(names = "--anonymise", description = "Replace customer names by stable pseudonyms.") boolean anonymise;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.") @Nullable Path output;

  /** Writes one report to a writer; one per format. */
  private interface Renderer {
    void render(Chainwatch cw, Writer out) throws IOException;
  }

  @Override
  public Integer call() throws IOException {
    Renderer renderer = renderer();
    try (Chainwatch cw = main.open()) {
      if (output == null) {
        PrintWriter out = spec.commandLine().getOut();
        renderer.render(cw, out);
        out.flush();
      } else {
        // Written beside the target and moved into place, so a failed report leaves no half file.
        Path target = output.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".report", ".tmp");
        try {
          try (Writer w = new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8)) {
            renderer.render(cw, w);
          }
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return ExitCodes.OK;
  }

  private Renderer renderer() {
    if (anonymise && format != ReportFormat.stix) throw new UsageProblem("--anonymise applies to --format stix only");
    String version = spec.root().version().length == 0 ? "" : spec.root().version()[0].replaceFirst("^chainwatch ", "");
    if (portfolio) {
      if (incident != null) throw new UsageProblem("report --portfolio covers every incident; leave out INCIDENT (" + incident + ")");
      if (customer != null) throw new UsageProblem("report --portfolio is the provider's report; for one customer use report INCIDENT --customer C");
      return switch (format) {
        case md -> (cw, out) -> ReportMarkdown.write(cw.portfolioReport().build(), out);
        case json -> (cw, out) -> ReportJson.write(cw.portfolioReport().build(), out);
        case html -> (cw, out) -> ReportHtml.write(cw.portfolioReport().build(), out);
        default -> throw new UsageProblem("report --portfolio --format " + format + " is not available; use md, html or json");
      };
    }
    if (incident == null) throw new UsageProblem("report needs an INCIDENT, or --portfolio");
    String id = incident;
    return switch (format) {
      case stix -> (cw, out) -> {
        IncidentIntel intel = cw.incidentIntel().of(id, customer);
        List<Sighting> hunted = new ArrayList<>();
        for (IncidentReport.Hunt h : cw.incidentReports().of(id, customer).hunts().hunts()) hunted.addAll(h.sightings());
        intel = cw.incidentIntel().withHuntSightings(intel, hunted);
        new StixBundleWriter(anonymise, main.clock().instant()).write(intel, out);
      };
      case md -> (cw, out) -> ReportMarkdown.write(cw.incidentReports().of(id, customer), out);
      case json -> (cw, out) -> ReportJson.write(cw.incidentReports().of(id, customer), out);
      case html -> (cw, out) -> ReportHtml.write(cw.incidentReports().of(id, customer), out);
      case openvex -> (cw, out) -> VexJson.openVex(cw.incidentReports().of(id, customer), version, out);
      case cyclonedx_vex -> (cw, out) -> VexJson.cycloneDx(cw.incidentReports().of(id, customer), version, out);
    };
  }
}
