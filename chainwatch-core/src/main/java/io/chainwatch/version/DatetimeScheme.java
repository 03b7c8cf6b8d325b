package io.chainwatch.version;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The vers {@code datetime} scheme: RFC 3339 timestamps with an offset, ordered by the instant they denote
 * ({@code 2024-01-01T00:00:00Z == 2023-12-31T19:00:00-05:00}). In canonical vers text {@code T} and {@code Z} are
 * upper case and the time's colons are not percent-encoded.
 */
final class DatetimeScheme extends ParsedVersionScheme<Instant> {
  DatetimeScheme() {
    super("datetime");
  }

  @Override
  @Nullable Instant parseVersion(String version) {
    try {
      return OffsetDateTime.parse(version, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  int compareParsed(Instant a, Instant b) {
    return a.compareTo(b);
  }

  @Override
  @Nullable String canonicalProblem(String encoded) {
    if (encoded.indexOf('t') >= 0 || encoded.indexOf('z') >= 0) return "datetime must use uppercase T and Z";
    if (encoded.contains("%3A")) return "datetime time colons must be unencoded";
    return null;
  }
}
