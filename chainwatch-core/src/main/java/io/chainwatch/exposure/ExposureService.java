package io.chainwatch.exposure;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeKind;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.TrustGraphRepository;
import io.chainwatch.graph.TrustPathSearch;
import io.chainwatch.graph.TrustPathSearch.Reached;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.portfolio.PortfolioRepository;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Answers "who runs an affected release of this incident, on which assets, and why?".
 *
 * <p>The incident's own statements are evaluated first, then those of every incident it caused, transitively
 * (X_TRADER caused 3CX, so an exposure to X_TRADER includes 3CX's customers), each hop appearing in the path. Cycles
 * in {@code caused_by} terminate. Each installation appears once, with its most specific verdict (see
 * {@link ExposureStatus}) and, among equals, the shortest path.
 *
 * <p>Through the trust graph: each incident of the chain compromises the products its affected statements name (and,
 * by the hierarchy of {@link NodeRef#overlap}, their releases; edges that name their vendor count too). Installations
 * inside a node those reach through trust edges valid during the incident's compromise window are {@code POTENTIAL},
 * with the confidence of the best path ({@link TrustPathSearch}) and every node of it in the path. A version-level
 * verdict on the same installation is more specific and wins.
 */
public final class ExposureService {
  private final IncidentRepository incidents;
  private final PortfolioRepository portfolio;
  private final TrustPathSearch search;

  public ExposureService(IncidentRepository incidents, PortfolioRepository portfolio, TrustGraphRepository graph) {
    this.incidents = incidents;
    this.portfolio = portfolio;
    this.search = new TrustPathSearch(graph);
  }

  /** Without a trust graph: version-level verdicts and caused incidents only. */
  public ExposureService(IncidentRepository incidents, PortfolioRepository portfolio) {
    this(incidents, portfolio, EmptyGraph.INSTANCE);
  }

  /**
   * @param customer only this customer's installations, or all when null
   * @param all include {@code fixed} and {@code not-affected} installations too
   * @throws UnknownIncident if the incident is not in the store
   * @throws UnknownCustomer if the customer is not in the portfolio
   */
  public ExposureReport exposure(String incidentId, @Nullable String customer, boolean all) {
    Incident root = incidents.find(incidentId).orElseThrow(() -> new UnknownIncident(incidentId));
    if (customer != null && portfolio.customer(customer).isEmpty()) throw new UnknownCustomer(customer);

    Map<Long, ExposedInstallation> best = new HashMap<>();
    walk(root, (chain, incident) -> {
      evaluate(new IncidentVerdict(incident), chain, customer, best);
      throughGraph(incident, chain, customer, best);
    });
    return report(root.id(), best.values(), all);
  }

  /** Visits the incident, then every incident it caused, transitively, each with its chain of ids from the root. */
  private void walk(Incident root, java.util.function.BiConsumer<List<String>, Incident> visit) {
    Deque<List<String>> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    queue.add(List.of(root.id()));
    seen.add(root.id());
    while (!queue.isEmpty()) {
      List<String> chain = queue.poll();
      String id = chain.get(chain.size() - 1);
      Incident incident = id.equals(root.id()) ? root : incidents.find(id).orElse(null);
      if (incident == null) continue;
      visit.accept(chain, incident);
      for (String child : incidents.causedBy(id)) {
        if (seen.add(child)) {
          List<String> next = new ArrayList<>(chain);
          next.add(child);
          queue.add(next);
        }
      }
    }
  }

  /**
   * The ids of the current installations whose release the incident (or one it caused) affects by its version-level
   * statements: what remediation tracks. The trust graph is left out: a {@code potential} exposure is no release to
   * remove.
   */
  public long[] affectedInstallations(String incidentId) {
    Incident root = incidents.find(incidentId).orElseThrow(() -> new UnknownIncident(incidentId));
    Map<Long, ExposedInstallation> best = new HashMap<>();
    walk(root, (chain, incident) -> evaluate(new IncidentVerdict(incident), chain, null, best));
    return best.values().stream().filter(e -> e.status() == ExposureStatus.AFFECTED)
        .mapToLong(ExposedInstallation::installationId).sorted().toArray();
  }

  private void evaluate(IncidentVerdict verdicts, List<String> chain, @Nullable String customer, Map<Long, ExposedInstallation> best) {
    if (verdicts.query().isEmpty()) return;
    List<String> prefix = new ArrayList<>();
    for (String id : chain) prefix.add("incident:" + id);
    portfolio.forEachCurrent(verdicts.query(), customer, r -> {
      IncidentVerdict.Verdict v = verdicts.verdict(r);
      if (v == null) return;
      List<String> path = new ArrayList<>(prefix);
      path.add("release:" + v.statement().vendor() + "/" + v.statement().product() + "@" + r.version() + "#" + r.platform().wireName());
      // An undetermined version halves what the name match alone would say.
      int confidence = v.status() == ExposureStatus.UNKNOWN ? v.nameConfidence() / 2 : v.nameConfidence();
      ExposedInstallation e = new ExposedInstallation(r.id(), r.customer(), r.criticality(), r.asset(), r.platform(),
          r.vendor(), r.product(), r.version(), v.status(), confidence, path);
      best.merge(r.id(), e, ExposureService::moreSpecific);
    });
  }

  private void throughGraph(Incident incident, List<String> chain, @Nullable String customer, Map<Long, ExposedInstallation> best) {
    Map<NodeKey, NodeRef> start = new java.util.LinkedHashMap<>();
    for (ProductVersions s : incident.affected()) {
      NodeRef n = NodeRef.product(s.vendor(), s.product());
      start.putIfAbsent(n.key(), n);
    }
    if (start.isEmpty()) return;
    IncidentVerdict verdicts = new IncidentVerdict(incident);
    // Version-level precision on the compromised products themselves: an edge from a start node to a release the
    // incident places outside its affected set carries nothing, whatever the relation.
    TrustPathSearch.Gate gate = (from, edge) -> from.hops() > 0 || componentVerdict(verdicts, edge.to()) != ExposureStatus.NOT_AFFECTED;
    Map<NodeKey, Reached> reached = search.reach(start.values(), incident.compromiseWindow(), TrustPathSearch.DEFAULT_MAX_HOPS, gate);
    List<String> prefix = new ArrayList<>();
    for (String id : chain) prefix.add("incident:" + id);
    // Hops ≥ 1: the start products' own installations have their version-level verdict already.
    GraphReach.installations(portfolio, reached, 1, customer, (r, hit) -> {
      String note = GraphReach.notes(componentNote(verdicts, hit.reached()), GraphReach.installedNote(hit.reached(), r));
      ExposedInstallation e = new ExposedInstallation(r.id(), r.customer(), r.criticality(), r.asset(), r.platform(),
          r.vendor(), r.product(), r.version(), ExposureStatus.POTENTIAL, GraphReach.percent(hit.confidence()),
          GraphReach.path(prefix, hit.reached(), r), GraphReach.hops(prefix.size(), hit.reached(), r), note);
      best.merge(r.id(), e, ExposureService::moreSpecific);
    });
  }

  /**
   * The incident's verdict on the compromised node a trust edge names: for a release, its version judged like an
   * installed one ({@code NOT_AFFECTED} also for a fixed release); for a product or vendor, null (no version to judge).
   */
  private static @Nullable ExposureStatus componentVerdict(IncidentVerdict verdicts, NodeRef node) {
    if (node.kind() != NodeKind.RELEASE) return null;
    IncidentVerdict.Verdict v = verdicts.verdict(new InstalledRelease(0, "", 0, "", node.platform() == null ? Platform.ANY : node.platform(),
        node.name(), node.product(), node.version(), null, null));
    if (v == null) return null;
    return v.status() == ExposureStatus.FIXED ? ExposureStatus.NOT_AFFECTED : v.status();
  }

  /** Why a path is less than version-precise at its first edge, the one that names the compromised component. */
  private static @Nullable String componentNote(IncidentVerdict verdicts, Reached reached) {
    List<io.chainwatch.graph.TrustEdge> edges = reached.edges();
    if (edges.isEmpty()) return null;
    NodeRef component = edges.get(0).to();
    if (component.kind() != NodeKind.RELEASE) {
      return "the trust edge names " + component + " without a version: any release of it may be the one depended on";
    }
    if (componentVerdict(verdicts, component) == ExposureStatus.UNKNOWN) {
      return "the version of " + component + " cannot be placed against the incident's affected versions";
    }
    return null;
  }

  /** The more specific verdict; among equals the higher confidence, then the shorter path. */
  static ExposedInstallation moreSpecific(ExposedInstallation a, ExposedInstallation b) {
    int c = Integer.compare(a.status().ordinal(), b.status().ordinal());
    if (c != 0) return c < 0 ? a : b;
    if (a.confidence() != b.confidence()) return a.confidence() > b.confidence() ? a : b;
    return a.path().size() <= b.path().size() ? a : b;
  }

  /** Groups installations by customer: most critical customer first; within one, by asset, status, product. */
  static ExposureReport report(String subject, Iterable<ExposedInstallation> installations, boolean all) {
    Map<String, List<ExposedInstallation>> byCustomer = new LinkedHashMap<>();
    Map<String, Integer> criticality = new HashMap<>();
    for (ExposedInstallation e : installations) {
      if (!all && !e.status().needsAttention()) continue;
      byCustomer.computeIfAbsent(e.customer(), k -> new ArrayList<>()).add(e);
      criticality.put(e.customer(), e.criticality());
    }
    Comparator<ExposedInstallation> order = Comparator.comparing(ExposedInstallation::asset)
        .thenComparing(ExposedInstallation::status)
        .thenComparing(ExposedInstallation::vendor)
        .thenComparing(ExposedInstallation::product)
        .thenComparing(ExposedInstallation::version)
        .thenComparingLong(ExposedInstallation::installationId);
    List<CustomerExposure> customers = new ArrayList<>();
    byCustomer.forEach((name, list) -> {
      list.sort(order);
      customers.add(new CustomerExposure(name, criticality.get(name), list));
    });
    customers.sort(Comparator.comparingInt(CustomerExposure::criticality).reversed().thenComparing(CustomerExposure::customer));
    return new ExposureReport(subject, customers);
  }

  /** For callers that list customers, most critical first. */
  public List<Customer> customers() {
    return portfolio.customers();
  }
}
