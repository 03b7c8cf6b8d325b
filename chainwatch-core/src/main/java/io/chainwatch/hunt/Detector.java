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
}
