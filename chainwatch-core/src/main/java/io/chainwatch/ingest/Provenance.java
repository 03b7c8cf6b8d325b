package io.chainwatch.ingest;

import java.time.Instant;

/** Where imported records came from: kept with every record an import brings. */
public record Provenance(String fileName, String sha256, String parser, String parserVersion, Instant importedAt) {}
