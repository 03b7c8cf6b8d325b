package io.chainwatch.hunt;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An indicator of interest: one detector's finding of one indicator (or rule) on one host, over a hunt.
 *
 * @param customer the customer the host belongs to, when known
 * @param host the asset name when the event named it or inventory addresses map to it, else the address
 * @param firstSeen null when no event of the sighting carried a time
 * @param evidence a bounded number of examples, the first ones seen
 */
public record Sighting(
    String detector,
    String indicatorType,
    String indicatorValue,
    @Nullable String level,
    @Nullable String customer,
    String host,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    long count,
    List<Evidence> evidence) {
  public Sighting {
    evidence = List.copyOf(evidence);
  }
}
