package io.chainwatch.hunt;

import java.util.function.Consumer;

/** Looks at one event at a time and reports what it finds in it. */
public interface Detector {
  void inspect(TelemetryEvent event, Consumer<Hit> hits);

  /**
   * Reports what only shows over many events (a beacon's regular series), once every file is read. Most detectors
   * judge each event alone and report nothing here.
   */
  default void finish(Consumer<Finding> findings) {}

  /**
   * Told, before the first event, how many bytes of logs the hunt will read (on disk: compressed files hold more), so
   * that a detector that keeps state across events can size its tables once instead of growing them step by step. A
   * hint only: what the detector finds must not depend on it.
   */
  default void expect(long bytes) {}
}
