package io.chainwatch.advisory;

import io.chainwatch.portfolio.Platform;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.version.Containment;
import io.chainwatch.version.VersionSet;
import org.jspecify.annotations.Nullable;

/**
 * A statement about the releases of one product on one platform, e.g. "3CX Desktop App for Windows, versions
 * 18.12.407 and 18.12.416".
 *
 * @param versions the version set, or {@code null} when the source gave a range nobody can evaluate (free text in a
 *     CSAF {@code product_version_range}); such a statement places no version and yields {@code UNKNOWN}
 * @param versionsText the range as the source wrote it, for display
 */
public record ProductVersions(
    String vendor,
    String product,
    Platform platform,
    @Nullable VersionSet versions,
    String versionsText,
    @Nullable String purl,
    @Nullable String cpe) {

  public static ProductVersions of(String vendor, String product, Platform platform, VersionSet versions) {
    return new ProductVersions(vendor, product, platform, versions, versions.toString(), null, null);
  }

  public ProductKey productKey() {
    return ProductKey.of(vendor, product);
  }

  /** Whether {@code version} of this product on {@code installed} falls in this statement's set. */
  public Containment contains(String version, Platform installed) {
    if (!platform.covers(installed)) return Containment.OUT;
    if (versions == null) return Containment.UNKNOWN;
    return versions.contains(version);
  }
}
