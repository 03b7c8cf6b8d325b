package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.UnknownCustomer;
import io.chainwatch.exposure.UnknownIncident;
import io.chainwatch.triage.RemediationProgress;
import io.chainwatch.triage.RemediationTask;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "remediation", description = "Remediation progress of an incident per customer (open, done, "
    + "regressed), the customer with the oldest open task first; with --customer, its tasks too.")
final class RemediationCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Option(names = "--incident", required = true, paramLabel = "I") String incident;
  @Option(names = "--customer", paramLabel = "C") @Nullable String customer;
  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      if (cw.incidents().find(incident).isEmpty()) throw new UnknownIncident(incident);
      if (customer != null && cw.portfolio().customer(customer).isEmpty()) throw new UnknownCustomer(customer);
      List<RemediationProgress> progress = cw.triage().remediation(incident, Optional.ofNullable(customer));
      List<RemediationTask> tasks = customer == null ? List.of() : cw.triage().tasks(incident, customer);
      if (format == OutputFormat.json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RemediationProgress p : progress) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("customer", p.customer());
          m.put("open", p.open());
          m.put("done", p.done());
          m.put("regressed", p.regressed());
          m.put("oldest_open_since", p.oldestOpenSince() == null ? null : p.oldestOpenSince().toString());
          rows.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("incident", incident);
        doc.put("customers", rows);
        if (customer != null) {
          List<Map<String, Object>> list = new ArrayList<>();
          for (RemediationTask t : tasks) list.add(json(t));
          doc.put("tasks", list);
        }
        Json.write(out, doc);
        return ExitCodes.OK;
      }
      if (progress.isEmpty()) {
        out.println("No remediation tasks for " + incident + (customer == null ? "" : " at " + customer)
            + ": no installation of an affected release was found.");
        return ExitCodes.OK;
      }
      table(out, progress, "");
      if (!tasks.isEmpty()) {
        out.println();
        table(tasks).print(out, "");
      }
    }
    return ExitCodes.OK;
  }

  /** Progress per customer, oldest open task first. */
  static void table(PrintWriter out, List<RemediationProgress> progress, String indent) {
    TextTable t = new TextTable("CUSTOMER", "OPEN", "DONE", "REGRESSED", "OLDEST OPEN SINCE");
    for (RemediationProgress p : progress) {
      t.row(p.customer(), p.open(), p.done(), p.regressed(), p.oldestOpenSince() == null ? "-" : seconds(p.oldestOpenSince()));
    }
    t.print(out, indent);
  }

  static TextTable table(List<RemediationTask> tasks) {
    TextTable t = new TextTable("ASSET", "PRODUCT", "ACTION", "STATE", "SINCE", "BY FILE");
    for (RemediationTask r : tasks) {
      t.row(r.asset(), r.vendor() + " " + r.product(), r.action() + (r.target() == null ? "" : " to " + r.target()),
          r.state(), seconds(r.changed()), r.changedBy());
    }
    return t;
  }

  /** Times in tables to the second: people compare days and hours here, not nanoseconds. */
  static java.time.Instant seconds(java.time.Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  static Map<String, Object> json(RemediationTask r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("asset", r.asset());
    m.put("vendor", r.vendor());
    m.put("product", r.product());
    m.put("action", r.action());
    m.put("target", r.target());
    m.put("state", r.state());
    m.put("opened", r.opened().toString());
    m.put("changed", r.changed().toString());
    m.put("changed_by", r.changedBy());
    return m;
  }
}
