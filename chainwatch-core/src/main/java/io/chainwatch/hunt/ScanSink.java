package io.chainwatch.hunt;

/**
 * Where a parallel scan delivers, in the order of the file: {@link #event} for an event every detector must see (it
 * may hit an indicator), {@link #connections} for connection events only the analytics (beaconing) need,
 * {@link #skipped} for events nobody needs, which are only counted.
 */
public interface ScanSink extends TelemetrySink {
  /**
   * Events {@code [from, to)} of a chunk's connection events, all in the hunt's window, which the indicator detector has
   * nothing on: only the {@link ConnectionDetector}s see them. The batch is the sink's for the call only: the scan
   * fills it again with a later chunk (as another batch, {@link ConnectionBatch#id()}).
   */
  void connections(ConnectionBatch batch, int from, int to);

  /** Events no detector needs: so many in the hunt's window, so many outside it. */
  void skipped(long inWindow, long outside);
}
