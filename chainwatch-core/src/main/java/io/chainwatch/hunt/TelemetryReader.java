package io.chainwatch.hunt;

import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one telemetry format. Readers stream: constant memory whatever the size of the file, lines bounded in
 * length, bad lines counted and skipped (never fatal).
 */
public interface TelemetryReader {
  /** A stable name such as {@code telemetry/zeek-tsv}. */
  String name();

  /** A cheap sniff of the first bytes (already decompressed); must not accept what another reader accepts. */
  boolean accepts(Head head);

  /**
   * Reads every event of {@code in} into {@code sink}.
   *
   * @param file the name to use in evidence and problems
   */
  void read(String file, InputStream in, TelemetrySink sink) throws IOException;
}
