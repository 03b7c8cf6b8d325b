package io.chainwatch.intel;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Somebody's statement, from intel, that an actor is behind something.
 *
 * @param subject an incident id when {@code incident} is true, else the name of the campaign or actor attributed
 *     (STIX {@code attributed-to} from a campaign to an intrusion set, or from an intrusion set to a threat actor)
 * @param confidence 0–100 on the STIX scale; 50 when the source states none
 */
public record AttributionStatement(
    String subject,
    boolean incident,
    String actor,
    int confidence,
    @Nullable String source,
    @Nullable LocalDate date,
    @Nullable String sourceObject) implements IntelRecord {

  public AttributionStatement {
    if (confidence < 0 || confidence > 100) throw new IllegalArgumentException("confidence must be 0 to 100, got " + confidence);
  }
}
