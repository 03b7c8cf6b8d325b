package io.chainwatch.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Chainwatch's own contract for {@code vers:generic} (the vers spec leaves it undefined). */
class GenericSchemeTest {
  private final VersionScheme generic = VersionSchemes.forName("generic").orElseThrow();

  @Test
  void generic_suffixSortsAfterBareNumberAndBeforeNextNumber() {
    assertAscending("7.17.90", "7.17.90p608", "7.17.91");
    assertAscending("7.17.90p9", "7.17.90p10", "7.17.90q1");
  }

  @Test
  void generic_3cxReleases_orderNumerically() {
    assertAscending("18.11.1213", "18.12.407", "18.12.416", "18.12.422", "18.12.425", "20.0.1");
  }

  @Test
  void generic_segmentsCompareAsNumbersNotText() {
    assertAscending("1.9", "1.10", "1.100", "2");
    assertAscending("9", "10", "123456789012345678901234567890");
  }

  @Test
  void generic_trailingZeroSegments_areInsignificant() {
    assertEqual("1.0", "1.0.0");
    assertEqual("1", "1.0.0.0");
    assertAscending("1.0.0", "1.0.0.1");
  }

  @Test
  void generic_leadingV_leadingZerosAndCase_areInsignificant() {
    assertEqual("v1.2", "1.2");
    assertEqual("V1.2", "1.2");
    assertEqual("1.02", "1.2");
    assertEqual("1.0A", "1.0a");
  }

  @Test
  void generic_anySuffix_sortsAfterBareNumber() {
    // A deliberate part of the contract: no pre-release keywords, "1.0-beta" is 1.0 followed by a suffix.
    assertAscending("1.0", "1.0-beta", "1.1");
  }

  @Test
  void generic_segmentWithoutNumber_sortsBeforeNumberedSegments() {
    assertAscending("1.beta", "1.0", "1.0a");
  }

  @Test
  void generic_whitespace_isDropped_asVersDropsItFromItsSets() {
    assertThat(generic.compare("2020.2.1 HF1", "2020.2.1HF1")).isZero();
    assertThat(generic.compare("1.2\t", "1.2")).isZero();
    assertThat(VersionSet.parse("vers:generic/>=2019.4|<=2020.2.1 HF1").contains("2020.2.1 HF1")).isEqualTo(Containment.IN);
    assertThat(VersionSet.parse("vers:generic/>=2019.4|<=2020.2.1 HF1").contains("2020.2.1 HF2")).isEqualTo(Containment.OUT);
  }

  @Test
  void generic_noDigitOrMalformed_isNotAVersion() {
    for (String v : new String[] {"latest", "unknown", "", " ", "v", "1..2", ".1", "1.", "1.2\u0000"}) {
      assertThat(generic.isValid(v)).as("'%s'", v).isFalse();
    }
    assertThatThrownBy(() -> generic.compare("latest", "1.0")).isInstanceOf(IllegalArgumentException.class);
  }

  private void assertAscending(String... versions) {
    for (int i = 0; i + 1 < versions.length; i++) {
      assertThat(generic.compare(versions[i], versions[i + 1])).as("%s < %s", versions[i], versions[i + 1]).isNegative();
      assertThat(generic.compare(versions[i + 1], versions[i])).as("%s > %s", versions[i + 1], versions[i]).isPositive();
    }
  }

  private void assertEqual(String a, String b) {
    assertThat(generic.compare(a, b)).as("%s == %s", a, b).isZero();
  }
}
