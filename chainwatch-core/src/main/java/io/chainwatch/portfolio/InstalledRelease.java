package io.chainwatch.portfolio;

import org.jspecify.annotations.Nullable;

/** A current installation as exposure sees it: the release, where it runs and whose it is. */
public record InstalledRelease(
    long id,
    String customer,
    int criticality,
    String asset,
    Platform platform,
    String vendor,
    String product,
    String version,
    @Nullable String purl,
    @Nullable String cpe) {

  public ProductKey productKey() {
    return ProductKey.of(vendor, product);
  }
}
