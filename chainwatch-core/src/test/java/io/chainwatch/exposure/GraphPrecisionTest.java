package io.chainwatch.exposure;

import static io.chainwatch.portfolio.Platform.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.advisory.CompromiseWindow;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.graph.InMemoryGraph;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.VersionSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Exposure through the trust graph to a compromised component: version-level precision on the edges that name the
 * component, whatever their relation, and a note wherever a verdict is less precise than that.
 */
class GraphPrecisionTest {
  /** An incident on the component zlib-ng 2.1.3 only (2.1.4 fixes it), compromised during 2023. */
  private static final Incident ZLIB = new Incident("ZLIB-1", "zlib-ng backdoor", LocalDate.of(2024, 1, 10), null,
      new CompromiseWindow(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)),
      List.of(ProductVersions.of("zlib-ng", "zlib-ng", Platform.ANY, VersionSet.parse("vers:generic/2.1.3"))),
      List.of(ProductVersions.of("zlib-ng", "zlib-ng", Platform.ANY, VersionSet.parse("vers:generic/>=2.1.4"))),
      List.of(), List.of(), List.of(), List.of(), List.of());

  private static InMemoryPortfolio portfolio() {
    return new InMemoryPortfolio().customer("Acme", 5)
        .install("Acme", "pc-old", WINDOWS, "Viewer Co", "Viewer", "1.0")
        .install("Acme", "pc-new", WINDOWS, "Viewer Co", "Viewer", "2.0")
        .install("Acme", "pc-blank", WINDOWS, "Viewer Co", "Viewer", "")
        .install("Acme", "build", WINDOWS, "Builder Ltd", "Builder", "5")
        .install("Acme", "tool", WINDOWS, "Toolsmith", "Tool", "3")
        .install("Acme", "odd", WINDOWS, "Odd", "Odd", "9")
        .incident(ZLIB);
  }

  private static Map<String, ExposedInstallation> byAsset(ExposureReport r) {
    return r.customers().stream().flatMap(c -> c.installations().stream())
        .collect(Collectors.toMap(ExposedInstallation::asset, Function.identity()));
  }

  private static ExposureReport exposure(InMemoryGraph g) {
    InMemoryPortfolio p = portfolio();
    return new ExposureService(p, p, g).exposure("ZLIB-1", null, false);
  }

  @Test
  void anEdgeToAnAffectedReleaseCarries_anEdgeToAFixedOneDoesNot_whateverTheRelation() {
    InMemoryGraph g = new InMemoryGraph()
        .edge("release:Viewer Co/Viewer@1.0", "bundles", "release:zlib-ng/zlib-ng@2.1.3", 100)
        .edge("release:Viewer Co/Viewer@2.0", "bundles", "release:zlib-ng/zlib-ng@2.1.4", 100)
        .edge("vendor:Builder Ltd", "built-with", "release:zlib-ng/zlib-ng@2.1.4", 80)
        .edge("vendor:Toolsmith", "staff-use", "release:zlib-ng/zlib-ng@2.1.3", 50);
    Map<String, ExposedInstallation> e = byAsset(exposure(g));

    assertThat(e).containsOnlyKeys("pc-old", "pc-blank", "tool");
    assertThat(e.get("pc-old").status()).isEqualTo(ExposureStatus.POTENTIAL);
    assertThat(e.get("pc-old").confidence()).isEqualTo(100);
    assertThat(e.get("pc-old").path()).containsExactly("incident:ZLIB-1", "product:zlib-ng/zlib-ng", "release:Viewer Co/Viewer@1.0",
        "release:Viewer Co/Viewer@1.0#windows");
    assertThat(e.get("pc-old").note()).isNull();
    assertThat(e.get("tool").confidence()).isEqualTo(50);
    assertThat(e.get("tool").note()).isNull();
  }

  @Test
  void anInstallationOfUnknownVersion_isPotential_withANoteSayingWhy() {
    InMemoryGraph g = new InMemoryGraph().edge("release:Viewer Co/Viewer@1.0", "bundles", "release:zlib-ng/zlib-ng@2.1.3", 100);
    ExposedInstallation blank = byAsset(exposure(g)).get("pc-blank");
    assertThat(blank.status()).isEqualTo(ExposureStatus.POTENTIAL);
    assertThat(blank.note()).isEqualTo("installed version unknown: release:Viewer Co/Viewer@1.0 is reached, other releases of"
        + " Viewer Co/Viewer may not be");
  }

  @Test
  void anEdgeNamingTheComponentWithoutAVersion_carries_withANote() {
    InMemoryGraph g = new InMemoryGraph().edge("product:Odd/Odd", "hosted-by", "product:zlib-ng/zlib-ng", 40)
        .edge("release:Viewer Co/Viewer@1.0", "bundles", "release:zlib-ng/zlib-ng@git-main", 100);
    Map<String, ExposedInstallation> e = byAsset(exposure(g));
    assertThat(e.get("odd").confidence()).isEqualTo(40);
    assertThat(e.get("odd").note()).isEqualTo("the trust edge names product:zlib-ng/zlib-ng without a version: any release of it may be"
        + " the one depended on");
    assertThat(e.get("pc-old").note()).isEqualTo("the version of release:zlib-ng/zlib-ng@git-main cannot be placed against the"
        + " incident's affected versions");
  }

  @Test
  void anEdgeOutsideTheCompromiseWindow_carriesNothing_andCyclesTerminate() {
    InMemoryGraph g = new InMemoryGraph()
        .edge("release:Viewer Co/Viewer@1.0", "bundles", "release:zlib-ng/zlib-ng@2.1.3", 100, "2024-02-01", null)
        .edge("vendor:Builder Ltd", "built-with", "release:zlib-ng/zlib-ng@2.1.3", 90, "2022-01-01", "2023-02-01")
        .edge("vendor:Toolsmith", "staff-use", "vendor:Builder Ltd", 50)
        .edge("vendor:Builder Ltd", "updates-via", "vendor:Toolsmith", 50);
    Map<String, ExposedInstallation> e = byAsset(exposure(g));
    assertThat(e).containsOnlyKeys("build", "tool");
    assertThat(e.get("tool").path()).containsExactly("incident:ZLIB-1", "product:zlib-ng/zlib-ng", "vendor:Builder Ltd",
        "vendor:Toolsmith", "release:Toolsmith/Tool@3#windows");
    assertThat(e.get("tool").confidence()).isEqualTo(45);
  }

  @Test
  void blastRadiusOfARelease_ownInstallationOfUnknownVersion_isPotentialWithANote() {
    InMemoryPortfolio p = portfolio();
    ExposureReport r = new BlastRadiusService(p, new InMemoryGraph()).blastRadius(NodeRef.release("Viewer Co", "Viewer", "1.0", null), null);
    Map<String, ExposedInstallation> e = byAsset(r);
    assertThat(e).containsOnlyKeys("pc-old", "pc-blank");
    assertThat(e.get("pc-old").status()).isEqualTo(ExposureStatus.AFFECTED);
    assertThat(e.get("pc-blank").status()).isEqualTo(ExposureStatus.POTENTIAL);
    assertThat(e.get("pc-blank").note()).startsWith("installed version unknown");
  }

}
