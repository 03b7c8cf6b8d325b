package io.chainwatch.report;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.exposure.ExposureService;
import io.chainwatch.exposure.ExposureStatus;
import io.chainwatch.hunt.HuntRepository;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.portfolio.Names;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.threatmodel.ThreatModel;
import io.chainwatch.threatmodel.ThreatModelService;
import io.chainwatch.verify.ledger.Anomaly;
import io.chainwatch.verify.ledger.LedgerAnomalies;
import io.chainwatch.verify.ledger.LedgerRepository;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link IncidentReport} from what the other features already know: the incident and its chain, exposure
 * (with {@code --all} verdicts), the release ledger's observations and anomalies, stored hunts, intel sightings,
 * triage through {@link ReportTriageSource}, the threat model and the source files.
 *
 * <p>Implementation notes. A customer's report must say nothing about other customers, so every section is filtered
 * at the source rather than in the renderers: exposure, intel sightings and the threat model are asked for that
 * customer; a hunt bound to another customer is left out, a hunt over several customers keeps only the customer's
 * sightings and withholds its log paths (they may name other customers' folders); sightings whose host no inventory
 * ties to a customer are left out; ledger observations are those recorded as {@code customer:NAME} for that customer,
 * and an anomaly is kept only when no row behind it is another customer's observation; source files are the
 * incident's, the trust graph's, and those that described that customer.
 *
 * <p>A hunt belongs to the incident when it was run for it (then every sighting counts, Sigma and beacon ones
 * included), or when it was run for all indicators and some sighting names one of the incident's indicators (then
 * only those count).
 */
public final class IncidentReportService {
  private final IncidentRepository incidents;
  private final IncidentIntelService intel;
  private final ExposureService exposure;
  private final LedgerRepository ledger;
  private final HuntRepository hunts;
  private final ThreatModelService threatModel;
  private final ReportTriageSource triage;
  private final SourceFiles sources;
  private final Clock clock;

  public IncidentReportService(IncidentRepository incidents, IncidentIntelService intel, ExposureService exposure,
      LedgerRepository ledger, HuntRepository hunts, ThreatModelService threatModel, ReportTriageSource triage,
      SourceFiles sources, Clock clock) {
    this.incidents = incidents;
    this.intel = intel;
    this.exposure = exposure;
    this.ledger = ledger;
    this.hunts = hunts;
    this.threatModel = threatModel;
    this.triage = triage;
    this.sources = sources;
    this.clock = clock;
  }

  /**
   * @param customer the customer the report is for, or null for the provider's report
   * @throws io.chainwatch.exposure.UnknownIncident if the incident is not in the store
   * @throws io.chainwatch.exposure.UnknownCustomer if the customer is not in the portfolio
   */
  public IncidentReport of(String incidentId, @Nullable String customer) {
    IncidentIntel facts = intel.of(incidentId, customer);
    Incident incident = facts.incident();
    ExposureReport exposed = exposure.exposure(incidentId, customer, true);
    Set<String> indicatorKeys = new HashSet<>();
    for (NormalisedIndicator n : facts.indicators()) indicatorKeys.add(key(n.indicator().type(), n.indicator().value()));
    IncidentReport.Verification verification = verification(incident, customer, indicatorKeys);
    IncidentReport.Hunts huntSection = new IncidentReport.Hunts(hunts(incidentId, customer, indicatorKeys), facts.sightings());
    Optional<String> who = Optional.ofNullable(customer);
    IncidentReport.Triage triageSection = triage.available()
        ? new IncidentReport.Triage(true, triage.cases(incidentId, who), triage.remediation(incidentId, who))
        : new IncidentReport.Triage(false, List.of(), List.of());
    IncidentReport.Threat threat = threat(facts, customer);
    List<String> upstream = upstream(incident);
    List<String> downstream = downstream(incidentId);
    IncidentReport.Summary summary = new IncidentReport.Summary(incident, upstream, downstream, releases(incident),
        facts.attributions(), facts.actors(), facts.indicators(),
        findings(incident, customer, upstream, exposed, verification, huntSection, triageSection, facts));
    List<Provenance> files = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (List<Provenance> part : List.of(sources.ofIncident(incidentId), sources.ofPortfolio(customer), sources.ofTrustGraph())) {
      for (Provenance p : part) if (seen.add(p.sha256())) files.add(p);
    }
    for (String up : upstream) {
      for (Provenance p : sources.ofIncident(up)) if (seen.add(p.sha256())) files.add(p);
    }
    return new IncidentReport(clock.instant(), customer, summary, exposed, verification, huntSection, triageSection, threat, files);
  }

  /** The incidents that caused this one, nearest first; a cycle or a cause not yet imported ends the chain. */
  private List<String> upstream(Incident incident) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(incident.id()));
    String cause = incident.causedBy();
    while (cause != null && seen.add(cause)) {
      out.add(cause);
      cause = incidents.find(cause).map(Incident::causedBy).orElse(null);
    }
    return out;
  }

  private List<String> downstream(String incidentId) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(incidentId));
    List<String> queue = new ArrayList<>(List.of(incidentId));
    for (int i = 0; i < queue.size(); i++) {
      for (String child : incidents.causedBy(queue.get(i))) {
        if (seen.add(child)) {
          out.add(child);
          queue.add(child);
        }
      }
    }
    return out;
  }

  /** One entry per product and platform, in the advisory's order. */
  static List<IncidentReport.Releases> releases(Incident incident) {
    Map<String, List<List<String>>> lists = new LinkedHashMap<>();
    Map<String, ProductVersions> first = new LinkedHashMap<>();
    List<List<ProductVersions>> kinds = List.of(incident.affected(), incident.fixed(), incident.notAffected(), incident.underInvestigation());
    for (int k = 0; k < kinds.size(); k++) {
      for (ProductVersions p : kinds.get(k)) {
        String key = p.productKey() + "#" + p.platform().wireName();
        first.putIfAbsent(key, p);
        List<List<String>> l = lists.computeIfAbsent(key, x -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        l.get(k).add(p.versionsText());
      }
    }
    List<IncidentReport.Releases> out = new ArrayList<>();
    first.forEach((key, p) -> {
      List<List<String>> l = lists.get(key);
      out.add(new IncidentReport.Releases(p.vendor(), p.product(), p.platform().wireName(), l.get(0), l.get(1), l.get(2), l.get(3)));
    });
    return out;
  }

  private IncidentReport.Verification verification(Incident incident, @Nullable String customer, Set<String> indicatorKeys) {
    Set<ProductKey> products = new HashSet<>();
    for (List<ProductVersions> kind : List.of(incident.affected(), incident.fixed(), incident.notAffected(), incident.underInvestigation())) {
      for (ProductVersions p : kind) products.add(p.productKey());
    }
    List<ReleaseRecord> rows = ledger.all();
    List<IncidentReport.Observation> observations = new ArrayList<>();
    for (ReleaseRecord r : rows) {
      String observer = observer(r);
      if (observer == null || (customer != null && !observer.equalsIgnoreCase(customer))) continue;
      boolean bad = indicatorKeys.contains(key("sha256", r.sha256()));
      if (!bad && !(r.hasRelease() && concerns(products, r))) continue;
      observations.add(new IncidentReport.Observation(observer, r.vendor(), r.product(), r.version(), r.platform(), r.file(),
          r.sha256(), r.signatureStatus(), r.appendedBytes(), bad, r.published()));
    }
    List<Anomaly> anomalies = new ArrayList<>();
    for (Anomaly a : LedgerAnomalies.find(rows)) {
      if (!concerns(products, ReleaseRecord.published(a.vendor(), a.product(), a.version(), a.platform(), "", "", null, null, ""))) continue;
      if (customer != null && a.rows().stream().map(IncidentReportService::observer)
          .anyMatch(o -> o != null && !o.equalsIgnoreCase(customer))) continue;
      anomalies.add(a);
    }
    return new IncidentReport.Verification(observations, anomalies);
  }

  /** The customer a ledger row was observed at ({@code customer:NAME}), or null for a feed or mirror row. */
  private static @Nullable String observer(ReleaseRecord r) {
    return r.source().regionMatches(true, 0, "customer:", 0, 9) ? r.source().substring(9).strip() : null;
  }

  private static boolean concerns(Set<ProductKey> products, ReleaseRecord r) {
    ProductKey k = ProductKey.of(r.vendor(), r.product());
    for (ProductKey p : products) {
      if (p.product().equals(k.product()) && Names.vendorMatch(p.vendor(), k.vendor()) >= 90) return true;
    }
    return false;
  }

  private List<IncidentReport.Hunt> hunts(String incidentId, @Nullable String customer, Set<String> indicatorKeys) {
    List<IncidentReport.Hunt> out = new ArrayList<>();
    for (HuntResult listed : hunts.list()) {
      String huntIncident = listed.parameters().incident();
      String huntCustomer = listed.parameters().customer();
      if (huntIncident != null && !huntIncident.equals(incidentId)) continue;
      if (customer != null && huntCustomer != null && !huntCustomer.equalsIgnoreCase(customer)) continue;
      boolean forIncident = incidentId.equals(huntIncident);
      // The listing carries no sightings: each candidate hunt is read in full.
      HuntResult h = hunts.find(listed.id()).orElse(listed);
      if (!forIncident && h.sightings().stream().noneMatch(s -> indicatorKeys.contains(key(s.indicatorType(), s.indicatorValue())))) continue;
      List<Sighting> kept = new ArrayList<>();
      for (Sighting s : h.sightings()) {
        if (!forIncident && !indicatorKeys.contains(key(s.indicatorType(), s.indicatorValue()))) continue;
        if (customer != null && (s.customer() == null || !s.customer().equalsIgnoreCase(customer))) continue;
        kept.add(s);
      }
      boolean own = customer == null || (huntCustomer != null && huntCustomer.equalsIgnoreCase(customer));
      if (!own && kept.isEmpty()) continue;
      out.add(new IncidentReport.Hunt(h.id(), h.started(), h.finished(), huntCustomer, own ? h.parameters().logs() : List.of(),
          h.stats().files(), h.stats().events(), h.stats().bytes(), kept));
    }
    out.sort(java.util.Comparator.comparing(IncidentReport.Hunt::started).thenComparingLong(IncidentReport.Hunt::id));
    return out;
  }

  private IncidentReport.Threat threat(IncidentIntel facts, @Nullable String customer) {
    if (customer != null) {
      ThreatModel m = threatModel.of(customer);
      return new IncidentReport.Threat(m.actors(), m.suppliers());
    }
    List<ThreatModel.Actor> actors = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (ActorCluster a : facts.actors()) {
      listed.add(a.name().toLowerCase(Locale.ROOT));
      List<String> capability = new ArrayList<>();
      if (a.supplyChain()) capability.add("uses T1195 (Supply Chain Compromise)");
      for (String i : a.incidents()) capability.add("attributed: " + i);
      actors.add(new ThreatModel.Actor(a.name(), a.externalId(), a.aliases(), a.related(), capability, List.of(), a.incidents()));
    }
    // Actors named only by attributions, with no intel record of their own, still belong in the section.
    Map<String, List<String>> bare = new TreeMap<>();
    for (IncidentIntel.Attribution a : facts.attributions()) {
      boolean known = facts.actors().stream().anyMatch(c -> c.name().equalsIgnoreCase(a.actor())
          || c.aliases().stream().anyMatch(x -> x.equalsIgnoreCase(a.actor())));
      if (!known && !listed.contains(a.actor().toLowerCase(Locale.ROOT))) {
        bare.computeIfAbsent(a.actor(), k -> new ArrayList<>()).add("attributed: " + facts.incident().id()
            + (a.source() == null ? "" : " by " + a.source()) + " (confidence " + a.confidence() + ")");
      }
    }
    bare.forEach((name, cap) -> actors.add(new ThreatModel.Actor(name, null, List.of(), List.of(), cap, List.of(), List.of(facts.incident().id()))));
    return new IncidentReport.Threat(actors, List.of());
  }

  private static List<String> findings(Incident incident, @Nullable String customer, List<String> upstream, ExposureReport exposed,
      IncidentReport.Verification verification, IncidentReport.Hunts hunts, IncidentReport.Triage triage, IncidentIntel facts) {
    List<String> out = new ArrayList<>();
    Map<ExposureStatus, Set<String>> assets = new LinkedHashMap<>();
    Map<ExposureStatus, Set<String>> customers = new LinkedHashMap<>();
    for (CustomerExposure c : exposed.customers()) {
      for (ExposedInstallation e : c.installations()) {
        assets.computeIfAbsent(e.status(), k -> new LinkedHashSet<>()).add(c.customer() + "\n" + e.asset());
        customers.computeIfAbsent(e.status(), k -> new LinkedHashSet<>()).add(c.customer());
      }
    }
    int affected = assets.getOrDefault(ExposureStatus.AFFECTED, Set.of()).size();
    int potential = assets.getOrDefault(ExposureStatus.POTENTIAL, Set.of()).size();
    int unknown = assets.getOrDefault(ExposureStatus.UNKNOWN, Set.of()).size();
    String where = customer == null
        ? customers.getOrDefault(ExposureStatus.AFFECTED, Set.of()).size() + " customer(s)"
        : customer;
    if (affected > 0) out.add(plural(affected, "asset") + (customer == null ? " of " + where : " at " + where) + verb(affected) + " an affected release.");
    else out.add("No asset" + (customer == null ? " in the portfolio" : " at " + customer) + " runs an affected release.");
    if (potential > 0) out.add(plural(potential, "more asset") + " can be reached through the trust graph (potential exposure).");
    if (unknown > 0) out.add(plural(unknown, "asset") + verb(unknown) + " a version that cannot be placed (unknown); check them by hand.");
    if (!upstream.isEmpty()) out.add("Root cause: " + String.join(" ← ", upstream) + " (the incident that made this one possible).");
    long bad = verification.observations().stream().filter(IncidentReport.Observation::knownBad).count();
    if (bad > 0) out.add(plural((int) bad, "verified file") + (bad == 1 ? " matches" : " match") + " the incident's known-bad hashes.");
    long sightings = hunts.sightingCount();
    if (sightings > 0) out.add(plural((int) sightings, "sighting") + " of the incident's indicators in hunted telemetry.");
    else if (!hunts.hunts().isEmpty()) out.add("Hunts found no sighting of the incident's indicators.");
    if (triage.recorded()) {
      long open = triage.cases().stream().filter(c -> !"resolved".equals(c.state())).count();
      if (!triage.cases().isEmpty()) out.add(plural((int) open, "case") + " still open of " + triage.cases().size() + ".");
    }
    if (!facts.attributions().isEmpty()) {
      IncidentIntel.Attribution best = facts.attributions().get(0);
      for (IncidentIntel.Attribution a : facts.attributions()) if (a.confidence() > best.confidence()) best = a;
      out.add("Attributed to " + best.actor() + (best.source() == null ? "" : " by " + best.source()) + " (confidence " + best.confidence() + ").");
    }
    return out;
  }

  private static String verb(int n) {
    return n == 1 ? " runs" : " run";
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String key(String type, String value) {
    return type + "\n" + value.toLowerCase(Locale.ROOT);
  }
}
