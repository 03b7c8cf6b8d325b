package io.chainwatch.hunt;

/** Receives what a {@link TelemetryReader} reads: events, one at a time, and the problems it skipped. */
public interface TelemetrySink {
  void event(TelemetryEvent event);

  /** A line or record that was skipped; reading goes on. */
  void problem(ReadProblem problem);
}
