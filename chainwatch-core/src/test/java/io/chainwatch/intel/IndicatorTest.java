package io.chainwatch.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Indicators are map and set keys everywhere (sightings, warninglists): equal by type and value, nothing else. */
class IndicatorTest {
  @Test
  void equalByTypeAndValue_withEqualHashes() {
    Indicator a = new Indicator("domain", "akamaicontainer.com");
    Indicator b = new Indicator(new String("domain"), new String("akamaicontainer.com"));

    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    Set<Indicator> set = new HashSet<>(Set.of(a));
    assertThat(set.contains(b)).isTrue();
  }

  @Test
  void differentTypeOrValue_isAnotherIndicator() {
    Indicator a = new Indicator("domain", "akamaicontainer.com");

    assertThat(a).isNotEqualTo(new Indicator("hostname", "akamaicontainer.com"));
    assertThat(a).isNotEqualTo(new Indicator("domain", "akamaicontainer.net"));
    assertThat(a).isNotEqualTo(null);
    assertThat(a).isNotEqualTo("domain akamaicontainer.com");
    // the two parts are not run together: ("ab", "c") is not ("a", "bc")
    assertThat(new Indicator("ab", "c")).isNotEqualTo(new Indicator("a", "bc"));
  }

  @Test
  void blankPartsAreRejected() {
    assertThatThrownBy(() -> new Indicator(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Indicator("domain", "")).isInstanceOf(IllegalArgumentException.class);
  }
}
