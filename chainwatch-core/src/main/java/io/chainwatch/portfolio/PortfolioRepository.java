package io.chainwatch.portfolio;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Reads the portfolio back from the store. Writes go through an import transaction. */
public interface PortfolioRepository {
  Optional<Customer> customer(String name);

  /** All customers, most critical first. */
  List<Customer> customers();

  /**
   * Streams the current (not removed) installations of the products {@code query} names or identifies, of one
   * customer or of all: candidates, each to be judged by the caller (a purl identifies a product; an installation of
   * that product without the purl is still a candidate). Streamed rather than listed because an incident can touch
   * hundreds of thousands of installations.
   */
  void forEachCurrent(ProductQuery query, @Nullable String customer, Consumer<InstalledRelease> action);

  /**
   * Streams the current installations of every product of the given vendors (by vendor key, compared with
   * {@link Names#vendorMatch}; products without a vendor name belong to none), of one customer or of all: what a
   * compromised vendor can reach.
   */
  void forEachCurrentOfVendors(Set<String> vendorKeys, @Nullable String customer, Consumer<InstalledRelease> action);

  /** Streams every current installation of one customer. */
  void forEachCurrentOfCustomer(String customer, Consumer<InstalledRelease> action);
}
