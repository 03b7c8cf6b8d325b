package io.chainwatch.app;

import io.chainwatch.report.ReportCase;
import io.chainwatch.report.ReportRemediation;
import io.chainwatch.report.ReportTriageSource;
import io.chainwatch.triage.CaseSummary;
import io.chainwatch.triage.RemediationProgress;
import io.chainwatch.triage.TriageReadModel;
import java.util.List;
import java.util.Optional;

/**
 * Reports read triage through their own seam, in wire strings; this plugs the triage store into it. Kept in the
 * composition root so that neither the report nor the triage feature depends on the other.
 */
final class TriageReportSource implements ReportTriageSource {
  private final TriageReadModel triage;

  TriageReportSource(TriageReadModel triage) {
    this.triage = triage;
  }

  /** Triage is part of every database from schema 10 on: an empty list means no case was opened, not "unknown". */
  @Override
  public boolean available() {
    return true;
  }

  @Override
  public List<ReportCase> cases(String incident, Optional<String> customer) {
    return triage.cases(incident, customer).stream().map(TriageReportSource::toReport).toList();
  }

  @Override
  public List<ReportRemediation> remediation(String incident, Optional<String> customer) {
    return triage.remediation(incident, customer).stream().map(TriageReportSource::toReport).toList();
  }

  static ReportCase toReport(CaseSummary c) {
    return new ReportCase(c.customer(), Long.toString(c.caseId()), c.state().label(),
        c.disposition() == null ? null : c.disposition().label(), c.severity().label(), c.assignee(), c.hosts(),
        Math.toIntExact(c.sightings()), c.notes(), c.opened(), c.updated());
  }

  static ReportRemediation toReport(RemediationProgress p) {
    return new ReportRemediation(p.customer(), Math.toIntExact(p.open()), Math.toIntExact(p.done()),
        Math.toIntExact(p.regressed()), p.oldestOpenSince());
  }
}
