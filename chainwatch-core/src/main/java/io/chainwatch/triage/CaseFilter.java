package io.chainwatch.triage;

import org.jspecify.annotations.Nullable;

/** Which cases to list; null means any. */
public record CaseFilter(@Nullable String customer, @Nullable String incident, @Nullable CaseState state,
    @Nullable String assignee) {
  public static CaseFilter all() {
    return new CaseFilter(null, null, null, null);
  }
}
