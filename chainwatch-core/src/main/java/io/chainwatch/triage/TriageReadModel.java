package io.chainwatch.triage;

import java.util.List;
import java.util.Optional;

/**
 * What reports read of triage: cases and remediation progress of one incident, optionally for one customer. A report
 * for a customer must be given that customer here so that nothing of other customers reaches it.
 */
public interface TriageReadModel {
  /** The incident's cases, by customer then case id. */
  List<CaseSummary> cases(String incidentId, Optional<String> customer);

  /** Remediation progress per customer for the incident, the customer with the oldest open task first. */
  List<RemediationProgress> remediation(String incidentId, Optional<String> customer);
}
