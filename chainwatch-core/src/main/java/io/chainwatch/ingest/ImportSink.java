package io.chainwatch.ingest;

import io.chainwatch.advisory.Incident;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.verify.ledger.ReleaseRecord;

/**
 * Where a parser puts what it read. Parsers call it record by record while they stream; the import transaction
 * behind it decides what is new. Later features add kinds of record as new methods.
 */
public interface ImportSink {
  void customer(Customer customer);

  void installation(Installation installation);

  void incident(Incident incident);

  /** One row of the release ledger (releases.csv). */
  void release(ReleaseRecord release);

  /** Something a person should know that does not stop the import (an ignored column, say). */
  void warning(String message);
}
