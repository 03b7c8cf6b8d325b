package io.chainwatch.graph;

import io.chainwatch.advisory.CompromiseWindow;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One dependency: {@code from} depends on {@code to}, so a compromise of {@code to} can reach {@code from}.
 *
 * @param confidence 0–100: how sure the source is that the dependency exists and would carry a compromise
 * @param validFrom first day the dependency held, or null when unknown (since always)
 * @param validTo last day it held (inclusive), or null when it still holds
 * @param source who says so, e.g. {@code Mandiant 2023-04-20}
 */
public record TrustEdge(NodeRef from, Relation relation, NodeRef to, int confidence, @Nullable LocalDate validFrom,
    @Nullable LocalDate validTo, @Nullable String source) {

  public TrustEdge {
    if (confidence < 0 || confidence > 100) throw new IllegalArgumentException("confidence must be 0 to 100, got " + confidence);
    if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
      throw new IllegalArgumentException("the validity window ends (" + validTo + ") before it starts (" + validFrom + ")");
    }
    if (from.kind() == NodeKind.INCIDENT || to.kind() == NodeKind.INCIDENT) throw new IllegalArgumentException("a trust edge joins vendors, products and releases, not incidents");
    if (from.key().equals(to.key())) throw new IllegalArgumentException("an edge from " + from + " to itself");
  }

  /**
   * Whether the edge held at some time during {@code window} (ends inclusive; an open end is unbounded). A null
   * window (an incident with no compromise window, or a what-if) is every time.
   */
  public boolean overlaps(@Nullable CompromiseWindow window) {
    if (window == null) return true;
    if (window.to() != null && validFrom != null && validFrom.isAfter(window.to())) return false;
    if (window.from() != null && validTo != null && validTo.isBefore(window.from())) return false;
    return true;
  }
}
