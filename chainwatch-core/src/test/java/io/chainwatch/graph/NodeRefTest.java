package io.chainwatch.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.portfolio.Platform;
import org.junit.jupiter.api.Test;

class NodeRefTest {
  @Test
  void parse_eachKind_andPrintsBackTheSameText() {
    for (String text : new String[] {"vendor:3CX", "product:Trading Technologies/X_TRADER",
        "release:3CX/3CX Desktop App@18.12.416#windows", "release:3CX/3CX Desktop App@18.12.416", "incident:3CX-2023-03"}) {
      assertThat(NodeRef.parse(text).toString()).isEqualTo(text);
    }
  }

  @Test
  void parse_release_vendorEndsAtFirstSlash_versionAtLastAt_platformOnlyWhenItNamesOne() {
    NodeRef r = NodeRef.parse("release:Acme/Tools/CLI@team@1.2#beta");
    assertThat(r.name()).isEqualTo("Acme");
    assertThat(r.product()).isEqualTo("Tools/CLI@team");
    assertThat(r.version()).isEqualTo("1.2#beta");
    assertThat(r.platform()).isNull();
    assertThat(NodeRef.parse("release:A/B@1#MacOS").platform()).isEqualTo(Platform.MACOS);
  }

  @Test
  void parse_unknownKindOrMissingParts_sayWhat() {
    assertThatThrownBy(() -> NodeRef.parse("component:x")).hasMessageContaining("'component' is not a node kind");
    assertThatThrownBy(() -> NodeRef.parse("3CX")).hasMessageContaining("is not a node");
    assertThatThrownBy(() -> NodeRef.parse("product:3CX")).hasMessageContaining("'/'");
    assertThatThrownBy(() -> NodeRef.parse("release:3CX/App")).hasMessageContaining("'@'");
    assertThatThrownBy(() -> NodeRef.parse("vendor:")).hasMessageContaining("needs a name");
  }

  @Test
  void key_foldsNamesLikeThePortfolio() {
    assertThat(NodeRef.parse("product:3CX Ltd./3cx  desktop-app").key()).isEqualTo(NodeRef.parse("product:3CX/3CX Desktop App").key());
  }

  @Test
  void overlap_releaseInsideProductInsideVendor_bothWays_otherVersionsAndPlatformsNot() {
    NodeRef vendor = NodeRef.parse("vendor:3CX");
    NodeRef product = NodeRef.parse("product:3CX/3CX Desktop App");
    NodeRef win416 = NodeRef.parse("release:3CX/3CX Desktop App@18.12.416#windows");
    assertThat(vendor.overlap(product)).isEqualTo(100);
    assertThat(product.overlap(vendor)).isEqualTo(100);
    assertThat(win416.overlap(vendor)).isEqualTo(100);
    assertThat(win416.overlap(product)).isEqualTo(100);
    assertThat(win416.overlap(NodeRef.parse("release:3CX/3CX Desktop App@18.12.416"))).isEqualTo(100);
    assertThat(win416.overlap(NodeRef.parse("release:3CX/3CX Desktop App@18.12.416#macos"))).isZero();
    assertThat(win416.overlap(NodeRef.parse("release:3CX/3CX Desktop App@18.12.407#windows"))).isZero();
    assertThat(product.overlap(NodeRef.parse("product:3CX/3CX Phone System"))).isZero();
    assertThat(NodeRef.parse("vendor:Trading Technologies International, Inc").overlap(NodeRef.parse("vendor:Trading Technologies"))).isEqualTo(90);
    assertThat(NodeRef.parse("incident:X").overlap(NodeRef.parse("incident:X"))).isZero();
  }
}
