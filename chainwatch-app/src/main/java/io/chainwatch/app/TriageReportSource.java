package io.chainwatch.app;

import io.chainwatch.report.ReportCase;
import io.chainwatch.report.ReportRemediation;
import io.chainwatch.report.ReportTriageSource;
import io.chainwatch.triage.CaseSummary;
import io.chainwatch.triage.TriageReadModel;
import java.util.List;
import java.util.Optional;

/** Reports read triage through their own seam; this adapts the triage feature's read model to it (wire strings). */
final class TriageReportSource implements ReportTriageSource {
  private final TriageReadModel triage;

  TriageReportSource(TriageReadModel triage) {
    this.triage = triage;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public List<ReportCase> cases(String incident, Optional<String> customer) {
    return triage.cases(incident, customer).stream().map(TriageReportSource::of).toList();
  }

  @Override
  public List<ReportRemediation> remediation(String incident, Optional<String> customer) {
    return triage.remediation(incident, customer).stream()
        .map(p -> new ReportRemediation(p.customer(), (int) p.open(), (int) p.done(), (int) p.regressed(), p.oldestOpenSince()))
        .toList();
  }

  private static ReportCase of(CaseSummary c) {
    return new ReportCase(c.customer(), Long.toString(c.caseId()), c.state().label(),
        c.disposition() == null ? null : c.disposition().label(), c.severity().label(), c.assignee(), c.hosts(),
        (int) c.sightings(), c.notes(), c.opened(), c.updated());
  }
}
