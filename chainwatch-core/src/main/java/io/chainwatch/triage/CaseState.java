package io.chainwatch.triage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A case's state: {@code new} → {@code investigating} → {@code resolved}; a resolved case may be reopened. */
public enum CaseState {
  NEW,
  INVESTIGATING,
  RESOLVED;

  /** The name in commands and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CaseState> parse(String label) {
    return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
  }

  public static String labels() {
    return Arrays.stream(values()).map(CaseState::label).collect(Collectors.joining(", "));
  }

  /** The states this one may move to. Resolving from {@code new} is allowed: a case can be closed at first look. */
  public Set<CaseState> next() {
    return switch (this) {
      case NEW -> Set.of(INVESTIGATING, RESOLVED);
      case INVESTIGATING -> Set.of(RESOLVED);
      case RESOLVED -> Set.of(INVESTIGATING);
    };
  }
}
