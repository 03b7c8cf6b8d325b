package io.chainwatch.graph;

import java.util.Collection;
import java.util.List;

/**
 * Reads the trust graph. Nodes are keys, not rows: an edge may name a vendor or release nothing else knows yet, and it
 * is matched when asked about. Matching is by hierarchy ({@link NodeRef#overlap}): asking about a product finds edges
 * that name the product, one of its releases or its vendor; asking about a vendor finds edges that name it or any of
 * its products and releases.
 */
public interface TrustGraphRepository {
  /** The edges whose {@code to} overlaps one of {@code nodes}: who depends on them. */
  List<TrustEdge> edgesInto(Collection<NodeRef> nodes);

  /**
   * For each of {@code nodes}, in the same order, the edges whose {@code to} overlaps it, in the order stored: one
   * level of a breadth-first search in one call. A store answers from what it has read already where it can.
   */
  default List<List<TrustEdge>> edgesIntoEach(List<NodeRef> nodes) {
    List<TrustEdge> all = edgesInto(nodes);
    List<List<TrustEdge>> out = new java.util.ArrayList<>(nodes.size());
    for (NodeRef n : nodes) {
      List<TrustEdge> mine = new java.util.ArrayList<>();
      for (TrustEdge e : all) if (n.overlap(e.to()) > 0) mine.add(e);
      out.add(mine);
    }
    return out;
  }

  /** The edges whose {@code from} overlaps one of {@code nodes}: what they depend on. */
  List<TrustEdge> edgesOutOf(Collection<NodeRef> nodes);

  /** The graph as int ids for a fast search, or null when this repository has no such view. */
  default @org.jspecify.annotations.Nullable CompactTrustGraph compact() {
    return null;
  }
}
