package io.chainwatch.verify;

import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * What an Authenticode PKCS#7 SignedData says, and whether its own CMS signature holds (check (b) of the notes: the
 * signer signed this content). Whether the file still matches the signed digest (check (a)) is the caller's.
 *
 * @param digestAlgorithm the JDK name of the algorithm in the SpcIndirectDataContent's DigestInfo (SHA-256, SHA-1)
 * @param signedDigest the Authenticode digest the signer signed
 * @param cmsVerifies the SignerInfo's signature verifies against its certificate and its messageDigest attribute
 *     matches the content
 * @param problem why the CMS check failed, or null
 * @param signer the signing certificate, when the SignedData carries it
 * @param signingTime the signingTime attribute, when present
 * @param timestamp the countersignature, when present
 * @param nestedSignatures the number of nested signatures (dual SHA-1/SHA-256 signing); reported, not verified
 */
public record DecodedSignature(String digestAlgorithm, byte[] signedDigest, boolean cmsVerifies,
    @Nullable String problem, @Nullable SignerCertificate signer, @Nullable Instant signingTime,
    @Nullable Countersignature timestamp, int nestedSignatures) {

  public DecodedSignature {
    signedDigest = signedDigest.clone();
  }

  @Override
  public byte[] signedDigest() {
    return signedDigest.clone();
  }

  public String signedDigestHex() {
    return HexFormat.of().formatHex(signedDigest);
  }

  /** The time the signature is judged at: the timestamp's, else the signer's own claim. */
  public @Nullable Instant judgedAt() {
    if (timestamp != null) return timestamp.time();
    return signingTime;
  }
}
