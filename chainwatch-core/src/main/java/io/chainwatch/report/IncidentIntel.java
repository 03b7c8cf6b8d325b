package io.chainwatch.report;

import io.chainwatch.advisory.Incident;
import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.intel.SightingStatement;
import io.chainwatch.portfolio.Customer;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The intelligence of one incident as a report shares it: its huntable indicators, who attributed it to whom, the
 * actor clusters named, and where in the portfolio its indicators were sighted.
 *
 * @param indicators the incident's huntable, unrevoked indicators
 * @param actors the clusters of the attributed actors, by name; an actor with no cluster has none here
 * @param sightings sightings by a portfolio customer (of one customer when the report is for one)
 */
public record IncidentIntel(Incident incident, List<NormalisedIndicator> indicators, List<Attribution> attributions,
    List<ActorCluster> actors, List<CustomerSighting> sightings) {
  public IncidentIntel {
    indicators = List.copyOf(indicators);
    attributions = List.copyOf(attributions);
    actors = List.copyOf(actors);
    sightings = List.copyOf(sightings);
  }

  /** One statement that an actor is behind the incident (from the advisory or from intel). */
  public record Attribution(String actor, int confidence, @Nullable String source, @Nullable LocalDate date) {}

  public record CustomerSighting(Customer customer, SightingStatement sighting) {}
}
