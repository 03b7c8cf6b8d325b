package io.chainwatch.formats.telemetry;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Epoch seconds as logs write them ({@code 1679479262.123456}, also {@code 1.679479262E9}), read exactly. A number far
 * outside any time is none: log lines are untrusted, and {@code 1e9999999} would take seconds to expand to its digits.
 */
public final class EpochSeconds {
  /** More integer digits than this is no time (a long holds 18). */
  private static final int MAX_INTEGER_DIGITS = 18;
  /**
   * More fraction digits than this is no time (Zeek writes 6, some tools 9); the parallel Zeek scanner reads numbers of
   * up to 100 characters itself, and must agree.
   */
  public static final int MAX_SCALE = 100;

  private EpochSeconds() {}

  /** The instant, or null when the text is no number or none that can be a time. */
  public static @Nullable Instant parse(String text) {
    return parse(text, false);
  }

  /** @param milliseconds whether the number counts milliseconds */
  public static @Nullable Instant parse(String text, boolean milliseconds) {
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
    if (milliseconds) seconds = seconds.movePointLeft(3);
    if (seconds.scale() > MAX_SCALE || seconds.precision() - seconds.scale() > MAX_INTEGER_DIGITS) return null;
    try {
      long s = seconds.longValue();
      int nanos = seconds.subtract(BigDecimal.valueOf(s)).movePointRight(9).intValue();
      return Instant.ofEpochSecond(s, nanos);
    } catch (ArithmeticException | DateTimeException e) {
      return null;
    }
  }
}
