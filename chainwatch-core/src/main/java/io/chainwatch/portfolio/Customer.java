package io.chainwatch.portfolio;

import org.jspecify.annotations.Nullable;

/**
 * A customer organisation in the portfolio.
 *
 * @param criticality 1 (low) to 5 (crown jewels): how much it matters to the provider
 */
public record Customer(String name, @Nullable String sector, @Nullable String country, int criticality) {
  public static final int DEFAULT_CRITICALITY = 3;

  public Customer {
    if (name.isBlank()) throw new IllegalArgumentException("customer name is empty");
    if (criticality < 1 || criticality > 5) throw new IllegalArgumentException("criticality must be 1 to 5, got " + criticality);
  }
}
