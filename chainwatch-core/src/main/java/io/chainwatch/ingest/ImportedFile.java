package io.chainwatch.ingest;

import java.util.Set;

/**
 * A file's import as its follow-up sees it, before the commit.
 *
 * @param importId the file's id in the store
 * @param incidents the incidents the file brought or replaced
 * @param portfolioChanged the file added, moved or removed installations
 */
public record ImportedFile(long importId, Provenance provenance, ImportCounts counts, Set<String> incidents,
    boolean portfolioChanged) {
  public ImportedFile {
    incidents = Set.copyOf(incidents);
  }
}
