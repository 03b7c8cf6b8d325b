package io.chainwatch.intel;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An actor with every name it goes by, the umbrella groups it is tied to, and what it has been blamed for.
 *
 * @param related actors tied to it by intel ({@code attributed-to} either way, {@code related-to}): the umbrella
 * @param timeline every attribution naming this actor or one of its aliases, oldest first (undated last)
 */
public record ActorCluster(
    String name,
    String kind,
    @Nullable String externalId,
    List<String> aliases,
    List<String> related,
    List<String> targets,
    boolean supplyChain,
    List<String> incidents,
    List<AttributionEntry> timeline) {

  public ActorCluster {
    aliases = List.copyOf(aliases);
    related = List.copyOf(related);
    targets = List.copyOf(targets);
    incidents = List.copyOf(incidents);
    timeline = List.copyOf(timeline);
  }

  /** Who said that {@code actor} is behind {@code subject}, when, how sure, and in which file. */
  public record AttributionEntry(String subject, String actor, int confidence, @Nullable String source,
      java.time.@Nullable LocalDate date, String file) {}
}
