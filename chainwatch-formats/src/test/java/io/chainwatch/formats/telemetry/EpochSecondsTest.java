package io.chainwatch.formats.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EpochSecondsTest {
  @Test
  void decimalsAndExponents_areExact() {
    assertThat(EpochSeconds.parse("1679479262.123456")).isEqualTo(Instant.parse("2023-03-22T10:01:02.123456Z"));
    assertThat(EpochSeconds.parse("1.679479262E9")).isEqualTo(Instant.parse("2023-03-22T10:01:02Z"));
    assertThat(EpochSeconds.parse("1679479262")).isEqualTo(Instant.parse("2023-03-22T10:01:02Z"));
    assertThat(EpochSeconds.parse("XXXXXXXXXX.XXXXXX")).isNull();
  }

  /** An exponent of ten million would be expanded to its digits by BigDecimal arithmetic: seconds per line. */
  @Test
  @Timeout(5)
  void hugeOrTinyExponents_areNoTime_andCostNothing() {
    for (int i = 0; i < 1000; i++) {
      assertThat(EpochSeconds.parse("1e999999999")).isNull();
      assertThat(EpochSeconds.parse("1e9999999")).isNull();
      assertThat(EpochSeconds.parse("1e-999999999")).isNull();
      assertThat(EpochSeconds.parse("12345678901234567890")).isNull();
    }
  }
}
