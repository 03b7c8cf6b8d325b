package io.chainwatch.report;

import java.util.List;
import java.util.Optional;

/**
 * Where a report reads triage from: the cases opened for an incident and the remediation of its affected
 * installations. A seam rather than a dependency, so that reports are built and tested without knowing how triage is
 * stored; the composition root plugs the triage store in.
 */
public interface ReportTriageSource {
  /** Whether triage is recorded at all; when not, reports say so instead of showing empty tables. */
  boolean available();

  /** The incident's cases, of one customer or of all, by customer then id. */
  List<ReportCase> cases(String incident, Optional<String> customer);

  /** Remediation progress per customer, oldest open task first. */
  List<ReportRemediation> remediation(String incident, Optional<String> customer);

  /** No triage recorded. */
  ReportTriageSource NONE = new ReportTriageSource() {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public List<ReportCase> cases(String incident, Optional<String> customer) {
      return List.of();
    }

    @Override
    public List<ReportRemediation> remediation(String incident, Optional<String> customer) {
      return List.of();
    }
  };
}
