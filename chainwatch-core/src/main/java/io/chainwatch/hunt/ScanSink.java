package io.chainwatch.hunt;

/**
 * Where a parallel scan delivers, in the order of the file: {@link #event} for an event every detector must see (it
 * may hit an indicator), {@link #connection} for one only the analytics (beaconing) need, {@link #skipped} for events
 * nobody needs, which are only counted.
 */
public interface ScanSink extends TelemetrySink {
  /** An event the indicator detector has nothing on: only the beacon detector sees it. */
  void connection(TelemetryEvent e);

  /** Events no detector needs: so many in the hunt's window, so many outside it. */
  void skipped(long inWindow, long outside);
}
