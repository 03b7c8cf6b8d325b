package io.chainwatch.hunt;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What a parallel scan must look for.
 *
 * @param indicators the indicator detector's pre-test, or null when no indicators are hunted
 * @param beacons whether the beacon detector runs: connection events go to it
 * @param since events before this are outside the window (counted, not inspected), or null
 * @param until events after this are outside the window, or null
 * @param pool the threads that scan chunks
 * @param parallelism how many chunks are scanned at once
 * @param chunkBytes the size of a chunk (lines are never split)
 * @param spares connection batches delivered, for the scan's later chunks
 */
public record ScanPlan(@Nullable IndicatorDetector.Prefilter indicators, boolean beacons, @Nullable Instant since,
    @Nullable Instant until, ExecutorService pool, int parallelism, int chunkBytes, ConnectionBatch.Spares spares) {

  public ScanPlan(@Nullable IndicatorDetector.Prefilter indicators, boolean beacons, @Nullable Instant since,
      @Nullable Instant until, ExecutorService pool, int parallelism, int chunkBytes) {
    this(indicators, beacons, since, until, pool, parallelism, chunkBytes, new ConnectionBatch.Spares());
  }

  /** Whether the hunt has a window: else every event is in it, whatever its time. */
  public boolean windowed() {
    return since != null || until != null;
  }

  /**
   * Whether an event at the time {@code epochSecond} + {@code nano} is outside the window, as the hunt decides for
   * every event (the bounds are inclusive), without making an instant.
   */
  public boolean outside(long epochSecond, int nano) {
    return (since != null && (epochSecond < since.getEpochSecond()
        || (epochSecond == since.getEpochSecond() && nano < since.getNano())))
        || (until != null && (epochSecond > until.getEpochSecond()
        || (epochSecond == until.getEpochSecond() && nano > until.getNano())));
  }
}
