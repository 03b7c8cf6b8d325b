package io.chainwatch.report;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A triage case as a report shows it, in the contract's wire strings so that any triage store adapts to it directly.
 *
 * @param state {@code new}, {@code investigating} or {@code resolved}
 * @param disposition {@code true-positive}, {@code false-positive}, {@code benign}, {@code inconclusive},
 *     {@code duplicate}, or null while unresolved
 * @param severity e.g. {@code critical}, {@code high}, {@code medium}, {@code low}
 * @param hosts the hosts its sightings were seen on
 * @param sightings how many sightings it holds
 * @param notes how many notes analysts wrote on it
 */
public record ReportCase(String customer, String id, String state, @Nullable String disposition, String severity,
    @Nullable String assignee, List<String> hosts, int sightings, int notes, @Nullable Instant opened, @Nullable Instant updated) {
  public ReportCase {
    hosts = List.copyOf(hosts);
  }
}
