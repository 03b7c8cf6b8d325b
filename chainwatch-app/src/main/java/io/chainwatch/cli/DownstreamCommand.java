package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.common.Progress;
import io.chainwatch.downstream.Behaviour;
import io.chainwatch.downstream.DownstreamParameters;
import io.chainwatch.downstream.DownstreamReport;
import io.chainwatch.downstream.DownstreamService;
import io.chainwatch.hunt.ReadProblem;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "downstream", description = {
    "What a product's processes did after an update compared with before it (Sysmon process creation, network, DNS and",
    "image-load events; Zeek DNS, TLS and HTTP from the product's hosts): network destinations, child processes and",
    "loaded modules, new behaviour first."})
final class DownstreamCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--product", required = true, paramLabel = "VENDOR/PRODUCT", description = "The product, e.g. '3CX/3CX Desktop App'.")
  String product;

  @Option(names = "--logs", required = true, arity = "1..*", paramLabel = "PATH", description = "Log files or folders (read recursively, .gz too).")
  List<String> logs = new ArrayList<>();

  @Option(names = "--since", required = true, paramLabel = "DATE",
      description = "The update's date or instant (UTC): events before it are the baseline.")
  String since;

  @Option(names = "--customer", paramLabel = "C", description = "This customer's installations and telemetry only.")
  @Nullable String customer;

  @Option(names = "--executable", paramLabel = "NAME",
      description = "An executable name or path of the product's processes, beside those from the inventory (repeatable).")
  List<String> executables = new ArrayList<>();

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    if (format != OutputFormat.table && format != OutputFormat.json) throw new UsageProblem("downstream prints table or json");
    int slash = product.indexOf('/');
    if (slash <= 0 || slash == product.length() - 1) throw new UsageProblem("--product needs VENDOR/PRODUCT, e.g. '3CX/3CX Desktop App'");
    Instant update = HuntCommand.time("--since", since, false);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DownstreamReport report;
    try (Chainwatch cw = main.open()) {
      if (customer != null && cw.portfolio().customer(customer).isEmpty()) {
        throw new io.chainwatch.exposure.UnknownCustomer(customer);
      }
      Progress progress = TerminalProgress.forTerminal(err, main.clock());
      report = cw.downstream().compare(new DownstreamParameters(product.substring(0, slash).strip(),
          product.substring(slash + 1).strip(), logs, update, customer, executables), progress);
      TerminalProgress.clear(progress);
    }
    if (format == OutputFormat.json) Json.write(out, json(report));
    else table(out, report);
    return ExitCodes.OK;
  }

  static void table(PrintWriter out, DownstreamReport r) {
    DownstreamParameters p = r.parameters();
    out.println("Downstream behaviour of " + p.vendor() + "/" + p.product() + " around the update at " + p.update()
        + (p.customer() == null ? "" : " (customer " + p.customer() + ")"));
    out.println("Processes: " + String.join(", ", r.executables())
        + (r.folders().isEmpty() ? "" : "; and images under " + String.join(", ", r.folders())));
    out.println("Product hosts in the inventory: " + (r.productHosts().isEmpty() ? "none" : String.join(", ", r.productHosts())));
    out.println("Read " + r.files() + " files, " + r.events() + " events; " + r.productBefore() + " of the product before the update, "
        + r.productAfter() + " after" + (r.problems().isEmpty() ? "" : "; skipped " + r.problems()));
    out.println();
    if (r.behaviours().isEmpty()) {
      out.println("No behaviour of the product's processes found.");
    } else {
      out.println(r.newCount() + " new behaviour(s) after the update:");
      TextTable t = new TextTable("STATUS", "KIND", "VALUE", "BY", "BEFORE", "AFTER", "FIRST SEEN AFTER", "DAYS", "HOSTS");
      for (Behaviour b : r.behaviours()) {
        t.row(b.status(), b.kind(), b.value(), b.attribution(), b.before(), b.after(),
            b.firstSeenAfter() == null ? "" : b.firstSeenAfter().toString(),
            b.firstSeenAfter() == null ? "" : DownstreamService.daysAfter(p.update(), b.firstSeenAfter()),
            String.join(", ", b.hosts()) + (b.hostCount() > b.hosts().size() ? " (+" + (b.hostCount() - b.hosts().size()) + ")" : ""));
      }
      t.print(out, "");
    }
    for (String n : r.notes()) out.println("Note: " + n);
  }

  static Map<String, Object> json(DownstreamReport r) {
    DownstreamParameters p = r.parameters();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("vendor", p.vendor());
    doc.put("product", p.product());
    doc.put("update", p.update().toString());
    doc.put("customer", p.customer());
    doc.put("executables", r.executables());
    doc.put("folders", r.folders());
    doc.put("product_hosts", r.productHosts());
    Map<String, Object> read = new LinkedHashMap<>();
    read.put("files", r.files());
    read.put("events", r.events());
    read.put("untimed", r.untimed());
    read.put("product_before", r.productBefore());
    read.put("product_after", r.productAfter());
    read.put("problems", r.problems());
    List<String> examples = new ArrayList<>();
    for (ReadProblem x : r.problemExamples()) examples.add(x.file() + ":" + x.line() + ": " + x.kind() + ": " + x.detail());
    read.put("problem_examples", examples);
    doc.put("read", read);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Behaviour b : r.behaviours()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", b.status());
      m.put("kind", b.kind());
      m.put("value", b.value());
      m.put("attribution", b.attribution());
      m.put("before", b.before());
      m.put("after", b.after());
      m.put("first_seen", b.firstSeen().toString());
      m.put("first_seen_after", b.firstSeenAfter() == null ? null : b.firstSeenAfter().toString());
      m.put("days_after_update", b.firstSeenAfter() == null ? null : DownstreamService.daysAfter(p.update(), b.firstSeenAfter()));
      m.put("last_seen", b.lastSeen().toString());
      m.put("hosts", b.hosts());
      m.put("host_count", b.hostCount());
      m.put("evidence", b.evidence());
      list.add(m);
    }
    doc.put("behaviours", list);
    doc.put("notes", r.notes());
    return doc;
  }
}
