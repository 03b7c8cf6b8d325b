package io.chainwatch.graph;

import io.chainwatch.advisory.CompromiseWindow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
 * in layer k−1, with one repository call per layer (the store answers a set of nodes at once, each node's edges
 * apart, so that no edge has to be matched against the frontier again; "found first" is the frontier in the order
 * reached, each node's edges in the order stored). Since confidences
 * only shrink along a path, a node improves only on strictly higher confidence or, at equal confidence, on fewer hops,
 * so a cycle cannot improve anything and the search ends; and after layer k every node holds the best path of at most
 * k hops, so the depth bound cuts paths, never correctness within it.
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

  }

  /** Decides whether an edge carries the compromise on from a reached node, beyond the rules above. */
  @FunctionalInterface
  public interface Gate {
    Gate ALL = (from, edge) -> true;

    boolean carries(Reached from, TrustEdge edge);
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
    return reach(start, window, maxHops, Gate.ALL);
  }

  /**
   * As {@link #reach(Collection, CompromiseWindow, int)}, with only the edges {@code gate} lets carry the compromise
   * (an incident on a component: an edge to a release of it that is not affected carries nothing).
   */
  public Map<NodeKey, Reached> reach(Collection<NodeRef> start, @Nullable CompromiseWindow window, int maxHops, Gate gate) {
    Map<NodeKey, Reached> best = new LinkedHashMap<>();
    List<Reached> frontier = new ArrayList<>();
    for (NodeRef n : start) {
      Reached r = new Reached(n, n.key(), 100.0, 0, null, null);
      if (best.putIfAbsent(r.key(), r) == null) frontier.add(r);
    }
    for (int hops = 1; hops <= maxHops && !frontier.isEmpty(); hops++) {
      List<NodeRef> asked = new ArrayList<>(frontier.size());
      for (Reached r : frontier) asked.add(r.node());
      List<List<TrustEdge>> into = graph.edgesIntoEach(asked);
      Map<NodeKey, Reached> improved = new LinkedHashMap<>();
      for (int i = 0; i < frontier.size(); i++) {
        Reached r = frontier.get(i);
        for (TrustEdge e : into.get(i)) {
          if (e.confidence() == 0 || !e.overlaps(window)) continue;
          int match = NodeRef.overlap(r.key(), e.to().key());
          if (match == 0 || !gate.carries(r, e)) continue;
          double confidence = r.confidence() * e.confidence() / 100.0 * match / 100.0;
          NodeKey from = e.from().key();
          Reached old = best.get(from);
          if (old != null && !better(confidence, hops, old)) continue;
          Reached candidate = new Reached(e.from(), from, confidence, hops, r, e);
          best.put(from, candidate);
          improved.put(from, candidate);
        }
      }
      frontier = new ArrayList<>(improved.values());
    }
    return best;
  }

  private static boolean better(double confidence, int hops, Reached other) {
    if (confidence > other.confidence() + EPSILON) return true;
    return Math.abs(confidence - other.confidence()) <= EPSILON && hops < other.hops();
  }

  /** The bucket of a vendor key. */
  public static String firstWord(String vendorKey) {
    int space = vendorKey.indexOf(' ');
    return space < 0 ? vendorKey : vendorKey.substring(0, space);
  }
}
