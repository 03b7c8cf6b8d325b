package io.chainwatch.graph;

import java.util.Optional;

/** How the {@code from} node of a trust edge depends on its {@code to} node (CONTRACT.md, trust-edges.csv). */
public enum Relation {
  /** The release ships that component. */
  BUNDLES("bundles"),
  /** Its build uses it. */
  BUILT_WITH("built-with"),
  /** The vendor's staff run it on machines that reach the build or signing systems. */
  STAFF_USE("staff-use"),
  UPDATES_VIA("updates-via"),
  HOSTED_BY("hosted-by");

  private final String wireName;

  Relation(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Relation> parse(String text) {
    for (Relation r : values()) if (r.wireName.equals(text)) return Optional.of(r);
    return Optional.empty();
  }
}
