package io.chainwatch.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.exposure.ExposureStatus;
import io.chainwatch.portfolio.Customer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Renders an exposure report: the table people read, the JSON and CSV programs read (CONTRACT.md). */
final class ExposureView {
  private ExposureView() {}

  /**
   * Renders a report of who is exposed (an incident's exposure, a what-if's blast radius) in any output format.
   *
   * @param subjectField the JSON field that names the subject: {@code incident} or {@code subject}
   * @param heading the table's first line, built only for the table
   */
  static void render(PrintWriter out, ExposureReport report, OutputFormat format, String subjectField,
      java.util.function.Supplier<String> heading, java.util.function.Supplier<Map<String, Customer>> customers) {
    switch (format) {
      case json:
        json(out, report, subjectField);
        break;
      case csv:
        csv(out, report);
        break;
      case dot:
        PathGraphView.dot(out, report);
        break;
      case mermaid:
        PathGraphView.mermaid(out, report);
        break;
      default:
        table(out, report, heading.get(), customers.get()::get);
    }
  }

  /**
   * Streams the JSON of CONTRACT.md. Written field by field rather than through maps: an exposure can list tens of
   * thousands of installations, and a short-lived process has no time to build and then serialise a tree of them.
   */
  static void json(PrintWriter out, ExposureReport report, String subjectField) {
    try (JsonGenerator g = Json.generator(out)) {
      g.writeStartObject();
      g.writeStringField(subjectField, report.subject());
      io.chainwatch.cli.report.ExposureJson.body(g, report, false);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  static void csv(PrintWriter out, ExposureReport report) {
    out.println("customer,criticality,asset,platform,vendor,product,version,status,confidence,path");
    for (CustomerExposure c : report.customers()) {
      for (ExposedInstallation e : c.installations()) {
        out.println(String.join(",", csvCell(c.customer()), Integer.toString(c.criticality()), csvCell(e.asset()),
            e.platform().wireName(), csvCell(e.vendor()), csvCell(e.product()), csvCell(e.version()), e.status().wireName(),
            Integer.toString(e.confidence()), csvCell(String.join(" > ", e.path()))));
      }
    }
  }

  /** Quotes a CSV cell when needed, and defuses cells a spreadsheet would run as a formula. */
  static String csvCell(String s) {
    String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  /**
   * The table: one block per customer, most critical first, then a summary line. The VIA column shows how the
   * exposure arises: {@code direct}, or the chain of incidents (and later, trust-graph hops) that leads to it.
   */
  static void table(PrintWriter out, ExposureReport report, String heading, Function<String, @Nullable Customer> customers) {
    out.println(heading);
    out.println();
    if (report.customers().isEmpty()) {
      out.println("No customer runs an affected or undetermined release.");
      return;
    }
    for (CustomerExposure c : report.customers()) {
      Customer info = customers.apply(c.customer());
      String details = "criticality " + c.criticality();
      if (info != null && info.sector() != null) details += ", " + info.sector();
      if (info != null && info.country() != null) details += ", " + info.country();
      out.println(TextTable.sanitize(c.customer()) + "  (" + details + ")");
      TextTable t = new TextTable("ASSET", "PLATFORM", "VENDOR", "PRODUCT", "VERSION", "STATUS", "CONF", "VIA");
      for (ExposedInstallation e : c.installations()) {
        t.row(e.asset(), e.platform().wireName(), e.vendor(), e.product(), e.version(), e.status().wireName(), e.confidence(), via(e.path()));
      }
      t.print(out, "  ");
      out.println();
    }
    Map<ExposureStatus, Long> byStatus = report.countByStatus();
    String statuses = byStatus.entrySet().stream().map(en -> en.getValue() + " " + en.getKey().wireName()).collect(Collectors.joining(", "));
    out.println("Summary: " + report.customerCount() + plural(report.customerCount(), " customer") + ", "
        + report.assetCount() + plural(report.assetCount(), " asset") + ", "
        + report.installationCount() + plural(report.installationCount(), " installation") + " (" + statuses + ")");
  }

  /** The hops before the installed release: "direct" when the incident names the release itself. */
  static String via(List<String> path) {
    if (path.size() <= 2) return "direct";
    return path.subList(0, path.size() - 1).stream().map(n -> n.substring(n.indexOf(':') + 1)).collect(Collectors.joining(" > "));
  }

  private static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
