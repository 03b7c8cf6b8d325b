package io.chainwatch.triage;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One case as a report shows it.
 *
 * @param hosts the hosts named by its sightings, sorted
 * @param disposition null until resolved
 */
public record CaseSummary(String customer, String incident, long caseId, CaseState state,
    @Nullable Disposition disposition, Severity severity, @Nullable String assignee, List<String> hosts,
    long sightings, Instant opened, Instant updated, int notes) {
  public CaseSummary {
    hosts = List.copyOf(hosts);
  }
}
