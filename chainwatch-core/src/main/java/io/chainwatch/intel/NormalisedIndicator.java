package io.chainwatch.intel;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One indicator after de-duplication across sources, with every source kept.
 *
 * @param huntable some source that has not revoked it wants it hunted
 * @param notHuntableReason why not, when it is not
 * @param revoked every source that named it revoked it
 * @param likelyFalsePositive the warninglists it matches
 */
public record NormalisedIndicator(
    Indicator indicator,
    boolean huntable,
    @Nullable String notHuntableReason,
    boolean revoked,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    List<String> incidents,
    List<IndicatorSource> sources,
    List<String> likelyFalsePositive) {

  public NormalisedIndicator {
    incidents = List.copyOf(incidents);
    sources = List.copyOf(sources);
    likelyFalsePositive = List.copyOf(likelyFalsePositive);
  }

  /** Settles huntability from the sources: one live, huntable source suffices. */
  public static NormalisedIndicator of(Indicator indicator, List<IndicatorSource> sources, @Nullable Instant firstSeen,
      @Nullable Instant lastSeen, List<String> warninglists) {
    boolean huntable = false;
    boolean allRevoked = !sources.isEmpty();
    String reason = null;
    TreeSet<String> incidents = new TreeSet<>();
    for (IndicatorSource s : sources) {
      if (s.incident() != null) incidents.add(s.incident());
      if (!s.revoked()) allRevoked = false;
      if (s.huntable() && !s.revoked()) huntable = true;
      else if (reason == null) reason = s.revoked() ? "revoked by " + s.file() : s.notHuntableReason();
    }
    return new NormalisedIndicator(indicator, huntable, huntable ? null : reason, allRevoked, firstSeen, lastSeen,
        List.copyOf(incidents), sources, warninglists);
  }

  /** The file names of the sources, each once, in order of first appearance. */
  public List<String> sourceFiles() {
    return sources.stream().map(IndicatorSource::file).distinct().toList();
  }
}
