package io.chainwatch.ingest;

import org.jspecify.annotations.Nullable;

/**
 * What the user said about a file beyond its content.
 *
 * @param format a parser name (or its short form after the slash) that overrides detection
 * @param customer with {@code asset}: the asset an SBOM describes
 * @param incident the incident a file's indicators belong to
 * @param dryRun validate only: parse everything, store nothing
 */
public record ImportOptions(
    @Nullable String format, @Nullable String customer, @Nullable String asset, @Nullable String incident, boolean dryRun) {

  public static ImportOptions defaults() {
    return new ImportOptions(null, null, null, null, false);
  }
}
