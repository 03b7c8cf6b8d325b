package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.triage.CaseDetail;
import io.chainwatch.triage.CaseFilter;
import io.chainwatch.triage.CaseNote;
import io.chainwatch.triage.CaseSighting;
import io.chainwatch.triage.CaseState;
import io.chainwatch.triage.CaseSummary;
import io.chainwatch.triage.RemediationTask;
import io.chainwatch.triage.TriageService;
import io.chainwatch.triage.UnknownCase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "cases", description = "Triage: the cases hunts opened, per customer and incident.",
    subcommands = {CasesCommand.ListCases.class, CasesCommand.Show.class, CasesCommand.Assign.class,
        CasesCommand.Note.class, CasesCommand.Resolve.class, CasesCommand.Reopen.class})
final class CasesCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new UsageProblem("a subcommand is missing: list, show ID, assign ID WHO, note ID TEXT, resolve ID --disposition D, reopen ID");
  }

  static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UnknownCase(text);
    }
  }

  static Map<String, Object> json(CaseSummary c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(c.caseId()));
    m.put("customer", c.customer());
    m.put("incident", c.incident());
    m.put("state", c.state().label());
    m.put("severity", c.severity().label());
    m.put("disposition", c.disposition() == null ? null : c.disposition().label());
    m.put("sightings", c.sightings());
    m.put("assignee", c.assignee());
    m.put("hosts", c.hosts());
    m.put("notes", c.notes());
    m.put("opened", c.opened().toString());
    m.put("updated", c.updated().toString());
    return m;
  }

  @Command(name = "list", description = "Cases, by customer; filter by customer, incident, state or assignee.")
  static final class ListCases implements Callable<Integer> {
    @ParentCommand CasesCommand cases;
    @Spec CommandSpec spec;
    @Option(names = "--customer") @Nullable String customer;
    @Option(names = "--incident") @Nullable String incident;
    @Option(names = "--state", description = "new, investigating or resolved") @Nullable String state;
    @Option(names = "--assignee") @Nullable String assignee;
    @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
    OutputFormat format;

    @Override
    public Integer call() {
      CaseState s = state == null ? null : CaseState.parse(state).orElseThrow(() -> new UsageProblem(
          "unknown state '" + state + "'; use one of: " + CaseState.labels()));
      PrintWriter out = spec.commandLine().getOut();
      try (Chainwatch cw = cases.main.open()) {
        List<CaseSummary> list = cw.triage().list(new CaseFilter(customer, incident, s, assignee));
        if (format == OutputFormat.json) {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (CaseSummary c : list) rows.add(json(c));
          Json.write(out, Map.of("cases", rows));
          return ExitCodes.OK;
        }
        if (list.isEmpty()) {
          out.println("No cases" + (customer == null && incident == null && s == null && assignee == null
              ? " yet: a hunt's sightings open them." : " match."));
          return ExitCodes.OK;
        }
        table(out, list, "");
      }
      return ExitCodes.OK;
    }
  }

  static void table(PrintWriter out, List<CaseSummary> list, String indent) {
    TextTable t = new TextTable("ID", "CUSTOMER", "INCIDENT", "STATE", "SEVERITY", "DISPOSITION", "SIGHTINGS", "ASSIGNEE", "HOSTS");
    for (CaseSummary c : list) {
      t.row(c.caseId(), c.customer(), c.incident(), c.state().label(), c.severity().label(),
          c.disposition() == null ? "-" : c.disposition().label(), c.sightings(), c.assignee() == null ? "-" : c.assignee(),
          String.join(" ", c.hosts()));
    }
    t.print(out, indent);
  }

  @Command(name = "show", description = "One case: its sightings, notes and affected installations.")
  static final class Show implements Callable<Integer> {
    @ParentCommand CasesCommand cases;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID") String id;
    @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
    OutputFormat format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Chainwatch cw = cases.main.open()) {
        CaseDetail d = cw.triage().show(id(id));
        if (format == OutputFormat.json) {
          Map<String, Object> doc = json(d.summary());
          List<Map<String, Object>> sightings = new ArrayList<>();
          for (CaseSighting s : d.sightings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hunt", s.hunt());
            m.put("detector", s.detector());
            m.put("indicator", Map.of("type", s.indicatorType(), "value", s.indicatorValue()));
            m.put("host", s.host());
            m.put("first_seen", s.firstSeen() == null ? null : s.firstSeen().toString());
            m.put("last_seen", s.lastSeen() == null ? null : s.lastSeen().toString());
            m.put("count", s.count());
            sightings.add(m);
          }
          doc.put("sighting_list", sightings);
          List<Map<String, Object>> notes = new ArrayList<>();
          for (CaseNote n : d.notes()) notes.add(Map.of("at", n.at().toString(), "author", n.author(), "text", n.text()));
          doc.put("note_list", notes);
          List<Map<String, Object>> installations = new ArrayList<>();
          for (RemediationTask r : d.installations()) installations.add(RemediationCommand.json(r));
          doc.put("installations", installations);
          Json.write(out, doc);
          return ExitCodes.OK;
        }
        CaseSummary c = d.summary();
        out.println("Case " + c.caseId() + ": " + c.customer() + ", incident " + c.incident());
        out.println("  state       " + c.state().label() + (c.disposition() == null ? "" : " (" + c.disposition().label() + ")"));
        out.println("  severity    " + c.severity().label());
        out.println("  assignee    " + (c.assignee() == null ? "-" : c.assignee()));
        out.println("  opened      " + c.opened() + ", updated " + c.updated());
        out.println();
        out.println("Sightings (" + d.sightings().size() + "):");
        TextTable t = new TextTable("HUNT", "DETECTOR", "INDICATOR", "HOST", "FIRST SEEN", "LAST SEEN", "COUNT");
        for (CaseSighting s : d.sightings()) {
          t.row(s.hunt(), s.detector(), s.indicatorType() + " " + s.indicatorValue(), s.host(),
              s.firstSeen() == null ? "-" : s.firstSeen(), s.lastSeen() == null ? "-" : s.lastSeen(), s.count());
        }
        t.print(out, "  ");
        out.println();
        out.println("Affected installations (" + d.installations().size() + "):");
        if (!d.installations().isEmpty()) RemediationCommand.table(d.installations()).print(out, "  ");
        out.println();
        out.println("Notes (" + d.notes().size() + "):");
        for (CaseNote n : d.notes()) out.println("  " + n.at() + " " + TextTable.sanitize(n.author()) + ": " + TextTable.sanitize(n.text()));
      }
      return ExitCodes.OK;
    }
  }

  /** The commands that change one case and print it. */
  abstract static class Change implements Callable<Integer> {
    @ParentCommand CasesCommand cases;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "ID") String id;

    abstract CaseSummary apply(TriageService triage, long caseId);

    @Override
    public Integer call() {
      try (Chainwatch cw = cases.main.open()) {
        CaseSummary c = apply(cw.triage(), id(id));
        spec.commandLine().getOut().println("Case " + c.caseId() + " (" + c.customer() + ", " + c.incident() + "): "
            + c.state().label() + (c.disposition() == null ? "" : ", " + c.disposition().label())
            + (c.assignee() == null ? "" : ", assigned to " + TextTable.sanitize(c.assignee())));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "assign", description = "Assign a case; a new case becomes investigating.")
  static final class Assign extends Change {
    @Parameters(index = "1", paramLabel = "WHO") String who;

    @Override
    CaseSummary apply(TriageService triage, long caseId) {
      return triage.assign(caseId, who);
    }
  }

  @Command(name = "note", description = "Add a note to a case.")
  static final class Note extends Change {
    @Parameters(index = "1", paramLabel = "TEXT") String text;

    @Override
    CaseSummary apply(TriageService triage, long caseId) {
      return triage.note(caseId, text);
    }
  }

  @Command(name = "resolve", description = "Resolve a case with a disposition: true-positive, false-positive, benign, "
      + "inconclusive or duplicate. A false positive suppresses its indicator-host pairs in later hunts.")
  static final class Resolve extends Change {
    @Option(names = "--disposition", required = true, paramLabel = "D") String disposition;
    @Option(names = "--note", paramLabel = "TEXT") @Nullable String note;

    @Override
    CaseSummary apply(TriageService triage, long caseId) {
      return triage.resolve(caseId, disposition, note);
    }
  }

  @Command(name = "reopen", description = "Reopen a resolved case (investigating again); lifts its suppressions.")
  static final class Reopen extends Change {
    @Option(names = "--note", paramLabel = "TEXT") @Nullable String note;

    @Override
    CaseSummary apply(TriageService triage, long caseId) {
      return triage.reopen(caseId, note);
    }
  }

}
