package io.chainwatch.hunt;

import java.time.Instant;
import java.util.List;

/**
 * A finished hunt.
 *
 * @param id the stored hunt's id, 0 when not stored
 */
public record HuntResult(long id, Instant started, Instant finished, HuntParameters parameters, int indicators,
    int rules, List<Sighting> sightings, HuntStats stats) {
  public HuntResult {
    sightings = List.copyOf(sightings);
  }
}
