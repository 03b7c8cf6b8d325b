package io.chainwatch.formats.inventory;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The two timestamp shapes inventories write almost always, {@code 2023-03-22} and {@code 2023-03-22T10:01:02Z}
 * (optionally with a fraction of a second), read without {@code DateTimeFormatter}, which costs microseconds per value
 * and dominates a five-million-row import otherwise. Anything else is left to the caller's general parser.
 */
final class IsoTimes {
  private IsoTimes() {}

  /**
   * The instant of a date (start of day, UTC) or a UTC date-time ending in {@code Z}; null if {@code text} has another
   * shape.
   *
   * @throws DateTimeException if the shape fits but a field is out of range (month 13, February 30)
   */
  static @Nullable Instant parseUtc(String text) {
    int n = text.length();
    if (n < 10 || !digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 7) || text.charAt(7) != '-'
        || !digits(text, 8, 10)) {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 7);
    int day = number(text, 8, 10);
    if (n == 10) return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
    if (n < 20 || text.charAt(10) != 'T' || !digits(text, 11, 13) || text.charAt(13) != ':' || !digits(text, 14, 16)
        || text.charAt(16) != ':' || !digits(text, 17, 19) || text.charAt(n - 1) != 'Z') {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9 || !digits(text, 20, n - 1)) return null;
      nanos = number(text, 20, n - 1);
      for (int i = fraction; i < 9; i++) nanos *= 10;
    }
    return LocalDateTime.of(year, month, day, number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), nanos)
        .toInstant(ZoneOffset.UTC);
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static int number(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) value = value * 10 + (s.charAt(i) - '0');
    return value;
  }
}
