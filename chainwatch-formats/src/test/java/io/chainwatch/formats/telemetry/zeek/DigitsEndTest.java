package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The end of a run of digits, found eight bytes at a time, is where a loop over the bytes finds it. */
class DigitsEndTest {
  private static int byLoop(byte[] b, int q, int to) {
    while (q < to && b[q] >= '0' && b[q] <= '9') q++;
    return q;
  }

  @Test
  void everyByteValue_atEveryPlaceOfTheWord_endsTheRunThere_unlessADigit() {
    for (int place = 0; place < 16; place++) {
      for (int v = 0; v < 256; v++) {
        byte[] b = "12345678901234567890123".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b[place] = (byte) v;
        // the bytes after it too: borrows and carries must not move the end below the first non-digit
        for (int after = place + 1; after < b.length; after += 3) b[after] = (byte) (v ^ 0x55);
        assertThat(ZeekJsonScanner.digitsEnd(b, 0, b.length)).as("byte %d at %d", v, place).isEqualTo(byLoop(b, 0, b.length));
      }
    }
  }

  @Test
  void randomRuns_andBounds() {
    Random random = new Random(3);
    byte[] b = new byte[64];
    for (int round = 0; round < 100_000; round++) {
      for (int i = 0; i < b.length; i++) b[i] = random.nextInt(5) == 0 ? (byte) random.nextInt(256) : (byte) ('0' + random.nextInt(10));
      int from = random.nextInt(b.length);
      int to = from + random.nextInt(b.length - from + 1);
      assertThat(ZeekJsonScanner.digitsEnd(b, from, to)).isEqualTo(byLoop(b, from, to));
    }
  }
}
