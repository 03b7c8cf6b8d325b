package io.chainwatch.hunt;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a hunt was asked: stored with its sightings so that a hunt can be re-read and judged later.
 *
 * @param logs the paths given, as given
 * @param rules the Sigma rule folder, or null
 * @param beacons the beacon detector's settings as the hunt ran with them (e.g. {@code threshold 0.7, min-timing 0.6,
 *     min-dispersion 0.5, min-connections 4}), {@code off}, or null when not recorded
 */
public record HuntParameters(List<String> logs, @Nullable String incident, @Nullable String customer,
    @Nullable Instant since, @Nullable Instant until, @Nullable String rules, @Nullable String beacons) {
  public HuntParameters {
    logs = List.copyOf(logs);
  }

  /** A hunt whose beacon settings are not recorded. */
  public HuntParameters(List<String> logs, @Nullable String incident, @Nullable String customer,
      @Nullable Instant since, @Nullable Instant until, @Nullable String rules) {
    this(logs, incident, customer, since, until, rules, null);
  }

  /** These parameters with the beacon settings recorded. */
  public HuntParameters withBeacons(@Nullable String settings) {
    return new HuntParameters(logs, incident, customer, since, until, rules, settings);
  }
}
