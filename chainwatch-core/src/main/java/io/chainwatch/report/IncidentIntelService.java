package io.chainwatch.report;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.exposure.UnknownCustomer;
import io.chainwatch.exposure.UnknownIncident;
import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.IndicatorFilter;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.intel.SightingStatement;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.PortfolioRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Gathers {@link IncidentIntel}. A sighting belongs to the portfolio when who saw it is a customer's name (compared
 * without case); sightings by other organisations are the sources' intel, not the provider's to share.
 */
public final class IncidentIntelService {
  private final IncidentRepository incidents;
  private final IntelRepository intel;
  private final PortfolioRepository portfolio;

  public IncidentIntelService(IncidentRepository incidents, IntelRepository intel, PortfolioRepository portfolio) {
    this.incidents = incidents;
    this.intel = intel;
    this.portfolio = portfolio;
  }

  /**
   * @param customer only this customer's sightings, or every customer's when null
   * @throws UnknownIncident if the incident is not in the store
   * @throws UnknownCustomer if the customer is not in the portfolio
   */
  public IncidentIntel of(String incidentId, @Nullable String customer) {
    Incident incident = incidents.find(incidentId).orElseThrow(() -> new UnknownIncident(incidentId));
    if (customer != null && portfolio.customer(customer).isEmpty()) throw new UnknownCustomer(customer);
    List<NormalisedIndicator> indicators = new ArrayList<>();
    for (NormalisedIndicator n : intel.indicators(new IndicatorFilter(incidentId, null, null))) {
      if (n.huntable() && !n.revoked()) indicators.add(n);
    }
    List<IncidentIntel.Attribution> attributions = new ArrayList<>();
    Map<String, ActorCluster> actors = new TreeMap<>();
    for (var a : incident.attributions()) {
      attributions.add(new IncidentIntel.Attribution(a.actor(), a.confidence(), a.source(), a.date()));
      intel.actor(a.actor()).ifPresent(c -> actors.putIfAbsent(c.name(), c));
    }
    for (ActorCluster.AttributionEntry e : intel.attributions(incidentId)) {
      attributions.add(new IncidentIntel.Attribution(e.actor(), e.confidence(), e.source(), e.date()));
      intel.actor(e.actor()).ifPresent(c -> actors.putIfAbsent(c.name(), c));
    }
    Map<String, Customer> customers = new TreeMap<>();
    for (Customer c : portfolio.customers()) {
      if (customer == null || c.name().equals(customer)) customers.put(c.name().toLowerCase(Locale.ROOT), c);
    }
    List<IncidentIntel.CustomerSighting> sightings = new ArrayList<>();
    for (SightingStatement s : intel.sightings(incidentId)) {
      if (s.where() == null) continue;
      Customer c = customers.get(s.where().strip().toLowerCase(Locale.ROOT));
      if (c != null) sightings.add(new IncidentIntel.CustomerSighting(c, s));
    }
    return new IncidentIntel(incident, indicators, attributions, List.copyOf(actors.values()), sightings);
  }

  /**
   * The same intelligence with the sightings of the provider's own hunts added: each indicator sighting ({@code ioc}
   * detector) on a customer's host becomes a {@code seen} sighting by that customer (the host is not shared). Sigma
   * and beacon findings name no indicator and are left out.
   */
  public IncidentIntel withHuntSightings(IncidentIntel base, List<io.chainwatch.hunt.Sighting> hunted) {
    Map<String, Customer> customers = new TreeMap<>();
    for (Customer c : portfolio.customers()) customers.put(c.name().toLowerCase(Locale.ROOT), c);
    List<IncidentIntel.CustomerSighting> sightings = new ArrayList<>(base.sightings());
    for (io.chainwatch.hunt.Sighting s : hunted) {
      if (!s.detector().equals("ioc") || s.customer() == null) continue;
      Customer c = customers.get(s.customer().toLowerCase(Locale.ROOT));
      if (c == null) continue;
      int count = (int) Math.min(Integer.MAX_VALUE, s.count());
      sightings.add(new IncidentIntel.CustomerSighting(c, new SightingStatement(new io.chainwatch.intel.Indicator(s.indicatorType(),
          s.indicatorValue()), "seen", c.name(), count, s.firstSeen(), s.lastSeen(), "chainwatch-hunt")));
    }
    return new IncidentIntel(base.incident(), base.indicators(), base.attributions(), base.actors(), sightings);
  }
}
