package io.chainwatch.portfolio;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One vendor product installed on one asset of one customer, as an inventory or an SBOM reported it.
 *
 * @param assetAddress the asset's network address, when the inventory names one (used later to name hosts in telemetry)
 */
public record Installation(
    String customer,
    String asset,
    Platform platform,
    String vendor,
    String product,
    String version,
    @Nullable String purl,
    @Nullable String cpe,
    @Nullable String installPath,
    @Nullable String sha256,
    @Nullable Instant observedAt,
    @Nullable String assetAddress) {

  public Installation {
    if (customer.isBlank()) throw new IllegalArgumentException("customer is empty");
    if (asset.isBlank()) throw new IllegalArgumentException("asset is empty");
    if (product.isBlank()) throw new IllegalArgumentException("product is empty");
  }

  public ProductKey productKey() {
    return ProductKey.of(vendor, product);
  }
}
