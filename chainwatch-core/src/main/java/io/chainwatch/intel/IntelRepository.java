package io.chainwatch.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads intelligence back from the store. Writes go through an import transaction. */
public interface IntelRepository {
  /** The normalised indicators, native advisories' included, by type then value. */
  List<NormalisedIndicator> indicators(IndicatorFilter filter);

  /**
   * The indicators a hunt looks for, lean: the type and value of every indicator some live source wants hunted (of
   * the incident's, when one is given), without merging sources or checking warninglists; a hunt checks its hits
   * against the warninglists ({@link #warninglists}).
   */
  default List<Indicator> huntable(@Nullable String incident) {
    List<Indicator> out = new ArrayList<>();
    for (NormalisedIndicator n : indicators(new IndicatorFilter(incident, null, null))) {
      if (n.huntable()) out.add(n.indicator());
    }
    return out;
  }

  /**
   * Whether some source tied an indicator to the incident: {@code indicators} of the incident is not empty, without
   * reading them (an incident known only from intel is still an incident to hunt for).
   */
  default boolean mentions(String incident) {
    return !indicators(new IndicatorFilter(incident, null, null)).isEmpty();
  }

  /** The warninglists the (normalised) indicator is on, sorted; empty when none. */
  default List<String> warninglists(Indicator indicator) {
    for (NormalisedIndicator n : indicators(new IndicatorFilter(null, indicator.type(), null))) {
      if (n.indicator().equals(indicator)) return n.likelyFalsePositive();
    }
    return List.of();
  }

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
