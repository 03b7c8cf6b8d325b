package io.chainwatch.hunt.sigma;

import org.jspecify.annotations.Nullable;

/** One compiled value of a detection field: does the event's value (null when absent) satisfy it? */
@FunctionalInterface
interface ValueTest {
  boolean test(@Nullable String value);
}
