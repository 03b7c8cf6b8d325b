package io.chainwatch.verify;

import org.jspecify.annotations.Nullable;
import java.time.Instant;

/**
 * A timestamp on a signature.
 *
 * @param kind {@code rfc3161} (unsigned attribute 1.3.6.1.4.1.311.3.3.1) or {@code pkcs9} (the legacy Authenticode
 *     countersignature 1.2.840.113549.1.9.6)
 * @param time when the timestamping authority saw the signature
 * @param signer the authority's certificate subject, when present
 * @param verifies whether the timestamp's own signature verifies and it covers this signature
 */
public record Countersignature(String kind, Instant time, @Nullable String signer, boolean verifies) {}
