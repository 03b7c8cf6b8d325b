package io.chainwatch.common;

/**
 * Told how far long work has come, so an edge can draw a progress bar. Called from the working thread, at most a
 * few times a second's worth of work; implementations must be cheap.
 */
public interface Progress {
  Progress NONE = (label, done, total) -> {};

  /**
   * @param label what is being worked on (a file name)
   * @param done units done so far (bytes)
   * @param total units in all, or -1 when unknown
   */
  void update(String label, long done, long total);
}
