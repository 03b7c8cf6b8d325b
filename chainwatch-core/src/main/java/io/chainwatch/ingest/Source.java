package io.chainwatch.ingest;

import java.io.InputStream;

/**
 * One input file as a parser sees it: a name for messages, a stream to read once, and the user's options.
 * The stream is buffered; parsers must not read it whole into memory unless they bound its size.
 */
public record Source(String name, InputStream stream, ImportOptions options) {
  /** Shortcut for a rejection that names this file. */
  public InputRejected reject(@org.jspecify.annotations.Nullable String place, String problem) {
    return new InputRejected(name, place, problem);
  }
}
