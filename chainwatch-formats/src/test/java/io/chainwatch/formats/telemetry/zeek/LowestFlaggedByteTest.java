package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The walk's byte search finds the first flagged byte by one multiplication: the same as counting trailing zeros. */
class LowestFlaggedByteTest {
  @Test
  void everySetOfFlaggedBytes_givesTheLowestOnesPlace() {
    for (int set = 1; set < 256; set++) {
      long flags = 0;
      for (int k = 0; k < 8; k++) {
        if ((set & (1 << k)) != 0) flags |= 0x80L << (8 * k);
      }
      assertThat(ZeekJsonScanner.lowestFlaggedByte(flags)).as("flags %016x", flags)
          .isEqualTo(Long.numberOfTrailingZeros(flags) >>> 3);
    }
  }
}
