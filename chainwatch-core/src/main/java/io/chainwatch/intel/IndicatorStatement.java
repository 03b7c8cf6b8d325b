package io.chainwatch.intel;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One source's statement that a value is an indicator.
 *
 * @param indicator the normalised indicator ({@link IndicatorNormaliser}); may be a context-only form for patterns that
 *     do not reduce to one (type {@code pattern})
 * @param rawValue the value as the source wrote it (a STIX pattern, a MISP attribute value)
 * @param sourceObject the source's id for it (STIX indicator id, MISP attribute uuid), for versions and citations
 * @param incident the incident it belongs to, when the file or the user said so
 * @param huntable whether hunting should look for it ({@code to_ids}, a pattern that reduces to an equality)
 * @param notHuntableReason why not, when it is not
 * @param revoked the source withdrew it (STIX {@code revoked}); kept as history
 * @param modified the version of the source object; a newer version of the same object replaces this one
 */
public record IndicatorStatement(
    Indicator indicator,
    String rawValue,
    @Nullable String sourceObject,
    @Nullable String incident,
    boolean huntable,
    @Nullable String notHuntableReason,
    boolean revoked,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    @Nullable Instant modified) implements IntelRecord {

  public IndicatorStatement {
    if (!huntable && (notHuntableReason == null || notHuntableReason.isBlank())) {
      throw new IllegalArgumentException("an indicator that is not huntable needs the reason");
    }
    if (huntable) notHuntableReason = null;
  }
}
