package io.chainwatch.exposure;

import java.util.Locale;

/**
 * The verdict on one installation. Declared from the most to the least specific: when two incidents in a chain (or
 * an incident and a trust-graph path) reach the same installation, the lower ordinal wins, so a version-level
 * verdict overrides a graph-derived {@code POTENTIAL}.
 */
public enum ExposureStatus {
  /** The installed release is in the affected set, directly or through a caused incident. */
  AFFECTED,
  /** The installed release is in the fixed set. */
  FIXED,
  /** The product is named, the version placed, and it is not affected. */
  NOT_AFFECTED,
  /** Reachable only through trust-graph edges, with no version-level verdict. */
  POTENTIAL,
  /** The version cannot be placed (unparsable, or the advisory's range is free text or under investigation). */
  UNKNOWN;

  private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

  public String wireName() {
    return wireName;
  }

  /** Shown without {@code --all}: the statuses that need somebody's attention. */
  public boolean needsAttention() {
    return this == AFFECTED || this == POTENTIAL || this == UNKNOWN;
  }
}
