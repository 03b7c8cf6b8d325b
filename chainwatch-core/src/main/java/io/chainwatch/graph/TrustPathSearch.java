package io.chainwatch.graph;

import io.chainwatch.advisory.CompromiseWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who a compromise can reach through trust edges, each node with its best path.
 *
 * <p>Rules. The confidence of a path is the product of its edges' confidences (80 % then 50 % is 40 %), times the
 * vendor-name match where an edge's {@code to} names the node by a longer legal name (see
 * {@link NodeRef#overlap}: 90 %). A node's best path has the highest confidence, then the fewest hops, then was found
 * first (edges in the order stored). An edge carries a compromise only while its validity window overlaps the
 * compromise window; an edge of confidence 0 carries nothing. Paths have at most {@code maxHops} edges.
 *
 * <p>Implementation notes. A layered Bellman–Ford: layer k relaxes the edges into the nodes whose best path improved
 * in layer k−1, with one repository call per layer (the store answers a set of nodes at once). Since confidences
 * only shrink along a path, a node improves only on strictly higher confidence or, at equal confidence, on fewer hops,
 * so a cycle cannot improve anything and the search ends; and after layer k every node holds the best path of at most
 * k hops, so the depth bound cuts paths, never correctness within it. Which frontier nodes an edge's {@code to}
 * overlaps is found through buckets by the first word of the vendor key: names that match by
 * {@link io.chainwatch.portfolio.Names#vendorMatch} share it.
 */
public final class TrustPathSearch {
  /** Longer chains than this are not credible dependencies, and the bound keeps hostile graphs cheap. */
  public static final int DEFAULT_MAX_HOPS = 10;
  private static final double EPSILON = 1e-9;

  /**
   * A node and how it was reached.
   *
   * @param confidence 0–100, not rounded
   * @param previous the node before on the best path, null for a start node
   * @param edge the edge from {@code previous} to this node, null for a start node
   */
  public record Reached(NodeRef node, NodeKey key, double confidence, int hops, @Nullable Reached previous, @Nullable TrustEdge edge) {
    /** The nodes of the path, from the start node to this one. */
    public List<NodeRef> nodes() {
      List<NodeRef> out = new ArrayList<>();
      for (Reached r = this; r != null; r = r.previous) out.add(r.node);
      Collections.reverse(out);
      return out;
    }

    /** The edges of the path, in order from the start node. */
    public List<TrustEdge> edges() {
      List<TrustEdge> out = new ArrayList<>();
      for (Reached r = this; r != null && r.edge != null; r = r.previous) out.add(r.edge);
      Collections.reverse(out);
      return out;
    }

    boolean betterThan(@Nullable Reached other) {
      if (other == null) return true;
      if (confidence > other.confidence + EPSILON) return true;
      return Math.abs(confidence - other.confidence) <= EPSILON && hops < other.hops;
    }
  }

  private final TrustGraphRepository graph;

  public TrustPathSearch(TrustGraphRepository graph) {
    this.graph = graph;
  }

  /**
   * Every node reachable from {@code start} (the start nodes included, with confidence 100 and no hops), by key.
   *
   * @param window only edges valid at some time in it; null for all edges
   */
  public Map<NodeKey, Reached> reach(Collection<NodeRef> start, @Nullable CompromiseWindow window, int maxHops) {
    Map<NodeKey, Reached> best = new LinkedHashMap<>();
    List<Reached> frontier = new ArrayList<>();
    for (NodeRef n : start) {
      Reached r = new Reached(n, n.key(), 100.0, 0, null, null);
      if (best.putIfAbsent(r.key(), r) == null) frontier.add(r);
    }
    for (int hops = 1; hops <= maxHops && !frontier.isEmpty(); hops++) {
      Map<String, List<Reached>> buckets = new HashMap<>();
      List<NodeRef> asked = new ArrayList<>();
      for (Reached r : frontier) {
        buckets.computeIfAbsent(firstWord(r.key().vendor()), k -> new ArrayList<>()).add(r);
        asked.add(r.node());
      }
      Map<NodeKey, Reached> improved = new LinkedHashMap<>();
      for (TrustEdge e : graph.edgesInto(asked)) {
        if (e.confidence() == 0 || !e.overlaps(window)) continue;
        NodeKey to = e.to().key();
        NodeKey from = e.from().key();
        for (Reached r : buckets.getOrDefault(firstWord(to.vendor()), List.of())) {
          int match = NodeRef.overlap(r.key(), to);
          if (match == 0) continue;
          Reached candidate = new Reached(e.from(), from, r.confidence() * e.confidence() / 100.0 * match / 100.0, r.hops() + 1, r, e);
          if (candidate.betterThan(best.get(from))) {
            best.put(from, candidate);
            improved.put(from, candidate);
          }
        }
      }
      frontier = new ArrayList<>(improved.values());
    }
    return best;
  }

  /** The bucket of a vendor key. */
  public static String firstWord(String vendorKey) {
    int space = vendorKey.indexOf(' ');
    return space < 0 ? vendorKey : vendorKey.substring(0, space);
  }
}
