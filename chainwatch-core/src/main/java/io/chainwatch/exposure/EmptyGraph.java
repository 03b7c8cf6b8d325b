package io.chainwatch.exposure;

import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.graph.TrustGraphRepository;
import java.util.Collection;
import java.util.List;

/** A trust graph with no edges, for callers that have none. */
enum EmptyGraph implements TrustGraphRepository {
  INSTANCE;

  @Override
  public List<TrustEdge> edgesInto(Collection<NodeRef> nodes) {
    return List.of();
  }

  @Override
  public List<TrustEdge> edgesOutOf(Collection<NodeRef> nodes) {
    return List.of();
  }
}
