package io.chainwatch.graph;

import java.util.Locale;
import java.util.Optional;

/** What a trust-graph node is. Incidents appear only at the head of paths; trust edges join the other three. */
public enum NodeKind {
  VENDOR, PRODUCT, RELEASE, INCIDENT;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The prefix in the node's text form, without the colon: {@code vendor}, {@code product}, ... */
  public String wireName() {
    return wireName;
  }

  public static Optional<NodeKind> parse(String text) {
    for (NodeKind k : values()) if (k.wireName.equals(text)) return Optional.of(k);
    return Optional.empty();
  }
}
