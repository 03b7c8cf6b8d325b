package io.chainwatch.version;

import org.jspecify.annotations.Nullable;

/**
 * A scheme that parses each version once into a comparable form. {@link VersionSet} keeps the parsed constraint
 * versions, so testing an installed version costs one parse and a few comparisons.
 *
 * @param <V> the parsed form of a version
 */
abstract class ParsedVersionScheme<V> implements VersionScheme {
  /** No real version is this long; the bound keeps hostile input from costing time or stack. */
  static final int MAX_VERSION_LENGTH = 256;

  private final String name;

  ParsedVersionScheme(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The parsed form of {@code version}, or {@code null} when it is not a version of this scheme. Never throws. */
  final @Nullable V parse(String version) {
    if (version.isEmpty() || version.length() > MAX_VERSION_LENGTH) return null;
    return parseVersion(version);
  }

  /** Parses a non-empty version of bounded length; {@code null} when it is not valid. */
  abstract @Nullable V parseVersion(String version);

  /** Compares two parsed versions; negative, zero or positive. */
  abstract int compareParsed(V a, V b);

  /**
   * Why {@code encoded}, a version as written in a vers string (still percent-encoded), is not in canonical form for
   * this scheme, or {@code null}. Only a few schemes have such rules.
   */
  @Nullable String canonicalProblem(String encoded) {
    return null;
  }

  @Override
  public final boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public final int compare(String a, String b) {
    return Integer.signum(compareParsed(require(a), require(b)));
  }

  private V require(String version) {
    V parsed = parse(version);
    if (parsed == null) throw new IllegalArgumentException("'" + version + "' is not a valid " + name + " version");
    return parsed;
  }

  @Override
  public String toString() {
    return name;
  }
}
