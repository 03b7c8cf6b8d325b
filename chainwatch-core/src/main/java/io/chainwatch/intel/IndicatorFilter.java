package io.chainwatch.intel;

import org.jspecify.annotations.Nullable;

/**
 * Which indicators to list; null means any.
 *
 * @param source a file name or a parser name ({@code intel/stix}, or its short form {@code stix})
 */
public record IndicatorFilter(@Nullable String incident, @Nullable String type, @Nullable String source) {
  public static IndicatorFilter all() {
    return new IndicatorFilter(null, null, null);
  }
}
