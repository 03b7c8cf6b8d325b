package io.chainwatch.intel;

import java.util.List;
import java.util.Optional;

/** Reads intelligence back from the store. Writes go through an import transaction. */
public interface IntelRepository {
  /** The normalised indicators, native advisories' included, by type then value. */
  List<NormalisedIndicator> indicators(IndicatorFilter filter);

  /** Attributions of an incident that came from intel: direct, or through the campaigns linked to it. */
  List<ActorCluster.AttributionEntry> attributions(String incident);

  /** The cluster an actor name or alias belongs to. */
  Optional<ActorCluster> actor(String nameOrAlias);

  /** Every actor cluster known, by name. */
  List<ActorCluster> actors();

  /** ATT&amp;CK techniques, campaigns and actors linked to an incident, as {@code kind:ref} strings. */
  List<IncidentLink> links(String incident);

  /** Sightings of the incident's indicators, in the order they were stored. */
  List<SightingStatement> sightings(String incident);

  /** The name of an ATT&amp;CK technique by its id, if known. */
  Optional<String> techniqueName(String externalId);
}
