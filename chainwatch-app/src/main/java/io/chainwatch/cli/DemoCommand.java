package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.cli.report.ReportHtml;
import io.chainwatch.common.Progress;
import io.chainwatch.downstream.DownstreamParameters;
import io.chainwatch.downstream.DownstreamReport;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.beacon.BeaconDetector;
import io.chainwatch.hunt.beacon.BeaconSettings;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.ImportResult;
import io.chainwatch.triage.CaseFilter;
import io.chainwatch.triage.audit.AuditVerification;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = {
    "The 3CX walk-through on a fresh temporary database: a sample portfolio, the 3CX advisory and its upstream",
    "X_TRADER incident, then who is exposed. The demo data is sample data, used nowhere else."})
final class DemoCommand implements Callable<Integer> {
  /** In import order: the upstream incident first is not required (caused_by resolves later), but reads naturally. */
  /** The demo folder's subfolder the reports are written to. */
  static final String REPORTS = "reports";

  static final List<String> FILES = List.of("customers.csv", "inventory.csv", "xtrader-2022.yaml", "3cx-2023-03.yaml", "trust-edges.csv");
  /** Sample telemetry of one customer, hunted in the demo (not imported). */
  static final List<String> TELEMETRY = List.of("telemetry/northbridge/sysmon.json", "telemetry/northbridge/dns.log",
      "telemetry/northbridge/conn.log");

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--keep", description = "Keep the demo database and files, and print where they are.")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = unpack();
    try {
      String url = "jdbc:sqlite:" + dir.resolve("demo.db");
      try (Chainwatch cw = Chainwatch.open(url, main.clock())) {
        walkThrough(cw, dir, out);
        if (keep) {
          out.println("The demo database is " + url);
          out.println("Try: ./chainwatch --db " + url + " exposure 3CX-2023-03 --all");
        }
      }
    } finally {
      // The reports are the demo's result: they stay, the database and input files go (unless --keep).
      if (!keep) deleteTree(dir, dir.resolve(REPORTS));
    }
    return ExitCodes.OK;
  }

  /** Copies the demo files into a new temporary folder. */
  static Path unpack() throws IOException {
    Path dir = Files.createTempDirectory("chainwatch-demo-");
    for (String f : Stream.concat(FILES.stream(), TELEMETRY.stream()).toList()) {
      try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/3cx/" + f)) {
        if (in == null) throw new IllegalStateException("the demo file " + f + " is missing from this build");
        Files.createDirectories(dir.resolve(f).getParent());
        Files.copy(in, dir.resolve(f));
      }
    }
    return dir;
  }

  static void walkThrough(Chainwatch cw, Path dir, PrintWriter out) throws IOException {
    out.println("Chainwatch demo: the 3CX supply-chain attack (March 2023)");
    out.println("========================================================");
    out.println();
    out.println("3CX's Desktop App installers for Windows and macOS were trojanised and shipped, validly signed,");
    out.println("through 3CX's own update channel. 3CX was breached because an employee had installed X_TRADER,");
    out.println("whose vendor had been compromised before: a supply chain of supply chains.");
    out.println();
    out.println("1. Import the portfolio, the two advisories and the trust graph");
    out.println();
    for (String f : FILES) {
      ImportResult r = cw.imports().importFile(dir.resolve(f), ImportOptions.defaults());
      out.println("   " + ImportCommand.describe(r).replace(dir.toString() + "/", ""));
    }
    out.println();
    out.println("2. The incidents");
    out.println();
    new IncidentsTable(cw).print(out);
    out.println();
    out.println("3. Who runs an affected 3CX release? (chainwatch exposure 3CX-2023-03)");
    out.println();
    ExposureCommand.render(out, cw, cw.exposure().exposure("3CX-2023-03", null, false), OutputFormat.table);
    out.println();
    out.println("4. And through the upstream incident? (chainwatch exposure XTRADER-2022)");
    out.println();
    ExposureCommand.render(out, cw, cw.exposure().exposure("XTRADER-2022", null, false), OutputFormat.table);
    out.println();
    out.println("   3CX's own affected releases come through the caused incident; the trust edge 'vendor:3CX staff-use");
    out.println("   product:Trading Technologies/X_TRADER' adds every other 3CX installation as potential.");
    out.println();
    out.println("5. What if Trading Technologies were compromised again? (chainwatch blast-radius --vendor \"Trading Technologies\")");
    out.println();
    ExposureView.table(out, cw.blastRadius().blastRadius(NodeRef.vendor("Trading Technologies"), null),
        "Blast radius of vendor:Trading Technologies (what-if)", name -> cw.portfolio().customer(name).orElse(null));
    out.println();
    Path telemetry = dir.resolve("telemetry");
    out.println("6. Hunt Northbridge's exported telemetry of the week after the update for the incident's indicators and");
    out.println("   for beaconing (chainwatch hunt --logs telemetry --incident 3CX-2023-03 --since 2023-03-20)");
    out.println();
    HuntResult hunt = cw.hunts().hunt(new HuntParameters(List.of(telemetry.toString()), "3CX-2023-03", null,
        Instant.parse("2023-03-20T00:00:00Z"), null, null, BeaconSettings.DEFAULTS.describe()),
        List.of(), List.of(new BeaconDetector(BeaconSettings.DEFAULTS)), Progress.NONE);
    out.print(withoutFolder(w -> HuntCommand.render(w, hunt, OutputFormat.table), dir));
    out.println();
    out.println("   Look-alike names (notakamaicontainer.com, akamaicontainer.com.example.net) are not hits: domains match");
    out.println("   whole labels, never substrings.");
    out.println();
    out.println("7. The hunt opened a case per customer (chainwatch cases list; then cases assign|note|resolve)");
    out.println();
    CasesCommand.table(out, cw.triage().list(new CaseFilter(null, "3CX-2023-03", null, null)), "   ");
    out.println();
    out.println("8. What did the app do after the 13 March update that it never did before?");
    out.println("   (chainwatch downstream --product \"3CX/3CX Desktop App\" --logs telemetry --since 2023-03-13)");
    out.println();
    DownstreamReport downstream = cw.downstream().compare(new DownstreamParameters("3CX", "3CX Desktop App",
        List.of(telemetry.toString()), Instant.parse("2023-03-13T00:00:00Z"), null, List.of()), Progress.NONE);
    out.print(withoutFolder(w -> DownstreamCommand.table(w, downstream), dir));
    out.println();
    out.println("9. Remediation: one task per affected installation, closed by a newer inventory (chainwatch remediation --incident 3CX-2023-03)");
    out.println();
    RemediationCommand.table(out, cw.triage().remediation("3CX-2023-03", Optional.empty()), "   ");
    out.println();
    out.println("10. Every import, hunt and case change above is in the tamper-evident audit log (chainwatch audit verify)");
    out.println();
    AuditVerification v = cw.audit().verify();
    out.println("   " + (v.ok() ? "The audit log verifies: " + v.verified() + " entries; head " + v.headHash()
        : "The audit log does not verify: " + v.problem().get().message()));
    out.println();
    reports(cw, dir, out);
  }

  /**
   * The reports a provider sends: the portfolio report for leadership, the 3CX incident report, and one customer's own
   * report, as HTML files in the demo folder's {@code reports} subfolder (kept after the demo, see {@link #call}).
   */
  static void reports(Chainwatch cw, Path dir, PrintWriter out) throws IOException {
    out.println("11. The reports (chainwatch report --portfolio --format html; report 3CX-2023-03 [--customer C] --format html)");
    out.println();
    Path reports = Files.createDirectories(dir.resolve(REPORTS));
    String customer = "Northbridge Precision Engineering Ltd";
    Path portfolio = reports.resolve("portfolio.html");
    Path incident = reports.resolve("3cx-2023-03.html");
    Path own = reports.resolve("3cx-2023-03-northbridge.html");
    try (var w = Files.newBufferedWriter(portfolio)) {
      ReportHtml.write(cw.portfolioReport().build(), w);
    }
    try (var w = Files.newBufferedWriter(incident)) {
      ReportHtml.write(cw.incidentReports().of("3CX-2023-03", null), w);
    }
    try (var w = Files.newBufferedWriter(own)) {
      ReportHtml.write(cw.incidentReports().of("3CX-2023-03", customer), w);
    }
    out.println("   The portfolio report:            " + portfolio.toUri());
    out.println("   The 3CX incident report:         " + incident.toUri());
    out.println("   " + customer + "'s own report: " + own.toUri());
    out.println("   Open them in a browser; they print to PDF. Each is one file with no script and no network request.");
    out.println();
  }

  /** What a command prints, with the demo's temporary folder left out of file names. */
  private static String withoutFolder(Consumer<PrintWriter> print, Path dir) {
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text);
    print.accept(w);
    w.flush();
    return text.toString().replace(dir.toString() + File.separator, "");
  }

  static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder left behind is no reason to fail
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    deleteTree(dir, null);
  }

  /** Deletes {@code dir} and everything in it but {@code keep} and what {@code keep} holds. */
  private static void deleteTree(Path dir, @org.jspecify.annotations.Nullable Path keep) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).filter(p -> keep == null || !(p.startsWith(keep) || keep.startsWith(p))).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
