package io.chainwatch.portfolio;

import java.util.Set;

/**
 * Which installations to fetch: those whose product name key equals one of {@code products}' with a vendor that
 * {@link Names#vendorMatch matches}, or whose purl base or CPE base is in the given sets. See {@link PackageIds} for
 * the bases.
 */
public record ProductQuery(Set<ProductKey> products, Set<String> purlBases, Set<String> cpeBases) {
  public ProductQuery {
    products = Set.copyOf(products);
    purlBases = Set.copyOf(purlBases);
    cpeBases = Set.copyOf(cpeBases);
  }

  public boolean isEmpty() {
    return products.isEmpty() && purlBases.isEmpty() && cpeBases.isEmpty();
  }
}
