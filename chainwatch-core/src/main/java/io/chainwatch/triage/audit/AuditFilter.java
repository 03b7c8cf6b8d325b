package io.chainwatch.triage.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which entries to list; null means any.
 *
 * @param action an action, or a prefix ending in a dot ({@code case.})
 * @param subject a subject exactly
 */
public record AuditFilter(@Nullable String action, @Nullable String subject, @Nullable Instant since,
    @Nullable String actor) {
  public static AuditFilter all() {
    return new AuditFilter(null, null, null, null);
  }

  public boolean matches(AuditEntry e) {
    if (action != null && !(action.endsWith(".") ? e.action().startsWith(action) : e.action().equals(action))) return false;
    if (subject != null && !e.subject().equals(subject)) return false;
    if (since != null && e.at().isBefore(since)) return false;
    return actor == null || e.actor().equals(actor);
  }
}
