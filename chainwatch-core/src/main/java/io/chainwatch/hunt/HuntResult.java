package io.chainwatch.hunt;

import java.time.Instant;
import java.util.List;

/**
 * A finished hunt.
 *
 * @param id the stored hunt's id, 0 when not stored
 * @param suppressed sightings of (indicator, host) pairs an analyst judged false positives: kept apart, not dropped
 */
public record HuntResult(long id, Instant started, Instant finished, HuntParameters parameters, int indicators,
    int rules, List<Sighting> sightings, HuntStats stats, List<Sighting> suppressed) {
  public HuntResult {
    sightings = List.copyOf(sightings);
    suppressed = List.copyOf(suppressed);
  }

  public HuntResult(long id, Instant started, Instant finished, HuntParameters parameters, int indicators, int rules,
      List<Sighting> sightings, HuntStats stats) {
    this(id, started, finished, parameters, indicators, rules, sightings, stats, List.of());
  }

  public HuntResult withId(long newId) {
    return new HuntResult(newId, started, finished, parameters, indicators, rules, sightings, stats, suppressed);
  }
}
