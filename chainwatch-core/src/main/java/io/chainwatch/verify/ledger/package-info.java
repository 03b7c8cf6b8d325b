/**
 * The release ledger: what each vendor published (per version and platform) as seen by vendor feeds, mirrors and
 * customers' fleets, and the anomalies that preceded supply-chain compromises (hash mismatch, signer change, rollback,
 * out-of-cadence release, padded signature, new unsigned module).
 */
@NullMarked
package io.chainwatch.verify.ledger;

import org.jspecify.annotations.NullMarked;
