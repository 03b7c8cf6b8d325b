package io.chainwatch.triage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A sighting that joined a case, with the hunt that found it. */
public record CaseSighting(long hunt, String detector, String indicatorType, String indicatorValue, String host,
    @Nullable Instant firstSeen, @Nullable Instant lastSeen, long count) {}
