package io.chainwatch.verify.ledger;

/** The port verification asks whether a vendor published a file. */
public interface VendorReleases {
  /** Whether the release ledger has {@code sha256} (lower-case hex) from a {@code vendor-feed} source. */
  boolean publishedByVendor(String sha256);
}
