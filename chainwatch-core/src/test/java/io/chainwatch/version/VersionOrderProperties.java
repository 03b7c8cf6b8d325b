package io.chainwatch.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For every scheme, over generated valid versions: {@code compare} is a total order, and a vers set contains exactly
 * what its constraints say.
 */
class VersionOrderProperties {
  /** A scheme and a few versions of it. */
  record Sample(String scheme, List<String> versions) {
    VersionScheme order() {
      return VersionSchemes.forName(scheme).orElseThrow();
    }

    String v(int i) {
      return versions.get(i);
    }

    @Override
    public String toString() {
      return scheme + " " + versions;
    }
  }

  @Property(tries = 4000)
  void compare_isTotalOrder(@ForAll("samples") Sample s) {
    VersionScheme order = s.order();
    String a = s.v(0);
    String b = s.v(1);
    String c = s.v(2);
    assertThat(order.isValid(a) && order.isValid(b) && order.isValid(c)).as("generated versions are valid").isTrue();
    assertThat(order.compare(a, a)).isZero();
    assertThat(order.compare(a, b)).isEqualTo(-order.compare(b, a));
    if (order.compare(a, b) <= 0 && order.compare(b, c) <= 0) assertThat(order.compare(a, c)).isNotPositive();
    if (order.compare(a, b) < 0 && order.compare(b, c) < 0) assertThat(order.compare(a, c)).isNegative();
    if (order.compare(a, b) == 0) assertThat(order.compare(a, c)).isEqualTo(order.compare(b, c));
  }

  @Property(tries = 4000)
  void range_containsExactlyVersionsBetweenItsBounds(
      @ForAll("samples") Sample s, @ForAll boolean lowerInclusive, @ForAll boolean upperInclusive) {
    VersionScheme order = s.order();
    String low = order.compare(s.v(0), s.v(1)) <= 0 ? s.v(0) : s.v(1);
    String high = low.equals(s.v(0)) ? s.v(1) : s.v(0);
    Assume.that(order.compare(low, high) < 0);
    String v = s.v(2);
    VersionSet set = VersionSet.parse("vers:" + s.scheme() + "/" + (lowerInclusive ? ">=" : ">") + enc(low)
        + "|" + (upperInclusive ? "<=" : "<") + enc(high));
    int fromLow = order.compare(v, low);
    int toHigh = order.compare(v, high);
    boolean in = (lowerInclusive ? fromLow >= 0 : fromLow > 0) && (upperInclusive ? toHigh <= 0 : toHigh < 0);
    assertThat(set.contains(v)).as("%s contains %s", set, v).isEqualTo(in ? Containment.IN : Containment.OUT);
  }

  @Property(tries = 4000)
  void outsideBounds_containsExactlyVersionsBelowOrAbove(@ForAll("samples") Sample s) {
    VersionScheme order = s.order();
    String low = order.compare(s.v(0), s.v(1)) <= 0 ? s.v(0) : s.v(1);
    String high = low.equals(s.v(0)) ? s.v(1) : s.v(0);
    Assume.that(order.compare(low, high) < 0);
    String v = s.v(2);
    VersionSet set = VersionSet.parse("vers:" + s.scheme() + "/<" + enc(low) + "|>=" + enc(high));
    boolean in = order.compare(v, low) < 0 || order.compare(v, high) >= 0;
    assertThat(set.contains(v)).as("%s contains %s", set, v).isEqualTo(in ? Containment.IN : Containment.OUT);
  }

  @Property(tries = 3000)
  void equality_containsOnlyEqualVersions(@ForAll("samples") Sample s) {
    VersionSet set = VersionSet.parse("vers:" + s.scheme() + "/" + enc(s.v(0)));
    boolean equal = s.order().compare(s.v(0), s.v(1)) == 0;
    assertThat(set.contains(s.v(0))).isEqualTo(Containment.IN);
    assertThat(set.contains(s.v(1))).isEqualTo(equal ? Containment.IN : Containment.OUT);
  }

  @Property(tries = 3000)
  void notEqual_excludesOnlyEqualVersions(@ForAll("samples") Sample s) {
    VersionSet set = VersionSet.parse("vers:" + s.scheme() + "/!=" + enc(s.v(0)));
    boolean equal = s.order().compare(s.v(0), s.v(1)) == 0;
    assertThat(set.contains(s.v(0))).isEqualTo(Containment.OUT);
    assertThat(set.contains(s.v(1))).isEqualTo(equal ? Containment.OUT : Containment.IN);
  }

  @Property(tries = 3000)
  void equalities_canonicalFormIsSortedUniqueAndRoundTrips(@ForAll("samples") Sample s) {
    String written = s.versions().stream().map(VersionOrderProperties::enc).collect(Collectors.joining("|"));
    VersionSet set = VersionSet.parse("vers:" + s.scheme() + "/" + written);
    List<VersConstraint> constraints = set.constraints();
    for (int i = 0; i + 1 < constraints.size(); i++) {
      assertThat(s.order().compare(constraints.get(i).version(), constraints.get(i + 1).version())).isNegative();
    }
    for (String v : s.versions()) assertThat(set.contains(v)).isEqualTo(Containment.IN);
    assertThat(VersionSet.parseCanonical(set.toString())).isEqualTo(set).hasToString(set.toString());
  }

  private static String enc(String version) {
    return PercentCoding.encode(version);
  }

  // --- generators: valid versions of each scheme ---------------------------------------------------------------

  @Provide
  Arbitrary<Sample> samples() {
    return Arbitraries.of(VersionSchemes.names())
        .flatMap(name -> versions(name).list().ofSize(3).map(vs -> new Sample(name, vs)));
  }

  static Arbitrary<String> versions(String scheme) {
    switch (scheme) {
      case "generic":
        return Combinators.combine(
                Arbitraries.of("", "v"), dotted(1, 4), Arbitraries.of("", "", "p608", "p9", "a", "b2", "rc1", "-beta"))
            .as((v, n, suffix) -> v + n + suffix);
      case "semver":
      case "cargo":
        return semver();
      case "npm":
        return Combinators.combine(Arbitraries.of("", "v", "=", "=v"), semver()).as(String::concat);
      case "golang":
        return semver().map(v -> "v" + v);
      case "maven":
        // Shapes real Maven versions take. On arbitrary strings Maven's ComparableVersion is not transitive
        // (Maven 3.2.5 itself: ".-" < "-aa0." < ".-0a1a" but ".-" > ".-0a1a"), and this scheme reproduces it.
        return Combinators.combine(
                dotted(1, 3),
                Arbitraries.of("-", ".", ""),
                Arbitraries.of("", "", "alpha", "beta", "a", "b", "m", "milestone", "rc", "CR", "SNAPSHOT", "ga",
                    "final", "sp", "foo"),
                Arbitraries.of("", "1", "2", "10"),
                Arbitraries.of("", "", "-1", "-SNAPSHOT", ".1"))
            .as((n, sep, q, qn, tail) -> n + (q.isEmpty() ? "" : sep + q + qn) + tail);
      case "pypi":
        return Combinators.combine(
                Arbitraries.of("", "", "1!"),
                dotted(1, 3),
                Arbitraries.of("", "", "a1", "b2", "rc1", "alpha", ".beta2", "c3", "pre"),
                Arbitraries.of("", "", ".post1", "-2", "post", ".rev3"),
                Arbitraries.of("", "", ".dev0", ".dev3", "dev"),
                Arbitraries.of("", "", "+ubuntu.1", "+1", "+abc.2.x"))
            .as((e, n, pre, post, dev, local) -> e + n + pre + post + dev + local);
      case "deb":
        return Combinators.combine(
                Arbitraries.of("", "", "1:", "2:"),
                Arbitraries.strings().withChars("0123456789").ofLength(1),
                Arbitraries.strings().withChars("0123456789abz.+~").ofMaxLength(5),
                Arbitraries.of("", "", "-1", "-1ubuntu1", "-0", "-1~bpo1", "-2+deb12u1", "-a.1"))
            .as((e, first, rest, rev) -> e + first + rest + rev);
      case "rpm":
        return Combinators.combine(
                Arbitraries.of("", "", "1:"),
                Arbitraries.strings().withChars("0123456789").ofLength(1),
                Arbitraries.strings().withChars("0123456789abcZ._+~^").ofMaxLength(5),
                Arbitraries.of("", "", "-1", "-1.el8", "-0.rc1", "-2~beta", "-1^post"))
            .as((e, first, rest, rel) -> e + first + rest + rel);
      case "nuget":
        return Combinators.combine(
                dotted(1, 4),
                Arbitraries.of("", "", "-alpha", "-Beta.2", "-beta.10", "-rc.1", "-1", "-alpha.x-y"),
                Arbitraries.of("", "", "+git.abc"))
            .as((n, label, meta) -> n + label + meta);
      case "gem":
        return Combinators.combine(
                dotted(1, 3), Arbitraries.of("", "", ".a", ".pre", ".rc1", "-alpha", "-beta.2", ".1b", ".0"))
            .as(String::concat);
      case "datetime":
        return Combinators.combine(
                Arbitraries.longs().between(1_600_000_000_000L, 1_600_000_100_000L),
                Arbitraries.of(0, 0, 2, -5, 14, -12))
            .as((millis, hours) -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(hours))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      case "lexicographic":
        return Arbitraries.of("a", "A", "b", "Z", "0", "9", ".", "-", "\u00e9", "\u20ac", "\uD83D\uDE00", "%", "|")
            .list().ofMinSize(1).ofMaxSize(4)
            .map(parts -> String.join("", parts));
      default:
        throw new IllegalArgumentException("no generator for scheme " + scheme);
    }
  }

  private static Arbitrary<String> dotted(int min, int max) {
    return Arbitraries.integers().between(0, 12).list().ofMinSize(min).ofMaxSize(max)
        .map(ns -> ns.stream().map(String::valueOf).collect(Collectors.joining(".")));
  }

  private static Arbitrary<String> semver() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 3);
    Arbitrary<String> pre = Arbitraries.of("alpha", "beta", "rc", "0", "1", "2", "10", "x-y").list().ofMaxSize(3)
        .map(ids -> ids.isEmpty() ? "" : "-" + String.join(".", ids));
    return Combinators.combine(n, n, n, pre, Arbitraries.of("", "", "+b1", "+exp.sha.5114f85"))
        .as((major, minor, patch, p, build) -> major + "." + minor + "." + patch + p + build);
  }
}
