package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The forms of {@code ts} Zeek's JSON writer has ({@code LogAscii::json_timestamps}). */
class ZeekTimestampsTest {
  @Test
  void epochSecondsAndIso8601() {
    assertThat(ZeekEvents.time("1680084000.123456")).isEqualTo(Instant.parse("2023-03-29T10:00:00.123456Z"));
    assertThat(ZeekEvents.time("2023-03-29T10:00:00.123456Z")).isEqualTo(Instant.parse("2023-03-29T10:00:00.123456Z"));
  }

  @Test
  void epochMilliseconds() {
    assertThat(ZeekEvents.time("1680084000123")).isEqualTo(Instant.parse("2023-03-29T10:00:00.123Z"));
    assertThat(ZeekEvents.time("1680084000123.5")).isEqualTo(Instant.parse("2023-03-29T10:00:00.1235Z"));
    // and the parallel scan the same, for its connection events
    byte[] b = "1680084000123".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    ZeekJsonScanner.Line l = new ZeekJsonScanner.Line();
    assertThat(ZeekJsonScanner.epoch(b, 0, b.length, l)).isTrue();
    assertThat(Instant.ofEpochSecond(l.seconds, l.nanos)).isEqualTo(Instant.parse("2023-03-29T10:00:00.123Z"));
    byte[] fraction = "1680084000123.5".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(ZeekJsonScanner.epoch(fraction, 0, fraction.length, l)).as("left to the reader").isFalse();
  }
}
