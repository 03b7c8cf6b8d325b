package io.chainwatch.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Known orders of each ecosystem scheme, from the ecosystems' own documentation. */
class SchemeOrderTest {
  @Test
  void semver_precedenceExampleFromSpec() {
    ascending("semver", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1", "10.0.0");
    equal("semver", "1.0.0+build.1", "1.0.0+other");
    invalid("semver", "1.0", "01.0.0", "1.0.0-01", "v1.0.0", "=1.0.0", "1.0.0-", "1.0.0+", "1.0.0-a..b", "1.0.0.0");
  }

  @Test
  void cargo_isStrictSemver() {
    ascending("cargo", "0.9.0", "1.0.0-rc.1", "1.0.0");
    invalid("cargo", "v1.0.0");
  }

  @Test
  void npm_toleratesVAndEqualsPrefix() {
    equal("npm", "v1.2.3", "1.2.3");
    equal("npm", "=1.2.3", "1.2.3");
    equal("npm", "=v1.2.3", "1.2.3");
    ascending("npm", "1.2.3-beta.1", "1.2.3", "1.2.4");
    invalid("npm", "1.2", "latest", "vv1.2.3");
  }

  @Test
  void golang_pseudoVersionsAndIncompatible() {
    ascending("golang", "v0.0.0-20230101120000-abcdef123456", "v0.1.0", "v1.9.9", "v2.0.0+incompatible", "v2.0.1");
    equal("golang", "v2.0.0+incompatible", "v2.0.0");
    equal("golang", "1.2.3", "v1.2.3");
  }

  @Test
  void maven_qualifierOrder() {
    ascending("maven", "1.0-alpha-1", "1.0-alpha-2", "1.0-beta", "1.0-milestone-1", "1.0-rc1", "1.0-SNAPSHOT", "1.0",
        "1.0-sp", "1.0-foo", "1.0.1", "1.1");
    ascending("maven", "1-SNAPSHOT", "1", "1-1");
    equal("maven", "1", "1.0.0");
    equal("maven", "1.0", "1-ga");
    equal("maven", "1.0", "1.0-final");
    equal("maven", "1.0-rc1", "1.0-cr1");
    equal("maven", "1.0-a1", "1.0-alpha-1");
    equal("maven", "1.0-SNAPSHOT", "1.0-snapshot");
    invalid("maven", "1.0 beta", "1.0\n");
  }

  @Test
  void pypi_pep440Order() {
    ascending("pypi", "1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0+local.1",
        "1.0.post1.dev1", "1.0.post1", "1.1", "1!0.1");
    ascending("pypi", "1.0+abc", "1.0+abc.1", "1.0+1");
    equal("pypi", "1.0", "1.0.0");
    equal("pypi", "1.0alpha1", "1.0a1");
    equal("pypi", "1.0-1", "1.0.post1");
    equal("pypi", "1.0c1", "1.0rc1");
    equal("pypi", "1.0-RC-1", "1.0rc1");
    equal("pypi", "v1.0", "1.0");
    equal("pypi", "1.0.dev", "1.0.dev0");
    equal("pypi", "1.0+Ubuntu-1", "1.0+ubuntu.1");
    invalid("pypi", "latest", "1.0+", "1.0-beta-gamma", "1.0.0-");
  }

  @Test
  void deb_debianPolicyOrder() {
    ascending("deb", "1.0~~", "1.0~", "1.0~rc1", "1.0", "1.0-1", "1.0-1+deb12u1", "1.0a", "1.0+b1", "1.0.1", "1:0.9");
    ascending("deb", "2.4-1", "2.30-1", "2.30-10");
    equal("deb", "1.0", "1.00");
    equal("deb", "1.0", "0:1.0");
    equal("deb", "1.0-0", "1.0");
    invalid("deb", "a1.0", "1.0-", "x:1.0", "1.0_1", ":1.0", "1.0-1_2");
  }

  @Test
  void rpm_rpmvercmpOrder() {
    ascending("rpm", "1.0~rc1", "1.0", "1.0^git1", "1.0.1", "1.1", "2:0.1");
    ascending("rpm", "1.a", "1.0"); // letters sort before digits
    ascending("rpm", "1.0", "1.0-1", "1.0-1.el8", "1.0-2");
    ascending("rpm", "1.0a", "1.0.1");
    equal("rpm", "1.0", "1.00");
    equal("rpm", "1.0", "1_0");
    equal("rpm", "0:1.0-1", "1.0-1");
    invalid("rpm", "1.0-", "a:1", "1.0-1-1", "~", "1.0 1");
  }

  @Test
  void nuget_nugetVersioningOrder() {
    ascending("nuget", "1.0.0-alpha", "1.0.0-Beta", "1.0.0-beta.2", "1.0.0-beta.10", "1.0.0-rc", "1.0.0", "1.0.0.1",
        "1.0.1");
    equal("nuget", "1.0", "1.0.0.0");
    equal("nuget", "1.0.0-BETA", "1.0.0-beta");
    equal("nuget", "1.0.0+meta", "1.0.0");
    invalid("nuget", "1.0.0.0.0", "a", "1.0.0-", "1..0", "99999999999.0");
  }

  @Test
  void gem_rubygemsOrder() {
    ascending("gem", "1.0.a", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.1");
    ascending("gem", "1.0.0-alpha", "1.0.0-beta.2", "1.0.0");
    equal("gem", "1.0", "1");
    equal("gem", "1.0.0-alpha", "1.0.pre.alpha");
    invalid("gem", "a", "1..0", "1.0-", ".1");
  }

  @Test
  void datetime_ordersByInstant() {
    ascending("datetime", "2023-12-31T23:00:00Z", "2024-01-01T00:00:00.001Z", "2024-01-01T00:00:01+00:00");
    equal("datetime", "2024-01-01T00:00:00Z", "2023-12-31T19:00:00-05:00");
    invalid("datetime", "2024-01-01", "2024-01-01T00:00:00", "yesterday");
  }

  @Test
  void lexicographic_ordersByCodePoint() {
    ascending("lexicographic", "A", "B", "a", "aa", "b", "\u00e4", "\u20ac", "\uD83D\uDE00");
  }

  @Test
  void forName_knownSchemesAndAliases() {
    assertThat(VersionSchemes.names()).contains("generic", "semver", "npm", "golang", "cargo", "maven", "pypi", "deb",
        "rpm", "nuget", "gem", "datetime", "lexicographic");
    assertThat(VersionSchemes.forName("NPM")).map(VersionScheme::name).contains("npm");
    assertThat(VersionSchemes.forName("cobol")).isEmpty();
    assertThat(VersionSchemes.forName("all")).isEmpty();
  }

  private static VersionScheme scheme(String name) {
    return VersionSchemes.forName(name).orElseThrow();
  }

  private static void ascending(String name, String... versions) {
    VersionScheme s = scheme(name);
    for (int i = 0; i + 1 < versions.length; i++) {
      assertThat(s.compare(versions[i], versions[i + 1])).as("%s: %s < %s", name, versions[i], versions[i + 1])
          .isNegative();
      assertThat(s.compare(versions[i + 1], versions[i])).as("%s: %s > %s", name, versions[i + 1], versions[i])
          .isPositive();
    }
  }

  private static void equal(String name, String a, String b) {
    assertThat(scheme(name).compare(a, b)).as("%s: %s == %s", name, a, b).isZero();
  }

  private static void invalid(String name, String... versions) {
    for (String v : versions) assertThat(scheme(name).isValid(v)).as("%s: '%s' is invalid", name, v).isFalse();
  }
}
