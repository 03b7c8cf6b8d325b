package io.chainwatch.formats.text;

import io.chainwatch.ingest.InputRejected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;

/** Whole small documents as strict UTF-8 text, for formats that must hold a document in memory to parse it. */
public final class Utf8Text {
  private Utf8Text() {}

  /**
   * Reads the whole stream, refusing more than {@code maxBytes}.
   *
   * @throws InputRejected if the stream holds more than {@code maxBytes}
   */
  public static byte[] readAtMost(String fileName, InputStream in, int maxBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 1 << 16));
    byte[] buf = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
      if (total > maxBytes) throw new InputRejected(fileName, null, "is larger than " + describeSize(maxBytes));
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * Decodes strict UTF-8, dropping a leading byte-order mark.
   *
   * @throws InputRejected naming the line of the first invalid byte
   */
  public static String decode(String fileName, byte[] bytes) {
    int from = hasBom(bytes) ? 3 : 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
    try {
      CharBuffer out = decoder.decode(in);
      return out.toString();
    } catch (MalformedInputException | UnmappableCharacterException e) {
      // decode() leaves the buffer at the first bad byte.
      throw InputRejected.atLine(fileName, lineAt(bytes, in.position()), "is not valid UTF-8 text");
    } catch (CharacterCodingException e) {
      throw new InputRejected(fileName, null, "is not valid UTF-8 text", e);
    }
  }

  /** The line (from 1) holding byte {@code offset}. */
  public static long lineAt(byte[] bytes, int offset) {
    long line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') line++;
    }
    return line;
  }

  /** {@code 1 MiB}, {@code 64 KiB}, {@code 1000 bytes}: a limit as people say it. */
  public static String describeSize(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) return (bytes >> 10) + " KiB";
    return bytes + (bytes == 1 ? " byte" : " bytes");
  }

  /**
   * A value quoted for an error message, shortened if long and with control characters escaped ({@code \n},
   * {@code \u0007}), so that the message stays one readable line.
   */
  public static String quote(String value) {
    int max = 80;
    StringBuilder b = new StringBuilder(Math.min(value.length(), max) + 3).append('\'');
    for (int i = 0; i < value.length() && i < max; i++) {
      char c = value.charAt(i);
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(value.length() > max ? "…'" : "'").toString();
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
  }
}
