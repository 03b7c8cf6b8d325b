package io.chainwatch.triage;

import java.time.Instant;

/** A note on a case: who wrote what, when. Notes are never edited. */
public record CaseNote(Instant at, String author, String text) {}
