package io.chainwatch.portfolio;

/**
 * The identity of a vendor product for matching: vendor and product names normalised by {@link Names}, so that
 * {@code 3cx desktop app} by {@code 3CX Ltd} and {@code 3CX Desktop App} by {@code 3CX} are the same product.
 */
public record ProductKey(String vendor, String product) {
  public static ProductKey of(String vendor, String product) {
    return new ProductKey(Names.vendorKey(vendor), Names.productKey(product));
  }

  @Override
  public String toString() {
    return vendor + "/" + product;
  }
}
