package io.chainwatch.ingest;

import java.io.IOException;

/**
 * One input format. Implementations live in the formats module, one package per format, and are listed in one ordered
 * registry there. Detection asks every parser's {@link #accepts}; exactly one must say yes.
 */
public interface Parser {
  /** A stable name such as {@code sbom/cyclonedx}, stored as provenance with what the parser imported. */
  String name();

  /** The parser's own version, bumped when what it produces from the same input changes. */
  String version();

  /** A cheap sniff of the head of the file; must not throw. */
  boolean accepts(Head head);

  /**
   * Reads the source and hands each record to the sink.
   *
   * @throws InputRejected when the input is bad; the caller discards everything the sink received
   */
  void parse(Source source, ImportSink sink) throws IOException;
}
