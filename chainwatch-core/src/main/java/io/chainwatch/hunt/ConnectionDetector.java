package io.chainwatch.hunt;

/**
 * A detector that looks only at connection events (Zeek conn, http and ssl: time, endpoints, the destination's name
 * and the request size), so that a parallel scan may hand it those as a {@link ConnectionBatch} instead of one event
 * at a time.
 */
public interface ConnectionDetector extends Detector {
  /**
   * Inspects events {@code [from, to)} of the batch, in order, as {@link #inspect} would inspect them one by one.
   * Whole events of the same chunk may come between two calls for the same batch.
   */
  void connections(ConnectionBatch batch, int from, int to);
}
