package io.chainwatch.verify.ledger;

import java.util.List;

/**
 * One finding in the release ledger.
 *
 * @param kind {@code hash-mismatch}, {@code signer-change}, {@code rollback}, {@code out-of-cadence},
 *     {@code padded-signature} or {@code unsigned-module}
 * @param detail one sentence explaining it
 * @param rows the ledger rows behind it
 */
public record Anomaly(String kind, String vendor, String product, String version, String platform, String detail,
    List<ReleaseRecord> rows) {
  public Anomaly {
    rows = List.copyOf(rows);
  }
}
