package io.chainwatch.verify.ledger;

import java.time.LocalDate;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One row of the release ledger: one artifact of one release, as one source saw it (CONTRACT.md releases.csv), plus
 * what verification found when the row is an observation ({@code verify --record}).
 *
 * @param platform {@code windows}, {@code macos}, ... (free text from the feed, lower-cased)
 * @param file the artifact's file name
 * @param sha256 lower-case hex
 * @param signerThumbprint SHA-1 of the signing certificate, lower-case hex, or null when unknown or unsigned
 * @param published when the source says it was published (or, for an observation, when it was observed)
 * @param source {@code vendor-feed}, {@code mirror}, {@code customer:NAME}, ...
 * @param signatureStatus an observation's signature status ({@code valid}, {@code unsigned}, ...), else null
 * @param appendedBytes an observation's bytes appended inside the signature, else null
 * @param inSignedBundle an observation found beside a validly signed installer or executable
 */
public record ReleaseRecord(String vendor, String product, String version, String platform, String file, String sha256,
    @Nullable String signerThumbprint, @Nullable LocalDate published, String source, @Nullable String signatureStatus,
    @Nullable Long appendedBytes, boolean inSignedBundle) {

  public ReleaseRecord {
    platform = platform.toLowerCase(Locale.ROOT);
    sha256 = sha256.toLowerCase(Locale.ROOT);
    signerThumbprint = signerThumbprint == null || signerThumbprint.isEmpty() ? null : signerThumbprint.toLowerCase(Locale.ROOT);
  }

  /** A row from a feed file: no verification findings. */
  public static ReleaseRecord published(String vendor, String product, String version, String platform, String file,
      String sha256, @Nullable String signerThumbprint, @Nullable LocalDate published, String source) {
    return new ReleaseRecord(vendor, product, version, platform, file, sha256, signerThumbprint, published, source, null, null, false);
  }

  public boolean isVendorFeed() {
    return "vendor-feed".equals(source);
  }

  /** Whether the row names a release (an observation of an unknown file does not). */
  public boolean hasRelease() {
    return !vendor.isEmpty() && !product.isEmpty() && !version.isEmpty();
  }
}
