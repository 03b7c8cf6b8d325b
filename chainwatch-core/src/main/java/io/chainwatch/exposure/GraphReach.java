package io.chainwatch.exposure;

import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeKind;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.TrustPathSearch;
import io.chainwatch.graph.TrustPathSearch.Reached;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.PortfolioRepository;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.portfolio.ProductQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * From reached trust-graph nodes to the installations inside them: an installation's release is inside a reached
 * release (same version, platforms that cover each other), product or vendor. Each installation is handed over once,
 * with the best reached node that contains it (highest confidence, then fewest hops) and the confidence of that
 * containment.
 */
final class GraphReach {
  /** The best reached node containing an installation, and the confidence of the whole path to it, 0–100. */
  record Hit(Reached reached, double confidence) {}

  private GraphReach() {}

  static void installations(PortfolioRepository portfolio, Map<NodeKey, Reached> reached, int minHops,
      @Nullable String customer, BiConsumer<InstalledRelease, Hit> action) {
    Map<String, List<Reached>> buckets = new HashMap<>();
    Set<String> vendors = new HashSet<>();
    Set<ProductKey> products = new HashSet<>();
    for (Reached r : reached.values()) {
      if (r.hops() < minHops) continue;
      buckets.computeIfAbsent(TrustPathSearch.firstWord(r.key().vendor()), k -> new ArrayList<>()).add(r);
      if (r.key().kind() == NodeKind.VENDOR) vendors.add(r.key().vendor());
      else products.add(new ProductKey(r.key().vendor(), r.key().product()));
    }
    if (buckets.isEmpty()) return;
    Set<Long> done = new HashSet<>();
    java.util.function.Consumer<InstalledRelease> judge = i -> {
      if (!done.add(i.id())) return;
      NodeKey release = releaseKey(i);
      Hit best = null;
      for (Reached r : buckets.getOrDefault(TrustPathSearch.firstWord(release.vendor()), List.of())) {
        int match = NodeRef.overlap(r.key(), release);
        if (match == 0) continue;
        double confidence = r.confidence() * match / 100.0;
        if (best == null || confidence > best.confidence() + 1e-9
            || (Math.abs(confidence - best.confidence()) <= 1e-9 && r.hops() < best.reached().hops())) {
          best = new Hit(r, confidence);
        }
      }
      if (best != null) action.accept(i, best);
    };
    if (!vendors.isEmpty()) portfolio.forEachCurrentOfVendors(vendors, customer, judge);
    if (!products.isEmpty()) portfolio.forEachCurrent(new ProductQuery(products, Set.of(), Set.of()), customer, judge);
  }

  /** The installation as a graph node: its release, or its product when the version is unknown. */
  static NodeRef releaseNode(InstalledRelease i) {
    if (i.version().isBlank()) return NodeRef.product(i.vendor(), i.product());
    return NodeRef.release(i.vendor(), i.product(), i.version(), i.platform());
  }

  private static NodeKey releaseKey(InstalledRelease i) {
    return releaseNode(i).key();
  }

  /** The path's nodes as text, ending with the installation's release unless the path already ends there. */
  static List<String> path(List<String> prefix, Reached reached, InstalledRelease i) {
    List<String> path = new ArrayList<>(prefix);
    for (NodeRef n : reached.nodes()) path.add(n.toString());
    NodeRef release = releaseNode(i);
    if (!release.key().equals(reached.key())) path.add(release.toString());
    return path;
  }

  /** The label of each step of {@link #path}: the edge's relation and confidence where the step is a trust edge. */
  static List<String> hops(int prefix, Reached reached, InstalledRelease i) {
    List<String> hops = new ArrayList<>();
    for (int k = 1; k < prefix; k++) hops.add("");
    if (prefix > 0) hops.add("");
    for (io.chainwatch.graph.TrustEdge e : reached.edges()) hops.add(e.relation().wireName() + " " + e.confidence() + "%");
    if (!releaseNode(i).key().equals(reached.key())) hops.add("");
    return hops;
  }

  /**
   * Why the installation is less certain than the node that reached it, or null: a release is reached but the
   * installation's version is unknown, so it may be another release of the product.
   */
  static @Nullable String installedNote(Reached reached, InstalledRelease i) {
    if (!i.version().isBlank() || reached.key().kind() != NodeKind.RELEASE) return null;
    return "installed version unknown: " + reached.node() + " is reached, other releases of " + i.vendor() + "/" + i.product() + " may not be";
  }

  /** Notes joined, nulls left out; null when none. */
  static @Nullable String notes(@Nullable String a, @Nullable String b) {
    if (a == null) return b;
    return b == null ? a : a + "; " + b;
  }

  /** Rounded to a whole percentage, half up. */
  static int percent(double confidence) {
    return (int) Math.round(confidence);
  }
}
