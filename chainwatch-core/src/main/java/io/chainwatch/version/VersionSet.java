package io.chainwatch.version;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A set of versions in package-url vers syntax, {@code vers:<scheme>/<constraint>|<constraint>...}, e.g.
 * {@code vers:generic/18.12.407|18.12.416} or {@code vers:npm/>=1.2.0|<1.4.3}.
 *
 * <p>Implementation notes. The syntax, the validation of constraint sequences and the containment algorithm follow
 * the vers specification (package-url/vers-spec: "VERS specification" clause 5 and "How to parse and validate
 * VERS"); {@link VersParser} parses, {@link Ranges} answers containment. The one deviation: a set of {@code !=}
 * constraints only contains every version but those (the spec's walk would leave it empty). Version orders, one
 * small class each: {@code generic} is Chainwatch's own contract ({@link GenericScheme}); {@code semver},
 * {@code cargo}, {@code golang}, {@code npm} follow SemVer 2.0.0 precedence; {@code maven} follows Maven's
 * {@code ComparableVersion} (as of Maven 3.2.5, which the vers-spec Maven suite encodes); {@code pypi} follows
 * PEP 440; {@code deb} follows Debian Policy 5.6.12 and dpkg's {@code verrevcmp}; {@code rpm} follows rpm's
 * {@code rpmvercmp} with epoch, {@code ~} and {@code ^}; {@code nuget} follows NuGet.Versioning; {@code gem}
 * follows {@code Gem::Version}; {@code datetime} and {@code lexicographic} follow the vers-spec type definitions.
 * {@code vers:all/*} and {@code vers:none/*} contain everything and nothing.
 *
 * <p>Constraints are parsed once, here; {@link #contains} parses only the tested version, so it is cheap enough to
 * call for every installation.
 */
public final class VersionSet {
  /** The containment check of one parsed set. */
  interface Membership {
    Containment contains(String version);
  }

  private final String scheme;
  private final List<VersConstraint> constraints;
  private final String canonical;
  private final Membership membership;

  VersionSet(String scheme, List<VersConstraint> constraints, Membership membership) {
    this.scheme = scheme;
    this.constraints = constraints;
    this.membership = membership;
    this.canonical = constraints.stream()
        .map(VersConstraint::toString)
        .collect(Collectors.joining("|", "vers:" + scheme + "/", ""));
  }

  /**
   * Parses a vers string, tolerating what is unambiguous: ASCII whitespace (removed), upper-case {@code VERS:} or
   * scheme, a leading {@code =}, constraints out of order (sorted) and repeated constraints (dropped).
   *
   * @throws VersSyntaxException for anything else that is not valid vers, for an unknown scheme, for a version that
   *     is not valid in the scheme, and for an invalid sequence of constraints (e.g. two lower bounds in a row)
   */
  public static VersionSet parse(String vers) {
    return VersParser.parse(vers, false);
  }

  /**
   * Parses a vers string that must already be canonical (no whitespace, sorted, no duplicates, canonical
   * percent-encoding), as the vers spec's parsing rules require.
   *
   * @throws VersSyntaxException with a message starting {@code non-canonical VERS:} for any deviation
   */
  public static VersionSet parseCanonical(String vers) {
    return VersParser.parse(vers, true);
  }

  /** The vers scheme, e.g. {@code generic}, {@code npm}; {@code all} or {@code none} for those keywords. */
  public String scheme() {
    return scheme;
  }

  /** The constraints in canonical order, versions decoded. */
  public List<VersConstraint> constraints() {
    return constraints;
  }

  /**
   * Whether {@code version} is in this set. {@code UNKNOWN} when the version is not valid in the set's scheme (e.g.
   * {@code latest} for {@code generic}), since such a version cannot be placed. Surrounding whitespace is ignored.
   */
  public Containment contains(String version) {
    return membership.contains(version.strip());
  }

  /**
   * Whether {@code version} lies below every version in this set: {@code IN} if so, {@code OUT} if not, {@code UNKNOWN}
   * when the version cannot be placed or the set has no lowest version ({@code <2.0}, {@code *}). Advisories that name
   * only the fixed releases ("fixed in 0.17-65") mean that the releases below them are affected.
   */
  public Containment below(String version) {
    VersConstraint lowest = null;
    for (VersConstraint c : constraints) {
      if (c.comparator() != VersComparator.NOT_EQUAL) {
        lowest = c;
        break;
      }
    }
    if (lowest == null) return Containment.UNKNOWN;
    VersionScheme order = VersionSchemes.forName(scheme).orElse(null);
    String v = version.strip();
    if (order == null || !order.isValid(v)) return Containment.UNKNOWN;
    switch (lowest.comparator()) {
      case EQUAL:
      case GREATER_OR_EQUAL:
        return order.compare(v, lowest.version()) < 0 ? Containment.IN : Containment.OUT;
      case GREATER_THAN:
        return order.compare(v, lowest.version()) <= 0 ? Containment.IN : Containment.OUT;
      default:
        return Containment.UNKNOWN;
    }
  }

  /** The canonical vers string. */
  @Override
  public String toString() {
    return canonical;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof VersionSet && ((VersionSet) o).canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }
}
