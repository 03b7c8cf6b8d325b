package io.chainwatch.ingest;

import java.util.Optional;

/** The store's side of an import: one transaction per file. */
public interface ImportStore {
  /** The earlier import of a file with this SHA-256, if any. */
  Optional<PriorImport> findImport(String sha256);

  /** Starts a transaction; nothing it receives is visible until {@link ImportTransaction#commit}. */
  ImportTransaction begin(Provenance provenance);

  record PriorImport(long id, String fileName, String parser) {}
}
