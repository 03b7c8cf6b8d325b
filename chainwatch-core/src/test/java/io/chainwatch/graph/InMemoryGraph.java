package io.chainwatch.graph;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A trust graph in a list, matching nodes by {@link NodeRef#overlap} as the store does. */
public final class InMemoryGraph implements TrustGraphRepository {
  private final List<TrustEdge> edges = new ArrayList<>();
  public int calls;

  public InMemoryGraph edge(String from, String relation, String to, int confidence) {
    return edge(from, relation, to, confidence, null, null);
  }

  public InMemoryGraph edge(String from, String relation, String to, int confidence, @Nullable String validFrom, @Nullable String validTo) {
    edges.add(new TrustEdge(NodeRef.parse(from), Relation.parse(relation).orElseThrow(), NodeRef.parse(to), confidence,
        validFrom == null ? null : LocalDate.parse(validFrom), validTo == null ? null : LocalDate.parse(validTo), "test"));
    return this;
  }

  @Override
  public List<TrustEdge> edgesInto(Collection<NodeRef> nodes) {
    calls++;
    List<TrustEdge> out = new ArrayList<>();
    for (TrustEdge e : edges) if (nodes.stream().anyMatch(n -> n.overlap(e.to()) > 0)) out.add(e);
    return out;
  }

  @Override
  public List<TrustEdge> edgesOutOf(Collection<NodeRef> nodes) {
    calls++;
    List<TrustEdge> out = new ArrayList<>();
    for (TrustEdge e : edges) if (nodes.stream().anyMatch(n -> n.overlap(e.from()) > 0)) out.add(e);
    return out;
  }
}
