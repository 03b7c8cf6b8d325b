package io.chainwatch.verify.ledger;

import java.util.List;
import java.util.Optional;

/** The release ledger's store. Feed files arrive through the import pipeline; observations through {@link #add}. */
public interface LedgerRepository extends VendorReleases {
  /** Adds observations in one transaction; a row equal to one already stored is not added again. */
  void add(List<ReleaseRecord> rows);

  /** Every row, in insertion order. */
  List<ReleaseRecord> all();

  /** The release a file belongs to: a feed row with this SHA-256, else one with this file name (newest version). */
  Optional<ReleaseRecord> identify(String sha256, String fileName);
}
