package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** The forms of {@code ts} Zeek's JSON writer has ({@code LogAscii::json_timestamps}). */
class ZeekTimestampsTest {
  @Test
  void epochSecondsAndIso8601() {
    assertThat(ZeekEvents.time("1680084000.123456")).isEqualTo(Instant.parse("2023-03-29T10:00:00.123456Z"));
    assertThat(ZeekEvents.time("2023-03-29T10:00:00.123456Z")).isEqualTo(Instant.parse("2023-03-29T10:00:00.123456Z"));
  }

  @Test
  @Disabled("JSON::TS_MILLIS writes ts as integer milliseconds (1680084000123): ZeekEvents.time and ZeekJsonScanner.epoch"
      + " both read it as seconds (year 55210), so --since/--until drop the event and first/last seen are wrong;"
      + " expected 2023-03-29T10:00:00.123Z. Both must change together (the parallel scan must agree with the reader):"
      + " an integer of 13 digits or more is milliseconds. ZeekJsonScanner is being changed by another engineer.")
  void epochMilliseconds() {
    assertThat(ZeekEvents.time("1680084000123")).isEqualTo(Instant.parse("2023-03-29T10:00:00.123Z"));
    // and ZeekJsonScanner.epoch the same, for the scan's connection events
  }
}
