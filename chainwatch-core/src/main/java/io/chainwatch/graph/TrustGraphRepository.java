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

  /** The edges whose {@code from} overlaps one of {@code nodes}: what they depend on. */
  List<TrustEdge> edgesOutOf(Collection<NodeRef> nodes);
}
