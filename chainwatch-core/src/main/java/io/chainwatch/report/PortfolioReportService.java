package io.chainwatch.report;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.exposure.ExposureService;
import io.chainwatch.hunt.HuntRepository;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.PortfolioRepository;
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
import java.util.TreeSet;

/**
 * Builds the {@link PortfolioReport}: every imported incident's exposure (assets needing attention only), the
 * actors attributed to them or known to compromise supply chains, and the customer × incident matrix.
 */
public final class PortfolioReportService {
  private final IncidentRepository incidents;
  private final IncidentIntelService intelService;
  private final IntelRepository intel;
  private final ExposureService exposure;
  private final PortfolioRepository portfolio;
  private final HuntRepository hunts;
  private final ReportTriageSource triage;
  private final SourceFiles sources;
  private final Clock clock;

  public PortfolioReportService(IncidentRepository incidents, IncidentIntelService intelService, IntelRepository intel,
      ExposureService exposure, PortfolioRepository portfolio, HuntRepository hunts, ReportTriageSource triage,
      SourceFiles sources, Clock clock) {
    this.incidents = incidents;
    this.intelService = intelService;
    this.intel = intel;
    this.exposure = exposure;
    this.portfolio = portfolio;
    this.hunts = hunts;
    this.triage = triage;
    this.sources = sources;
    this.clock = clock;
  }

  public PortfolioReport build() {
    List<HuntResult> stored = new ArrayList<>();
    // The listing carries no sightings: each hunt is read in full once.
    for (HuntResult h : hunts.list()) stored.add(hunts.find(h.id()).orElse(h));
    Map<String, Map<String, Map<String, Set<String>>>> byCustomer = new TreeMap<>();
    List<PortfolioReport.IncidentLine> lines = new ArrayList<>();
    Map<String, ActorAcc> actors = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<Provenance> files = new ArrayList<>();
    Set<String> seenFiles = new HashSet<>();
    for (Incident incident : incidents.list()) {
      IncidentIntel facts = intelService.of(incident.id(), null);
      ExposureReport report = exposure.exposure(incident.id(), null, false);
      Map<String, Set<String>> assetsByStatus = new LinkedHashMap<>();
      for (CustomerExposure c : report.customers()) {
        for (ExposedInstallation e : c.installations()) {
          String status = e.status().wireName();
          assetsByStatus.computeIfAbsent(status, k -> new LinkedHashSet<>()).add(c.customer() + "\n" + e.asset());
          byCustomer.computeIfAbsent(c.customer(), k -> new TreeMap<>()).computeIfAbsent(incident.id(), k -> new TreeMap<>())
              .computeIfAbsent(status, k -> new HashSet<>()).add(e.asset());
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      assetsByStatus.forEach((s, set) -> counts.put(s, (long) set.size()));
      Set<String> names = new LinkedHashSet<>();
      for (IncidentIntel.Attribution a : facts.attributions()) names.add(a.actor());
      for (ActorCluster a : facts.actors()) actors.computeIfAbsent(a.name(), k -> new ActorAcc(a)).incidents.add(incident.id());
      for (String n : names) {
        Optional<ActorCluster> cluster = facts.actors().stream().filter(a -> a.name().equalsIgnoreCase(n)
            || a.aliases().stream().anyMatch(x -> x.equalsIgnoreCase(n))).findFirst();
        if (cluster.isEmpty()) actors.computeIfAbsent(n, k -> new ActorAcc(n)).incidents.add(incident.id());
      }
      int openCases = -1;
      if (triage.available()) {
        openCases = (int) triage.cases(incident.id(), Optional.empty()).stream().filter(c -> !"resolved".equals(c.state())).count();
      }
      lines.add(new PortfolioReport.IncidentLine(incident.id(), incident.title(), incident.disclosed(), incident.causedBy(),
          List.copyOf(names), (int) report.customers().stream().filter(c -> !c.installations().isEmpty()).count(), counts,
          sightings(stored, incident.id(), facts.indicators()), openCases));
      for (Provenance p : sources.ofIncident(incident.id())) if (seenFiles.add(p.sha256())) files.add(p);
    }
    for (ActorCluster a : intel.actors()) {
      if (a.supplyChain() && !a.kind().equals("campaign") && !a.kind().equals("malware")) actors.computeIfAbsent(a.name(), k -> new ActorAcc(a));
    }
    List<PortfolioReport.ActorLine> actorLines = new ArrayList<>();
    actors.values().forEach(a -> actorLines.add(new PortfolioReport.ActorLine(a.name, a.aliases, a.supplyChain || !a.incidents.isEmpty(),
        List.copyOf(a.incidents))));
    List<PortfolioReport.CustomerLine> customers = new ArrayList<>();
    for (Customer c : portfolio.customers()) {
      Map<String, Map<String, Long>> matrix = new LinkedHashMap<>();
      byCustomer.getOrDefault(c.name(), Map.of()).forEach((incident, statuses) -> {
        Map<String, Long> m = new LinkedHashMap<>();
        statuses.forEach((s, set) -> m.put(s, (long) set.size()));
        matrix.put(incident, m);
      });
      customers.add(new PortfolioReport.CustomerLine(c.name(), c.criticality(), c.sector(), matrix));
    }
    for (List<Provenance> part : List.of(sources.ofPortfolio(null), sources.ofTrustGraph())) {
      for (Provenance p : part) if (seenFiles.add(p.sha256())) files.add(p);
    }
    return new PortfolioReport(clock.instant(), lines, actorLines, customers, files);
  }

  private static long sightings(List<HuntResult> stored, String incident, List<NormalisedIndicator> indicators) {
    Set<String> keys = new HashSet<>();
    for (NormalisedIndicator n : indicators) keys.add(n.indicator().type() + "\n" + n.indicator().value().toLowerCase(Locale.ROOT));
    long n = 0;
    for (HuntResult h : stored) {
      String hi = h.parameters().incident();
      if (hi != null && !hi.equals(incident)) continue;
      for (Sighting s : h.sightings()) {
        if (incident.equals(hi) || keys.contains(s.indicatorType() + "\n" + s.indicatorValue().toLowerCase(Locale.ROOT))) n++;
      }
    }
    return n;
  }

  private static final class ActorAcc {
    final String name;
    final List<String> aliases;
    final boolean supplyChain;
    final Set<String> incidents = new TreeSet<>();

    ActorAcc(ActorCluster a) {
      this.name = a.name();
      this.aliases = a.aliases();
      this.supplyChain = a.supplyChain();
      this.incidents.addAll(a.incidents());
    }

    ActorAcc(String name) {
      this.name = name;
      this.aliases = List.of();
      this.supplyChain = false;
    }
  }
}
