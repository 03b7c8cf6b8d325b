package io.chainwatch.report;

import io.chainwatch.ingest.Provenance;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The imported files behind what a report says, each with its SHA-256, oldest import first. */
public interface SourceFiles {
  /** The files that brought the incident, its indicators and the attributions intel made of it. */
  List<Provenance> ofIncident(String incident);

  /**
   * The files that brought customers, assets and installations: of one customer only when {@code customer} is given
   * (a customer-facing report names no file that only described other customers).
   */
  List<Provenance> ofPortfolio(@Nullable String customer);

  /** The files that brought trust-graph edges. */
  List<Provenance> ofTrustGraph();
}
