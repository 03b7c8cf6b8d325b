package io.chainwatch.version;

/**
 * One constraint of a vers string.
 *
 * @param version the version, percent-decoded; empty for {@link VersComparator#ANY}
 */
public record VersConstraint(VersComparator comparator, String version) {
  /** The constraint as written in a canonical vers string, version percent-encoded. */
  @Override
  public String toString() {
    return comparator.symbol() + PercentCoding.encode(version);
  }
}
