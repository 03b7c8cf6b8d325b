package io.chainwatch.graph;

import io.chainwatch.portfolio.Names;
import io.chainwatch.portfolio.PortfolioRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The providers a customer depends on, and theirs, as a tree (the DORA register of information: rank 1 are the
 * customer's direct ICT providers, rank 2 their providers, and so on).
 *
 * <p>Rank 1 are the vendors of the customer's current installations, tied by the products installed. A provider's
 * children are the vendors of the {@code to} nodes of the edges out of it, its products or its releases, tied by
 * those edges. Each vendor appears once, at its lowest rank (breadth first); a later tie to it is listed under the
 * provider that has it but not expanded again, so cycles end. Validity windows are not applied: a register lists
 * every known dependency, with its window shown.
 */
public final class FourthParties {
  /** One provider and what ties it to its parent (the customer for rank 1). */
  public record Provider(String vendor, int rank, List<String> ties, List<Provider> providers) {
    public Provider {
      ties = List.copyOf(ties);
      providers = List.copyOf(providers);
    }
  }

  private final PortfolioRepository portfolio;
  private final TrustGraphRepository graph;

  public FourthParties(PortfolioRepository portfolio, TrustGraphRepository graph) {
    this.portfolio = portfolio;
    this.graph = graph;
  }

  /** The customer's providers, rank 1 first, by name; at most {@code maxRank} deep. */
  public List<Provider> of(String customer, int maxRank) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Set<String>> ties = new HashMap<>();
    portfolio.forEachCurrentOfCustomer(customer, i -> {
      String key = Names.vendorKey(i.vendor());
      if (key.isEmpty()) return;
      names.putIfAbsent(key, i.vendor());
      ties.computeIfAbsent(key, k -> new LinkedHashSet<>()).add("installs " + NodeRef.product(i.vendor(), i.product()));
    });
    Set<String> seen = new LinkedHashSet<>(names.keySet());
    List<Builder> level = new ArrayList<>();
    for (Map.Entry<String, String> e : sorted(names)) level.add(new Builder(e.getValue(), 1, new ArrayList<>(ties.get(e.getKey()))));
    List<Builder> roots = level;
    for (int rank = 2; rank <= maxRank && !level.isEmpty(); rank++) {
      List<Builder> next = new ArrayList<>();
      for (Builder parent : level) {
        Map<String, String> childNames = new LinkedHashMap<>();
        Map<String, List<String>> childTies = new HashMap<>();
        for (TrustEdge e : graph.edgesOutOf(List.of(NodeRef.vendor(parent.vendor)))) {
          String key = e.to().key().vendor();
          if (key.isEmpty() || Names.vendorMatch(key, Names.vendorKey(parent.vendor)) == 100) continue;
          childNames.putIfAbsent(key, e.to().name());
          childTies.computeIfAbsent(key, k -> new ArrayList<>()).add(describe(e));
        }
        for (Map.Entry<String, String> c : sorted(childNames)) {
          boolean expand = seen.add(c.getKey());
          Builder child = new Builder(c.getValue(), rank, childTies.get(c.getKey()));
          child.expanded = expand;
          parent.children.add(child);
          if (expand) next.add(child);
        }
      }
      level = next;
    }
    List<Provider> out = new ArrayList<>();
    for (Builder b : roots) out.add(b.build());
    return out;
  }

  static String describe(TrustEdge e) {
    String window = e.validFrom() == null && e.validTo() == null ? ""
        : ", valid " + (e.validFrom() == null ? "…" : e.validFrom()) + " to " + (e.validTo() == null ? "…" : e.validTo());
    return e.from() + " " + e.relation().wireName() + " " + e.to() + " (" + e.confidence() + "%" + window
        + (e.source() == null ? "" : ", " + e.source()) + ")";
  }

  private static List<Map.Entry<String, String>> sorted(Map<String, String> names) {
    List<Map.Entry<String, String>> list = new ArrayList<>(names.entrySet());
    list.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    return list;
  }

  private static final class Builder {
    final String vendor;
    final int rank;
    final List<String> ties;
    final List<Builder> children = new ArrayList<>();
    boolean expanded = true;

    Builder(String vendor, int rank, List<String> ties) {
      this.vendor = vendor;
      this.rank = rank;
      this.ties = ties;
    }

    Provider build() {
      List<Provider> kids = new ArrayList<>();
      for (Builder b : children) kids.add(b.build());
      return new Provider(vendor, rank, ties, kids);
    }
  }
}
