package io.chainwatch.version;

import static io.chainwatch.version.Containment.IN;
import static io.chainwatch.version.Containment.OUT;
import static io.chainwatch.version.Containment.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSetTest {
  // --- the 3CX incident sets -------------------------------------------------------------------------------------

  @Test
  void generic_3cxCompromisedReleases_containBothAndNothingElse() {
    VersionSet set = VersionSet.parse("vers:generic/18.12.407|18.12.416");
    assertThat(set.contains("18.12.407")).isEqualTo(IN);
    assertThat(set.contains("18.12.416")).isEqualTo(IN);
    assertThat(set.contains("18.12.406")).isEqualTo(OUT);
    assertThat(set.contains("18.12.408")).isEqualTo(OUT);
    assertThat(set.contains("18.12.415")).isEqualTo(OUT);
    assertThat(set.contains("18.12.422")).isEqualTo(OUT);
    assertThat(set.contains("18.11.1213")).isEqualTo(OUT);
  }

  @Test
  void generic_3cxFixedReleases_containFixAndLater() {
    VersionSet set = VersionSet.parse("vers:generic/>=18.12.422");
    assertThat(set.contains("18.12.422")).isEqualTo(IN);
    assertThat(set.contains("18.12.425")).isEqualTo(IN);
    assertThat(set.contains("20.0.1")).isEqualTo(IN);
    assertThat(set.contains("18.12.416")).isEqualTo(OUT);
    assertThat(set.contains("18.12.407")).isEqualTo(OUT);
  }

  @Test
  void generic_versionWithoutDigits_isUnknown() {
    VersionSet set = VersionSet.parse("vers:generic/>=18.12.422");
    assertThat(set.contains("latest")).isEqualTo(UNKNOWN);
    assertThat(set.contains("unknown")).isEqualTo(UNKNOWN);
    assertThat(set.contains("")).isEqualTo(UNKNOWN);
    assertThat(set.contains("   ")).isEqualTo(UNKNOWN);
  }

  @Test
  void contains_surroundingWhitespace_isIgnored() {
    assertThat(VersionSet.parse("vers:generic/18.12.416").contains(" 18.12.416\t")).isEqualTo(IN);
  }

  // --- containment algorithm ---------------------------------------------------------------------------------------

  @Test
  void contains_alternatingBoundsAndEqualities_followSpecWalk() {
    VersionSet set = VersionSet.parse("vers:generic/<1.0|>=2.0|<3.0|5.0|>7.0");
    assertThat(set.contains("0.5")).isEqualTo(IN);
    assertThat(set.contains("1.0")).isEqualTo(OUT);
    assertThat(set.contains("1.5")).isEqualTo(OUT);
    assertThat(set.contains("2.0")).isEqualTo(IN);
    assertThat(set.contains("2.9.9")).isEqualTo(IN);
    assertThat(set.contains("3.0")).isEqualTo(OUT);
    assertThat(set.contains("5.0")).isEqualTo(IN);
    assertThat(set.contains("6")).isEqualTo(OUT);
    assertThat(set.contains("7.0")).isEqualTo(OUT);
    assertThat(set.contains("7.0.1")).isEqualTo(IN);
  }

  @Test
  void contains_inclusiveBounds_includeTheBound() {
    VersionSet set = VersionSet.parse("vers:semver/>1.0.0|<=2.0.0");
    assertThat(set.contains("1.0.0")).isEqualTo(OUT);
    assertThat(set.contains("1.0.1")).isEqualTo(IN);
    assertThat(set.contains("2.0.0")).isEqualTo(IN);
    assertThat(set.contains("2.0.1")).isEqualTo(OUT);
  }

  @Test
  void contains_notEqualInsideRange_excludesOnlyThatVersion() {
    VersionSet set = VersionSet.parse("vers:pypi/>=1.0|!=1.5|<2.0");
    assertThat(set.contains("1.4")).isEqualTo(IN);
    assertThat(set.contains("1.5")).isEqualTo(OUT);
    assertThat(set.contains("1.5.0")).isEqualTo(OUT);
    assertThat(set.contains("1.6")).isEqualTo(IN);
  }

  @Test
  void contains_onlyNotEqual_isEverythingElse() {
    VersionSet set = VersionSet.parse("vers:generic/!=1.0|!=2.0");
    assertThat(set.contains("1.0")).isEqualTo(OUT);
    assertThat(set.contains("2.0.0")).isEqualTo(OUT);
    assertThat(set.contains("1.5")).isEqualTo(IN);
    assertThat(set.contains("junk")).isEqualTo(UNKNOWN);
  }

  @Test
  void contains_equalityUsesSchemeEquality() {
    assertThat(VersionSet.parse("vers:pypi/1.0").contains("1.0.0")).isEqualTo(IN);
    assertThat(VersionSet.parse("vers:maven/1.0").contains("1-ga")).isEqualTo(IN);
    assertThat(VersionSet.parse("vers:deb/1:1.2-1").contains("01:1.2-1")).isEqualTo(IN);
  }

  @Test
  void star_containsEveryValidVersion_unknownForInvalid() {
    VersionSet set = VersionSet.parse("vers:npm/*");
    assertThat(set).hasToString("vers:npm/*");
    assertThat(set.constraints()).containsExactly(new VersConstraint(VersComparator.ANY, ""));
    assertThat(set.contains("1.0.0")).isEqualTo(IN);
    assertThat(set.contains("latest")).isEqualTo(UNKNOWN);
  }

  @Test
  void allAndNone_containEverythingAndNothing() {
    assertThat(VersionSet.parse("vers:all/*").contains("anything at all")).isEqualTo(IN);
    assertThat(VersionSet.parse("vers:all/*").scheme()).isEqualTo("all");
    assertThat(VersionSet.parse("vers:none/*").contains("1.0")).isEqualTo(OUT);
    assertThat(VersionSet.parse("vers:none/*")).hasToString("vers:none/*");
  }

  @Test
  void debian_rangeWithEpochAndTilde() {
    VersionSet set = VersionSet.parse("vers:deb/>=1:1.2~rc1-1|<1:1.3");
    assertThat(set.contains("1:1.2~rc1-1")).isEqualTo(IN);
    assertThat(set.contains("1:1.2-1+deb12u1")).isEqualTo(IN);
    assertThat(set.contains("1.9")).isEqualTo(OUT);
    assertThat(set.contains("1:1.3~beta")).isEqualTo(IN);
    assertThat(set.contains("1:1.3")).isEqualTo(OUT);
  }

  // --- canonical form ----------------------------------------------------------------------------------------------

  @Test
  void parse_whitespace_isRemoved() {
    assertThat(VersionSet.parse(" vers:generic/ >=1.0 |\t<2.0\n")).hasToString("vers:generic/>=1.0|<2.0");
  }

  @Test
  void parse_unsortedConstraints_areSorted() {
    VersionSet set = VersionSet.parse("vers:generic/<3.0|2.0|>=2.5|1.10|1.9");
    assertThat(set).hasToString("vers:generic/1.9|1.10|2.0|>=2.5|<3.0");
    assertThat(set.constraints())
        .extracting(VersConstraint::version)
        .containsExactly("1.9", "1.10", "2.0", "2.5", "3.0");
  }

  @Test
  void parse_duplicateConstraints_areDropped() {
    assertThat(VersionSet.parse("vers:generic/1.0|1.0")).hasToString("vers:generic/1.0");
    assertThat(VersionSet.parse("vers:generic/1.0.0|1.0")).hasToString("vers:generic/1.0");
  }

  @Test
  void parse_upperCaseSchemeAndLeadingEquals_areNormalised() {
    assertThat(VersionSet.parse("VERS:Generic/=1.0")).hasToString("vers:generic/1.0");
  }

  @Test
  void equals_sameSetWrittenDifferently_isEqual() {
    VersionSet a = VersionSet.parse("vers:generic/2.0|1.0");
    VersionSet b = VersionSet.parse("vers:generic/1.0 | 2.0");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(VersionSet.parse("vers:generic/1.0|3.0"));
  }

  @Test
  void percentEncoding_isDecodedOnceAndReencoded() {
    VersionSet set = VersionSet.parseCanonical("vers:lexicographic/1.0%252F0");
    assertThat(set.constraints()).containsExactly(new VersConstraint(VersComparator.EQUAL, "1.0%2F0"));
    assertThat(set).hasToString("vers:lexicographic/1.0%252F0");
    assertThat(set.contains("1.0%2F0")).isEqualTo(IN);
    assertThat(VersionSet.parse("vers:lexicographic/a%3Cb|a%7Cb")).hasToString("vers:lexicographic/a%3Cb|a%7Cb");
  }

  @Test
  void percentEncoding_unneeded_isCanonicalisedLeniently_rejectedStrictly() {
    assertThat(VersionSet.parse("vers:generic/1%2e0")).hasToString("vers:generic/1.0");
    assertThatThrownBy(() -> VersionSet.parseCanonical("vers:generic/1%2E0"))
        .isInstanceOf(VersSyntaxException.class)
        .hasMessageContaining("percent-encoding in version is not canonical");
  }

  @Test
  void parseCanonical_canonicalText_roundTrips() {
    String text = "vers:npm/1.2.3|>=2.0.0|!=2.1.0|<5.0.0";
    assertThat(VersionSet.parseCanonical(text)).hasToString(text).isEqualTo(VersionSet.parse(text));
  }

  @Test
  void parseCanonical_nonCanonicalText_isRejected() {
    for (String text : List.of("vers:generic/2.0|1.0", "vers:generic/1.0|1.0.0", "VERS:generic/1.0",
        "vers:Generic/1.0", "vers:generic/=1.0", "vers:generic/1.0 ")) {
      assertThatThrownBy(() -> VersionSet.parseCanonical(text))
          .as(text)
          .isInstanceOf(VersSyntaxException.class)
          .hasMessageStartingWith("non-canonical VERS: ");
    }
  }

  // --- errors -------------------------------------------------------------------------------------------------------

  @Test
  void parse_invalidInput_failsWithOneLineMessage() {
    assertInvalid("generic/1.0", "does not start with 'vers:'");
    assertInvalid("version:generic/1.0", "does not start with 'vers:'");
    assertInvalid("vers:generic", "has no '/' after the scheme");
    assertInvalid("vers:generic/", "has no constraints");
    assertInvalid("vers:9x/1.0", "is not a valid vers scheme name");
    assertInvalid("vers:cobol/1.0", "unknown vers scheme 'cobol'");
    assertInvalid("vers:generic/|1.0", "leading pipe is not permitted");
    assertInvalid("vers:generic/1.0|", "trailing pipe is not permitted");
    assertInvalid("vers:generic/1.0||2.0", "consecutive pipes are not permitted");
    assertInvalid("vers:generic/*|1.0", "'*' must be the only constraint");
    assertInvalid("vers:all/1.0", "'vers:all' takes only '*'");
    assertInvalid("vers:generic/>=", "has no version");
    assertInvalid("vers:generic/latest", "'latest' is not a valid generic version");
    assertInvalid("vers:semver/1.0", "'1.0' is not a valid semver version");
    assertInvalid("vers:generic/1.0!", "'!' in version '1.0!' must be percent-encoded");
    assertInvalid("vers:generic/1.0%2", "invalid percent-encoding in version");
    assertInvalid("vers:generic/1.0%FF", "invalid percent-encoding in version");
    assertInvalid("vers:generic/>=1.0|!=1.0", "occurs in more than one constraint");
  }

  @Test
  void parse_invalidConstraintSequence_fails() {
    assertInvalid("vers:generic/>1.0|>2.0", "bounds must alternate");
    assertInvalid("vers:generic/<1.0|<=2.0", "bounds must alternate");
    assertInvalid("vers:generic/>=1.0|!=1.5|>=2.0", "bounds must alternate");
    assertInvalid("vers:generic/1.0|<2.0", "an equality can only be followed by");
    assertInvalid("vers:generic/1.0|!=1.5|<2.0", "an equality can only be followed by");
    assertInvalid("vers:generic/>=1.0|1.5|<2.0", "an equality can only be followed by");
  }

  @Test
  void parse_validConstraintSequences_areAccepted() {
    for (String text : List.of("vers:generic/1.0|2.0|>3.0", "vers:generic/<1.0|2.0|>=3.0|<4.0",
        "vers:generic/<1.0|1.5|>=2.0|<3.0", "vers:generic/!=1.0|!=2.0|>=3.0", "vers:generic/<1.0|!=1.5|>2.0")) {
      assertThat(VersionSet.parse(text)).hasToString(text);
    }
  }

  @Test
  void errorMessage_controlCharactersAndHugeInput_stayOnOneShortLine() {
    Throwable e = catchSyntaxError("vers:generic/1.0%0A%07x");
    assertThat(e.getMessage()).doesNotContain("\n", "\u0007").contains("is not a valid generic version");
    Throwable huge = catchSyntaxError("vers:generic/" + "1.".repeat(40_000) + "1");
    assertThat(huge.getMessage()).contains("longer than 65536 characters").hasSizeLessThan(400);
  }

  @Test
  void veryLongVersion_isNotAVersion() {
    String longVersion = "1." + "2".repeat(300);
    assertThat(VersionSet.parse("vers:generic/>=1.0").contains(longVersion)).isEqualTo(UNKNOWN);
    assertInvalid("vers:generic/" + longVersion, "is not a valid generic version");
  }

  private static void assertInvalid(String vers, String problem) {
    assertThat(catchSyntaxError(vers).getMessage())
        .as(vers)
        .startsWith("invalid VERS: ")
        .contains(problem)
        .doesNotContain("\n");
  }

  private static Throwable catchSyntaxError(String vers) {
    try {
      VersionSet.parse(vers);
    } catch (VersSyntaxException e) {
      return e;
    }
    throw new AssertionError("no VersSyntaxException for " + vers);
  }

  @Test
  void below_isInOnlyUnderTheLowestVersionOfTheSet() {
    VersionSet fixed = VersionSet.parse("vers:generic/>=18.12.422");
    assertThat(fixed.below("18.12.416")).isEqualTo(Containment.IN);
    assertThat(fixed.below("18.12.422")).isEqualTo(Containment.OUT);
    assertThat(fixed.below("latest")).isEqualTo(Containment.UNKNOWN);
    assertThat(VersionSet.parse("vers:rpm/1:0.17-65.el7_6").below("1:0.17-64.el7")).isEqualTo(Containment.IN);
    assertThat(VersionSet.parse("vers:generic/<2.0").below("1.0")).isEqualTo(Containment.UNKNOWN);
    assertThat(VersionSet.parse("vers:generic/>1.0").below("1.0")).isEqualTo(Containment.IN);
  }
}
