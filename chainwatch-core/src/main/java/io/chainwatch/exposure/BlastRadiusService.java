package io.chainwatch.exposure;

import io.chainwatch.advisory.CompromiseWindow;
import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.TrustGraphRepository;
import io.chainwatch.graph.TrustPathSearch;
import io.chainwatch.graph.TrustPathSearch.Reached;
import io.chainwatch.portfolio.PortfolioRepository;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The what-if: who would be exposed if a vendor, product or release were compromised now. The subject's own
 * installations are {@code AFFECTED} (confidence 100, or the vendor-name match); installations the subject reaches
 * through trust edges are {@code POTENTIAL} with the confidence of the best path (see {@link TrustPathSearch}).
 *
 * <p>Ranking, because the question is "whom do I call first": customers by their highest criticality × confidence,
 * then name; within a customer, installations by confidence, then shorter paths, then asset.
 */
public final class BlastRadiusService {
  private final PortfolioRepository portfolio;
  private final TrustPathSearch search;

  public BlastRadiusService(PortfolioRepository portfolio, TrustGraphRepository graph) {
    this.portfolio = portfolio;
    this.search = new TrustPathSearch(graph);
  }

  /**
   * @param at only edges valid on that day; null for every edge whatever its validity window (a what-if asks about
   *     dependencies that ever existed, since a dormant implant outlives the dependency that brought it)
   */
  public ExposureReport blastRadius(NodeRef subject, @Nullable LocalDate at) {
    CompromiseWindow window = at == null ? null : new CompromiseWindow(at, at);
    Map<NodeKey, Reached> reached = search.reach(List.of(subject), window, TrustPathSearch.DEFAULT_MAX_HOPS);
    Map<Long, ExposedInstallation> best = new HashMap<>();
    GraphReach.installations(portfolio, reached, 0, null, (r, hit) -> {
      String note = GraphReach.installedNote(hit.reached(), r);
      // The subject's own installations are affected, unless the subject is a release and the installed version unknown.
      ExposureStatus status = hit.reached().hops() == 0 && note == null ? ExposureStatus.AFFECTED : ExposureStatus.POTENTIAL;
      ExposedInstallation e = new ExposedInstallation(r.id(), r.customer(), r.criticality(), r.asset(), r.platform(),
          r.vendor(), r.product(), r.version(), status, GraphReach.percent(hit.confidence()), GraphReach.path(List.of(), hit.reached(), r),
          GraphReach.hops(0, hit.reached(), r), note);
      best.merge(r.id(), e, ExposureService::moreSpecific);
    });
    return ranked(subject.toString(), best.values());
  }

  static ExposureReport ranked(String subject, Iterable<ExposedInstallation> installations) {
    Map<String, List<ExposedInstallation>> byCustomer = new LinkedHashMap<>();
    Map<String, Integer> criticality = new HashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    for (ExposedInstallation e : installations) {
      byCustomer.computeIfAbsent(e.customer(), k -> new ArrayList<>()).add(e);
      criticality.put(e.customer(), e.criticality());
      rank.merge(e.customer(), e.criticality() * e.confidence(), Math::max);
    }
    Comparator<ExposedInstallation> order = Comparator.comparingInt(ExposedInstallation::confidence).reversed()
        .thenComparingInt(e -> e.path().size())
        .thenComparing(ExposedInstallation::asset)
        .thenComparing(ExposedInstallation::vendor)
        .thenComparing(ExposedInstallation::product)
        .thenComparing(ExposedInstallation::version)
        .thenComparingLong(ExposedInstallation::installationId);
    List<CustomerExposure> customers = new ArrayList<>();
    byCustomer.forEach((name, list) -> {
      list.sort(order);
      customers.add(new CustomerExposure(name, criticality.get(name), list));
    });
    customers.sort(Comparator.<CustomerExposure>comparingInt(c -> rank.get(c.customer())).reversed()
        .thenComparing(Comparator.comparingInt(CustomerExposure::criticality).reversed())
        .thenComparing(CustomerExposure::customer));
    return new ExposureReport(subject, customers);
  }
}
