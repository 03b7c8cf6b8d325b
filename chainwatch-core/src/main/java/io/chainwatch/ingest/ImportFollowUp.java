package io.chainwatch.ingest;

/**
 * What else an import settles in its own transaction (remediation tasks, the audit log): it runs after the file's
 * records are written and before they are committed, so that a failure here leaves the store as it was.
 */
@FunctionalInterface
public interface ImportFollowUp {
  ImportFollowUp NONE = file -> {};

  void settle(ImportedFile file);
}
