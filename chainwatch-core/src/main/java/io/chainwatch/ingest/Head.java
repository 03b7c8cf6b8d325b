package io.chainwatch.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The first bytes of a file, for a parser's cheap {@code accepts} sniff. {@link #text()} is the head decoded
 * leniently as UTF-8 without a byte-order mark, for sniffs that look for a key or a header line.
 */
public record Head(String fileName, byte[] bytes) {
  public static final int SIZE = 64 * 1024;

  public String text() {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
  }

  /** The text with leading white space removed: JSON starts with '{', XML with '<'. */
  public String trimmedText() {
    return text().stripLeading();
  }

  public boolean looksLikeJson() {
    return trimmedText().startsWith("{");
  }

  public boolean looksLikeXml() {
    return trimmedText().startsWith("<");
  }

  public String lowerFileName() {
    return fileName.toLowerCase(Locale.ROOT);
  }
}
