package io.chainwatch.ingest;

/**
 * One file's import. Either {@link #commit} makes all of it visible, or {@link #close} without commit (or a crash)
 * leaves the store as it was.
 */
public interface ImportTransaction extends ImportSink, AutoCloseable {
  /**
   * Settles what the file implies beyond its records (installations a newer snapshot no longer lists are marked
   * removed), records the file with its provenance, and commits.
   */
  default ImportCounts commit() {
    return commit(ImportFollowUp.NONE);
  }

  /** The same, running {@code followUp} inside the transaction before it commits. */
  ImportCounts commit(ImportFollowUp followUp);

  /** Rolls back unless committed. */
  @Override
  void close();
}
