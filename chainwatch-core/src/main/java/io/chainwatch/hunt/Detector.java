package io.chainwatch.hunt;

import java.util.function.Consumer;

/** Looks at one event at a time and reports what it finds in it. */
public interface Detector {
  void inspect(TelemetryEvent event, Consumer<Hit> hits);
}
