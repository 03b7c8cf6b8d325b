package io.chainwatch.threatmodel;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureService;
import io.chainwatch.exposure.UnknownCustomer;
import io.chainwatch.graph.FourthParties;
import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Names;
import io.chainwatch.portfolio.PortfolioRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a customer's {@link ThreatModel}.
 *
 * <p>Implementation notes. An actor cluster is supply-chain capable when intel says it {@code uses} T1195 or a
 * sub-technique (directly, or through a campaign attributed to it), or when an incident in the store, every one a
 * supply-chain compromise, is attributed to it. Campaigns themselves are not listed: their actors are. It targets the
 * customer when its known targets (sectors, countries, names, lower-case) contain the customer's sector or country;
 * an actor with no known targets is kept, marked as such, since ATT&amp;CK records no targeting. Suppliers are the
 * providers of {@link FourthParties} (up to {@value #MAX_RANK} ranks) whose vendor name matches the vendor of an
 * incident's affected product exactly ({@link Names#vendorMatch} 100). Exposures are those of every incident for the
 * customer that need attention, most specific verdict first as {@link ExposureService} reports them.
 */
public final class ThreatModelService {
  static final int MAX_RANK = 4;

  private final PortfolioRepository portfolio;
  private final IncidentRepository incidents;
  private final IntelRepository intel;
  private final FourthParties fourthParties;
  private final ExposureService exposure;

  public ThreatModelService(PortfolioRepository portfolio, IncidentRepository incidents, IntelRepository intel,
      FourthParties fourthParties, ExposureService exposure) {
    this.portfolio = portfolio;
    this.incidents = incidents;
    this.intel = intel;
    this.fourthParties = fourthParties;
    this.exposure = exposure;
  }

  /** @throws UnknownCustomer if the customer is not in the portfolio */
  public ThreatModel of(String customerName) {
    Customer customer = portfolio.customer(customerName).orElseThrow(() -> new UnknownCustomer(customerName));
    List<Incident> all = incidents.list();
    return new ThreatModel(customer, actors(customer, all), suppliers(customerName, all), exposures(customerName, all));
  }

  private List<ThreatModel.Actor> actors(Customer customer, List<Incident> all) {
    Set<String> wanted = new LinkedHashSet<>();
    if (customer.sector() != null && !customer.sector().isBlank()) wanted.add(customer.sector().strip().toLowerCase(Locale.ROOT));
    if (customer.country() != null && !customer.country().isBlank()) wanted.add(customer.country().strip().toLowerCase(Locale.ROOT));
    Map<String, ActorCluster> clusters = new TreeMap<>();
    for (ActorCluster a : intel.actors()) clusters.put(a.name(), a);
    // Actors named only by advisories' attributions have no intel record: their clusters come from the attributions.
    for (Incident i : all) {
      for (var a : i.attributions()) {
        intel.actor(a.actor()).ifPresent(c -> clusters.putIfAbsent(c.name(), c));
      }
    }
    List<ThreatModel.Actor> out = new ArrayList<>();
    for (ActorCluster a : clusters.values()) {
      if (a.kind().equals("campaign") || a.kind().equals("malware")) continue;
      List<String> capability = new ArrayList<>();
      if (a.supplyChain()) capability.add("uses T1195 (Supply Chain Compromise)");
      for (ActorCluster.AttributionEntry e : a.timeline()) {
        if (e.subject().startsWith("incident:")) continue;
        Optional<ActorCluster> campaign = intel.actor(e.subject());
        if (campaign.isPresent() && campaign.get().supplyChain()) {
          String label = "campaign " + campaign.get().name() + (campaign.get().externalId() == null ? "" : " (" + campaign.get().externalId() + ")")
              + " uses T1195";
          if (!capability.contains(label)) capability.add(label);
        }
      }
      for (String incident : a.incidents()) capability.add("attributed: " + incident);
      if (capability.isEmpty()) continue;
      List<String> match = new ArrayList<>();
      for (String t : a.targets()) if (wanted.contains(t.toLowerCase(Locale.ROOT))) match.add(t);
      if (!a.targets().isEmpty() && match.isEmpty()) continue;
      out.add(new ThreatModel.Actor(a.name(), a.externalId(), a.aliases(), a.related(), capability, match, a.incidents()));
    }
    // Known targeting first, then by name.
    out.sort((x, y) -> x.targetMatch().isEmpty() != y.targetMatch().isEmpty() ? (x.targetMatch().isEmpty() ? 1 : -1)
        : x.name().compareToIgnoreCase(y.name()));
    return out;
  }

  private List<ThreatModel.Supplier> suppliers(String customer, List<Incident> all) {
    Map<String, Set<String>> incidentsByVendor = new TreeMap<>();
    for (Incident i : all) {
      for (ProductVersions p : i.affected()) incidentsByVendor.computeIfAbsent(Names.vendorKey(p.vendor()), k -> new TreeSet<>()).add(i.id());
    }
    List<ThreatModel.Supplier> out = new ArrayList<>();
    walk(fourthParties.of(customer, MAX_RANK), new ArrayList<>(), incidentsByVendor, out, new LinkedHashSet<>());
    return out;
  }

  private static void walk(List<FourthParties.Provider> level, List<String> chain, Map<String, Set<String>> incidentsByVendor,
      List<ThreatModel.Supplier> out, Set<String> listed) {
    for (FourthParties.Provider p : level) {
      List<String> here = new ArrayList<>(chain);
      here.add(p.vendor());
      String key = Names.vendorKey(p.vendor());
      Set<String> hits = new TreeSet<>();
      for (Map.Entry<String, Set<String>> e : incidentsByVendor.entrySet()) {
        if (Names.vendorMatch(key, e.getKey()) == 100) hits.addAll(e.getValue());
      }
      if (!hits.isEmpty() && listed.add(key)) out.add(new ThreatModel.Supplier(p.vendor(), p.rank(), here, List.copyOf(hits)));
      walk(p.providers(), here, incidentsByVendor, out, listed);
    }
  }

  private List<ThreatModel.Exposure> exposures(String customer, List<Incident> all) {
    List<ThreatModel.Exposure> out = new ArrayList<>();
    for (Incident i : all) {
      for (CustomerExposure c : exposure.exposure(i.id(), customer, false).customers()) {
        for (ExposedInstallation e : c.installations()) out.add(new ThreatModel.Exposure(i.id(), e));
      }
    }
    return out;
  }
}
