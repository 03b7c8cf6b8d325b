package io.chainwatch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.advisory.CompromiseWindow;
import io.chainwatch.graph.TrustPathSearch.Reached;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrustPathSearchTest {
  private static Map<String, Double> confidences(Map<NodeKey, Reached> reached) {
    return reached.values().stream().collect(Collectors.toMap(r -> r.node().toString(), Reached::confidence));
  }

  private static Map<NodeKey, Reached> reach(InMemoryGraph g, String start) {
    return new TrustPathSearch(g).reach(List.of(NodeRef.parse(start)), null, TrustPathSearch.DEFAULT_MAX_HOPS);
  }

  private static List<String> path(Map<NodeKey, Reached> reached, String node) {
    return reached.get(NodeRef.parse(node).key()).nodes().stream().map(NodeRef::toString).collect(Collectors.toList());
  }

  @Test
  void chain_confidenceIsTheProductOfTheEdges_andThePathHasEveryNode() {
    InMemoryGraph g = new InMemoryGraph()
        .edge("vendor:B", "staff-use", "product:A/Tool", 80)
        .edge("product:C/App", "bundles", "product:B/Lib", 50);
    Map<NodeKey, Reached> r = reach(g, "product:A/Tool");
    assertThat(confidences(r)).containsOnly(Map.entry("product:A/Tool", 100.0), Map.entry("vendor:B", 80.0), Map.entry("product:C/App", 40.0));
    assertThat(path(r, "product:C/App")).containsExactly("product:A/Tool", "vendor:B", "product:C/App");
    assertThat(r.get(NodeRef.parse("product:C/App").key()).edges()).extracting(e -> e.relation().wireName()).containsExactly("staff-use", "bundles");
  }

  @Test
  void bestPath_higherConfidenceBeatsFewerHops_andAtEqualConfidenceFewerHopsWin() {
    InMemoryGraph g = new InMemoryGraph()
        .edge("vendor:X", "bundles", "vendor:S", 50)        // direct, 50
        .edge("vendor:M", "bundles", "vendor:S", 90)
        .edge("vendor:X", "bundles", "vendor:M", 90)        // two hops, 81: wins
        .edge("vendor:Y", "bundles", "vendor:S", 81)        // direct 81
        .edge("vendor:N", "bundles", "vendor:S", 90)
        .edge("vendor:Y", "bundles", "vendor:N", 90);       // two hops 81: loses on hops
    Map<NodeKey, Reached> r = reach(g, "vendor:S");
    assertThat(r.get(NodeRef.parse("vendor:X").key()).confidence()).isCloseTo(81.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(path(r, "vendor:X")).containsExactly("vendor:S", "vendor:M", "vendor:X");
    assertThat(path(r, "vendor:Y")).containsExactly("vendor:S", "vendor:Y");
  }

  @Test
  void cycles_terminate_andDoNotImproveAnything() {
    InMemoryGraph g = new InMemoryGraph()
        .edge("vendor:B", "bundles", "vendor:A", 90)
        .edge("vendor:C", "bundles", "vendor:B", 90)
        .edge("vendor:A", "bundles", "vendor:C", 90)
        .edge("vendor:B", "bundles", "vendor:C", 100);
    Map<NodeKey, Reached> r = reach(g, "vendor:A");
    assertThat(confidences(r)).containsOnly(Map.entry("vendor:A", 100.0), Map.entry("vendor:B", 90.0), Map.entry("vendor:C", 81.0));
    assertThat(g.calls).isLessThanOrEqualTo(4);
  }

  @Test
  void depthBound_cutsLongerPaths() {
    InMemoryGraph g = new InMemoryGraph();
    for (int i = 0; i < 15; i++) g.edge("vendor:V" + (i + 1), "bundles", "vendor:V" + i, 100);
    Map<NodeKey, Reached> r = new TrustPathSearch(g).reach(List.of(NodeRef.parse("vendor:V0")), null, 3);
    assertThat(confidences(r)).containsOnlyKeys("vendor:V0", "vendor:V1", "vendor:V2", "vendor:V3");
  }

  @Test
  void validityWindow_anEdgeCarriesTheCompromiseOnlyWhileTheWindowsOverlap() {
    InMemoryGraph g = new InMemoryGraph()
        .edge("vendor:Before", "bundles", "vendor:S", 100, "2020-01-01", "2022-11-30")
        .edge("vendor:Touching", "bundles", "vendor:S", 100, "2020-01-01", "2022-12-01")
        .edge("vendor:After", "bundles", "vendor:S", 100, "2023-03-30", null)
        .edge("vendor:Open", "bundles", "vendor:S", 100);
    CompromiseWindow w = new CompromiseWindow(LocalDate.parse("2022-12-01"), LocalDate.parse("2023-03-29"));
    Map<NodeKey, Reached> r = new TrustPathSearch(g).reach(List.of(NodeRef.parse("vendor:S")), w, 10);
    assertThat(confidences(r)).containsOnlyKeys("vendor:S", "vendor:Touching", "vendor:Open");
    assertThat(confidences(reach(g, "vendor:S"))).hasSize(5);
  }

  @Test
  void hierarchy_aCompromisedProductReachesWhoDependsOnItsReleasesOrItsVendor_aReleaseNotOtherReleases() {
    InMemoryGraph g = new InMemoryGraph()
        .edge("vendor:OnVendor", "hosted-by", "vendor:A", 60)
        .edge("vendor:OnRelease", "bundles", "release:A/Tool@1.0", 70)
        .edge("vendor:OnOtherRelease", "bundles", "release:A/Tool@2.0", 70)
        .edge("vendor:OnOtherProduct", "bundles", "product:A/Other", 70);
    assertThat(confidences(reach(g, "product:A/Tool"))).containsOnlyKeys("product:A/Tool", "vendor:OnVendor", "vendor:OnRelease", "vendor:OnOtherRelease");
    assertThat(confidences(reach(g, "release:A/Tool@1.0"))).containsOnlyKeys("release:A/Tool@1.0", "vendor:OnVendor", "vendor:OnRelease");
  }

  @Test
  void zeroConfidenceEdges_carryNothing() {
    InMemoryGraph g = new InMemoryGraph().edge("vendor:B", "bundles", "vendor:A", 0);
    assertThat(confidences(reach(g, "vendor:A"))).containsOnlyKeys("vendor:A");
  }
}
