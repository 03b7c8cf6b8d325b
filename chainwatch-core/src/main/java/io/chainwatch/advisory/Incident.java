package io.chainwatch.advisory;

import io.chainwatch.intel.Indicator;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A supply-chain incident: a vendor's product was compromised, some of its releases are affected, some fixed.
 *
 * @param causedBy the id of the upstream incident that made this one possible (3CX was caused by X_TRADER), which may
 *     not be imported yet
 * @param underInvestigation releases whose status the source has not settled (CSAF {@code under_investigation})
 */
public record Incident(
    String id,
    String title,
    @Nullable LocalDate disclosed,
    @Nullable String causedBy,
    @Nullable CompromiseWindow compromiseWindow,
    List<ProductVersions> affected,
    List<ProductVersions> fixed,
    List<ProductVersions> notAffected,
    List<ProductVersions> underInvestigation,
    List<Attribution> attributions,
    List<Indicator> indicators,
    List<String> references) {

  public Incident {
    if (id.isBlank()) throw new IllegalArgumentException("incident id is empty");
    if (id.equals(causedBy)) throw new IllegalArgumentException("incident " + id + " cannot be caused by itself");
    affected = List.copyOf(affected);
    fixed = List.copyOf(fixed);
    notAffected = List.copyOf(notAffected);
    underInvestigation = List.copyOf(underInvestigation);
    attributions = List.copyOf(attributions);
    indicators = List.copyOf(indicators);
    references = List.copyOf(references);
  }
}
