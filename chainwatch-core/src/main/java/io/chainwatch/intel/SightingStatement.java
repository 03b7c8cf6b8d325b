package io.chainwatch.intel;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Somebody saw an indicator (MISP sighting, STIX sighting).
 *
 * @param verdict {@code seen}, {@code false-positive}, {@code true-positive} or {@code expiration} (MISP types 0, 1,
 *     3, 2)
 * @param where who saw it (an organisation, a customer identity)
 */
public record SightingStatement(
    Indicator indicator,
    String verdict,
    @Nullable String where,
    int count,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    @Nullable String sourceObject) implements IntelRecord {}
