package io.chainwatch.version;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Percent-encoding of vers versions: UTF-8 bytes, upper-case hex, exactly the characters vers reserves. */
final class PercentCoding {
  /** Characters with a meaning in vers syntax, plus {@code %} itself; everything else printable stays literal. */
  private static final String RESERVED = "<>=!*|%";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCoding() {}

  static String encode(String version) {
    StringBuilder out = new StringBuilder(version.length());
    for (byte b : version.getBytes(StandardCharsets.UTF_8)) {
      int u = b & 0xff;
      if (u > 0x20 && u < 0x7f && RESERVED.indexOf(u) < 0) {
        out.append((char) u);
      } else {
        out.append('%').append(HEX[u >> 4]).append(HEX[u & 0xf]);
      }
    }
    return out.toString();
  }

  /** The decoded version, or {@code null} when a {@code %} does not start a triplet or the bytes are not UTF-8. */
  static @Nullable String decode(String encoded) {
    if (encoded.indexOf('%') < 0) return encoded;
    ByteBuffer bytes = ByteBuffer.allocate(encoded.getBytes(StandardCharsets.UTF_8).length);
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) return null;
        int hi = hex(encoded.charAt(i + 1));
        int lo = hex(encoded.charAt(i + 2));
        if (hi < 0 || lo < 0) return null;
        bytes.put((byte) (hi << 4 | lo));
        i += 2;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < encoded.length() ? i + 2 : i + 1;
        bytes.put(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }

  /** Whether a percent triplet uses lower-case hex, which canonical vers does not. */
  static boolean hasLowerCaseHex(String encoded) {
    for (int i = encoded.indexOf('%'); i >= 0 && i + 2 < encoded.length(); i = encoded.indexOf('%', i + 1)) {
      for (int k = i + 1; k <= i + 2; k++) {
        char c = encoded.charAt(k);
        if (c >= 'a' && c <= 'f') return true;
      }
    }
    return false;
  }
}
