package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed, sorted constraints of one vers set and the vers-spec containment check ("Checking if a version is
 * contained within a range" in the spec's how-to-parse document): equality and {@code !=} first, then the bounds
 * pairwise. Constraint versions are parsed once here; each check parses only the tested version.
 */
final class Ranges<V> implements VersionSet.Membership {
  private final ParsedVersionScheme<V> scheme;
  private final List<V> including = new ArrayList<>();
  private final List<V> excluded = new ArrayList<>();
  private final List<V> bounds = new ArrayList<>();
  private final boolean[] lower;
  private final boolean onlyExclusions;

  /** {@code versions.get(i)} is the parsed version of {@code constraints.get(i)}; both sorted by version. */
  Ranges(ParsedVersionScheme<V> scheme, List<VersComparator> comparators, List<V> versions) {
    this.scheme = scheme;
    List<Boolean> isLower = new ArrayList<>();
    for (int i = 0; i < comparators.size(); i++) {
      VersComparator c = comparators.get(i);
      V v = versions.get(i);
      if (c.includesEqual()) including.add(v);
      if (c == VersComparator.NOT_EQUAL) excluded.add(v);
      if (c.isLowerBound() || c.isUpperBound()) {
        bounds.add(v);
        isLower.add(c.isLowerBound());
      }
    }
    lower = new boolean[isLower.size()];
    for (int i = 0; i < lower.length; i++) lower[i] = isLower.get(i);
    onlyExclusions = including.isEmpty() && bounds.isEmpty();
  }

  @Override
  public Containment contains(String version) {
    V v = scheme.parse(version);
    if (v == null) return Containment.UNKNOWN;
    for (V x : including) {
      if (scheme.compareParsed(v, x) == 0) return Containment.IN;
    }
    for (V x : excluded) {
      if (scheme.compareParsed(v, x) == 0) return Containment.OUT;
    }
    // The spec's walk finds nothing without bounds, which would make "vers:npm/!=1.0" empty; a set of exclusions
    // only is read as "every version but these", the one meaning that makes it worth writing.
    if (onlyExclusions) return Containment.IN;
    int n = bounds.size();
    if (n == 0) return Containment.OUT;
    if (!lower[0] && scheme.compareParsed(v, bounds.get(0)) < 0) return Containment.IN;
    if (lower[n - 1] && scheme.compareParsed(v, bounds.get(n - 1)) > 0) return Containment.IN;
    for (int i = 0; i + 1 < n; i++) {
      if (lower[i] && !lower[i + 1]
          && scheme.compareParsed(v, bounds.get(i)) > 0
          && scheme.compareParsed(v, bounds.get(i + 1)) < 0) {
        return Containment.IN;
      }
    }
    return Containment.OUT;
  }
}
