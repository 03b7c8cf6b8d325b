package io.chainwatch.ingest;

import io.chainwatch.advisory.Incident;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.intel.IntelRecord;
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

  /** One dependency of the trust graph. */
  void trustEdge(TrustEdge edge);
  /** Threat intelligence: indicators, actors, attributions, sightings, warninglists (one method for all kinds). */
  void intel(IntelRecord record);
  /** One row of the release ledger (releases.csv). */
  void release(ReleaseRecord release);

  /** Something a person should know that does not stop the import (an ignored column, say). */
  void warning(String message);
}
