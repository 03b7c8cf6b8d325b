package io.chainwatch.advisory;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The time during which the compromised vendor shipped or could have shipped tainted releases. Ends are inclusive. */
public record CompromiseWindow(@Nullable LocalDate from, @Nullable LocalDate to) {
  public CompromiseWindow {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("compromise window ends (" + to + ") before it starts (" + from + ")");
    }
  }
}
