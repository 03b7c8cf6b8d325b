package io.chainwatch.advisory;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Somebody's statement that an actor is behind an incident.
 *
 * @param confidence 0–100 on the STIX 2.1 scale (a vendor's "high confidence" is 85, "moderate" 50)
 */
public record Attribution(String actor, List<String> aliases, int confidence, @Nullable String source, @Nullable LocalDate date) {
  public Attribution {
    if (actor.isBlank()) throw new IllegalArgumentException("attribution actor is empty");
    if (confidence < 0 || confidence > 100) throw new IllegalArgumentException("confidence must be 0 to 100, got " + confidence);
    aliases = List.copyOf(aliases);
  }
}
