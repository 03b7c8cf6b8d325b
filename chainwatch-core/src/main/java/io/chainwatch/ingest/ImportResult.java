package io.chainwatch.ingest;

import java.util.List;

/**
 * The outcome of importing one file.
 *
 * @param outcome {@code IMPORTED}; {@code UNCHANGED} when a file with the same content was imported before;
 *     {@code VALIDATED} for a dry run
 */
public record ImportResult(String file, String parser, Outcome outcome, ImportCounts counts, List<String> warnings) {
  public enum Outcome { IMPORTED, UNCHANGED, VALIDATED }

  public ImportResult {
    warnings = List.copyOf(warnings);
  }
}
