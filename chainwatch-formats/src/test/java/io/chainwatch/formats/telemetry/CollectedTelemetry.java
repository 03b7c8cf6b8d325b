package io.chainwatch.formats.telemetry;

import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetrySink;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps what a reader gave, for the readers' tests. */
public class CollectedTelemetry implements TelemetrySink {
  public final List<TelemetryEvent> events = new ArrayList<>();
  public final List<ReadProblem> problems = new ArrayList<>();

  @Override
  public void event(TelemetryEvent e) {
    events.add(e);
  }

  @Override
  public void problem(ReadProblem p) {
    problems.add(p);
  }
}
