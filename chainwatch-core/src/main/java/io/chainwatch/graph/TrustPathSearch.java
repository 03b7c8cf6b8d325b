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
    CompactTrustGraph compact = gate == Gate.ALL ? graph.compact() : null;
    if (compact != null) return reachCompact(compact, start, window, maxHops);
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

  /**
   * The same search over int ids ({@link CompactTrustGraph}), with the same rules, order and floating-point steps.
   * A node's state is the index of its best candidate; a candidate (node, confidence, hops, previous candidate, edge)
   * is never changed once made, as a {@link Reached} is not, because a path goes through the state its previous node
   * had when the path was found. Start nodes not stored get ids from {@code size()} on. Reached records are made at
   * the end, once per node reached.
   */
  private static Map<NodeKey, Reached> reachCompact(CompactTrustGraph g, Collection<NodeRef> start,
      @Nullable CompromiseWindow window, int maxHops) {
    int stored = g.size();
    List<NodeRef> extra = new ArrayList<>();
    Candidates c = new Candidates();
    int[] bestOf = new int[stored + start.size()];
    java.util.Arrays.fill(bestOf, -1);
    int[] order = new int[16];
    int reached = 0;
    int[] frontier = new int[16];
    int size = 0;
    Map<NodeKey, Integer> startIds = new java.util.HashMap<>();
    for (NodeRef n : start) {
      NodeKey key = n.key();
      if (startIds.containsKey(key)) continue;
      int id = g.id(key);
      if (id < 0) {
        id = stored + extra.size();
        extra.add(n);
      }
      startIds.put(key, id);
      int cand = c.add(id, 100.0, 0, -1, null, n);
      bestOf[id] = cand;
      if (reached == order.length) order = java.util.Arrays.copyOf(order, reached * 2);
      order[reached++] = id;
      if (size == frontier.length) frontier = java.util.Arrays.copyOf(frontier, size * 2);
      frontier[size++] = cand;
    }
    int[] stamp = new int[bestOf.length];
    // The best candidate's confidence and hops again, by node: read for every edge, so next to each other.
    double[] bestConfidence = new double[bestOf.length];
    int[] bestHops = new int[bestOf.length];
    for (int i = 0; i < reached; i++) bestConfidence[order[i]] = 100.0;
    int[] ids = new int[16];
    for (int hops = 1; hops <= maxHops && size > 0; hops++) {
      if (ids.length < size) ids = new int[frontier.length];
      int storedAsked = 0;
      for (int i = 0; i < size; i++) {
        int node = c.node[frontier[i]];
        if (node < stored) ids[storedAsked++] = node;
      }
      List<CompactTrustGraph.Adjacency> lists = g.into(ids, storedAsked);
      int[] next = new int[16];
      int nextSize = 0;
      int k = 0;
      for (int i = 0; i < size; i++) {
        int r = frontier[i];
        int node = c.node[r];
        CompactTrustGraph.Adjacency a = node < stored ? lists.get(k++) : g.into(extra.get(node - stored).key());
        double rc = c.confidence[r];
        int[] packed = a.packed();
        TrustEdge[] edges = a.edges();
        for (int j = 0; j < edges.length; j++) {
          if (window != null && !edges[j].overlaps(window)) continue;
          int w = packed[2 * j + 1];
          double confidence = rc * (w >>> 8) / 100.0 * (w & 0xff) / 100.0;
          int f = packed[2 * j];
          int old = bestOf[f];
          if (old >= 0 && !better(confidence, hops, bestConfidence[f], bestHops[f])) continue;
          bestOf[f] = c.add(f, confidence, hops, r, edges[j], null);
          bestConfidence[f] = confidence;
          bestHops[f] = hops;
          if (old < 0) {
            if (reached == order.length) order = java.util.Arrays.copyOf(order, reached * 2);
            order[reached++] = f;
          }
          if (stamp[f] != hops) {
            stamp[f] = hops;
            if (nextSize == next.length) next = java.util.Arrays.copyOf(next, nextSize * 2);
            next[nextSize++] = f;
          }
        }
      }
      // The next frontier: each improved node in the order first improved, with its best candidate of this layer.
      for (int i = 0; i < nextSize; i++) next[i] = bestOf[next[i]];
      frontier = next;
      size = nextSize;
    }
    Reached[] made = new Reached[c.count];
    Map<NodeKey, Reached> out = new LinkedHashMap<>(reached * 4 / 3 + 1);
    for (int i = 0; i < reached; i++) {
      Reached r = c.reached(bestOf[order[i]], made);
      out.put(r.key(), r);
    }
    return out;
  }

  /** Every candidate made by {@link #reachCompact}, as parallel arrays. */
  private static final class Candidates {
    int count;
    int[] node = new int[64];
    double[] confidence = new double[64];
    int[] hops = new int[64];
    int[] previous = new int[64];
    TrustEdge[] edge = new TrustEdge[64];
    /** The start nodes as asked (they need not be stored). */
    final Map<Integer, NodeRef> startRefs = new java.util.HashMap<>();

    int add(int id, double conf, int h, int prev, @Nullable TrustEdge e, @Nullable NodeRef startRef) {
      if (count == node.length) {
        int n = count * 2;
        node = java.util.Arrays.copyOf(node, n);
        confidence = java.util.Arrays.copyOf(confidence, n);
        hops = java.util.Arrays.copyOf(hops, n);
        previous = java.util.Arrays.copyOf(previous, n);
        edge = java.util.Arrays.copyOf(edge, n);
      }
      node[count] = id;
      confidence[count] = conf;
      hops[count] = h;
      previous[count] = prev;
      edge[count] = e;
      if (startRef != null) startRefs.put(count, startRef);
      return count++;
    }

    /** The candidate as a Reached record, its path's records made once each. */
    Reached reached(int cand, Reached[] made) {
      Reached r = made[cand];
      if (r != null) return r;
      int prev = previous[cand];
      Reached before = prev < 0 ? null : reached(prev, made);
      NodeRef ref = prev < 0 ? startRefs.get(cand) : edge[cand].from();
      r = new Reached(ref, ref.key(), confidence[cand], hops[cand], before, edge[cand]);
      made[cand] = r;
      return r;
    }
  }

  private static boolean better(double confidence, int hops, double otherConfidence, int otherHops) {
    if (confidence > otherConfidence + EPSILON) return true;
    return Math.abs(confidence - otherConfidence) <= EPSILON && hops < otherHops;
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
