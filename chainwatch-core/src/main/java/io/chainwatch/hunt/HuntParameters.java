package io.chainwatch.hunt;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a hunt was asked: stored with its sightings so that a hunt can be re-read and judged later.
 *
 * @param logs the paths given, as given
 * @param rules the Sigma rule folder, or null
 */
public record HuntParameters(List<String> logs, @Nullable String incident, @Nullable String customer,
    @Nullable Instant since, @Nullable Instant until, @Nullable String rules) {
  public HuntParameters {
    logs = List.copyOf(logs);
  }
}
