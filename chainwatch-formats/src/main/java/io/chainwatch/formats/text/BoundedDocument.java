package io.chainwatch.formats.text;

import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a whole document into memory, which a tree parser (Jackson, the CycloneDX library) needs, but never more than
 * a limit, and checks that it is strict UTF-8 so that later stages never guess at an encoding.
 */
public final class BoundedDocument {
  public static final long MAX_BYTES = 256L << 20;

  private BoundedDocument() {}

  /** The rest of the stream after {@code head}, joined to it; rejected once it passes {@code limit} bytes. */
  public static byte[] readRest(Source source, byte[] head, long limit) throws IOException {
    if (head.length > limit) throw source.reject(null, "is larger than " + Utf8Text.describeSize(limit));
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(head.length * 2, 8192));
    out.write(head);
    InputStream in = source.stream();
    byte[] buffer = new byte[1 << 16];
    long total = head.length;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > limit) throw source.reject(null, "is larger than " + Utf8Text.describeSize(limit));
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** Index of the first byte after an optional UTF-8 byte-order mark. */
  public static int afterByteOrderMark(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
  }

  /** The first byte that is not white space (after a byte-order mark), or -1. */
  public static int firstSignificantByte(byte[] b) {
    for (int i = afterByteOrderMark(b); i < b.length; i++) {
      int c = b[i] & 0xff;
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return c;
    }
    return -1;
  }

  /**
   * Rejects the first byte sequence that is not well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
   * above U+10FFFF), naming its line and column (counted in characters).
   */
  public static void requireUtf8(Source source, byte[] b) {
    long line = 1;
    long column = 1;
    int i = afterByteOrderMark(b);
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        if (c == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
        continue;
      }
      int length;
      int secondLow = 0x80;
      int secondHigh = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0) secondLow = 0xA0;
        if (c == 0xED) secondHigh = 0x9F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0) secondLow = 0x90;
        if (c == 0xF4) secondHigh = 0x8F;
      } else {
        throw notUtf8(source, line, column);
      }
      if (i + length > b.length) throw notUtf8(source, line, column);
      int second = b[i + 1] & 0xff;
      if (second < secondLow || second > secondHigh) throw notUtf8(source, line, column);
      for (int k = 2; k < length; k++) {
        if ((b[i + k] & 0xC0) != 0x80) throw notUtf8(source, line, column);
      }
      i += length;
      column++;
    }
  }

  private static InputRejected notUtf8(Source source, long line, long column) {
    return source.reject("line " + line + ", column " + column, "is not valid UTF-8 text");
  }
}
