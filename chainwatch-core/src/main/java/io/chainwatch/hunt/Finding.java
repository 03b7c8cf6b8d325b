package io.chainwatch.hunt;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a detector found over many events, reported when the hunt ends.
 *
 * @param hit what it found; its field and value are those of the first event
 * @param representative an event of the series, which names the host the way any hit's event does
 * @param evidence a bounded number of examples, explanation first
 */
public record Finding(Hit hit, TelemetryEvent representative, @Nullable Instant firstSeen, @Nullable Instant lastSeen,
    long count, List<Evidence> evidence) {
  public Finding {
    evidence = List.copyOf(evidence);
  }
}
