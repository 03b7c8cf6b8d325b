package io.chainwatch.triage.audit;

/** The first entry that does not verify, and why. */
public record AuditProblem(long seq, String message) {}
