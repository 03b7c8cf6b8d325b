package io.chainwatch.triage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a resolved case was judged, in TheHive's resolution vocabulary. */
public enum Disposition {
  TRUE_POSITIVE,
  FALSE_POSITIVE,
  BENIGN,
  INCONCLUSIVE,
  DUPLICATE;

  /** The name in commands and JSON: {@code true-positive}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Disposition> parse(String label) {
    return Arrays.stream(values()).filter(d -> d.label().equals(label)).findFirst();
  }

  public static String labels() {
    return Arrays.stream(values()).map(Disposition::label).collect(Collectors.joining(", "));
  }
}
