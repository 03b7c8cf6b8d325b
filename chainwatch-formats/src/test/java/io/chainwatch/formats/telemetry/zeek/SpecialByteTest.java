package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The walk's search for the end of a string's plain text, eight bytes at a time, finds the first quote, backslash,
 * control character or non-ASCII byte, as a byte-by-byte search does: for every byte value at every place in a word,
 * after bytes that could carry or borrow into it.
 */
class SpecialByteTest {
  @Test
  void findsTheFirstSpecialByte_asAByteByByteSearchDoes() {
    Random random = new Random(12);
    byte[] b = new byte[64];
    for (int value = 0; value < 256; value++) {
      for (int at = 0; at < 24; at++) {
        for (int round = 0; round < 20; round++) {
          // plain text around the byte, sometimes bytes just below or above the special ones
          for (int i = 0; i < b.length; i++) {
            int plain = round % 2 == 0 ? 'a' + random.nextInt(26) : new int[] {0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x20}[random.nextInt(6)];
            b[i] = (byte) plain;
          }
          b[at] = (byte) value;
          int to = at + 1 + random.nextInt(b.length - at - 1);
          assertThat(ZeekJsonScanner.special(b, 0, to)).as("byte 0x%02x at %d", value, at).isEqualTo(naive(b, 0, to));
        }
      }
    }
  }

  private static int naive(byte[] b, int p, int to) {
    for (; p < to; p++) {
      int x = b[p] & 0xff;
      if (x == '"' || x == '\\' || x < 0x20 || x >= 0x80) return p;
    }
    return to;
  }
}
