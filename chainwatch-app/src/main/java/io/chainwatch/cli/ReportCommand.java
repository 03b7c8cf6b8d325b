package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.formats.intel.stix.StixBundleWriter;
import io.chainwatch.report.IncidentIntel;
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
    "A report on one incident. --format stix writes a STIX 2.1 bundle of its indicators, attributions and the",
    "portfolio's sightings (customer identities marked TLP:AMBER). md, html and json are not available yet."})
final class ReportCommand implements Callable<Integer> {
  /** Every format the contract names; each gets a renderer, the ones not built yet say so. */
  enum ReportFormat { md, html, json, stix }

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "INCIDENT", description = "The incident id.") String incident;

  @Option(names = "--format", required = true, description = "md, html, json or stix") ReportFormat format;

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
    switch (format) {
      case stix:
        return (cw, out) -> {
          IncidentIntel intel = cw.incidentIntel().of(incident, customer);
          new StixBundleWriter(anonymise, main.clock().instant()).write(intel, out);
        };
      default:
        throw new UsageProblem("report --format " + format + " is not available yet; use --format stix");
    }
  }
}
