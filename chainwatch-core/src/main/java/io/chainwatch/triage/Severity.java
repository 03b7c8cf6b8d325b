package io.chainwatch.triage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A case's severity, from the customer's criticality and the strength of its sightings. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> parse(String label) {
    return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
  }
}
