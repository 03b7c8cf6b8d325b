package io.chainwatch.downstream;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to compare.
 *
 * @param update the update's time: events before it are the baseline, events at or after it are compared with it
 * @param customer the telemetry and installations of this customer only, or null for all
 * @param executables further executable names (or paths) of the product's processes, beside those from the inventory
 */
public record DownstreamParameters(String vendor, String product, List<String> logs, Instant update,
    @Nullable String customer, List<String> executables) {
  public DownstreamParameters {
    logs = List.copyOf(logs);
    executables = List.copyOf(executables);
  }
}
