package io.chainwatch.hunt;

import io.chainwatch.common.Progress;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A telemetry reader that can also read a whole plain (uncompressed) file in parallel chunks, passing on only what the
 * hunt's detectors can use. The result must be exactly what {@link TelemetryReader#read} followed by the detectors
 * gives: the same events reach the detectors in the same order, with the same files and lines, and the same problems
 * are reported. Where the scanner is not sure, it hands the rest of the file to {@code read}.
 */
public interface ParallelReader extends TelemetryReader {
  /**
   * Scans {@code file} into {@code sink}.
   *
   * @param name the name to use in evidence and problems
   * @param progress told of the bytes done in this file
   */
  void scan(Path file, String name, ScanPlan plan, ScanSink sink, Progress progress) throws IOException;
}
