package io.chainwatch.triage.audit;

import java.time.Instant;

/**
 * One entry of the audit log.
 *
 * @param seq its place in the chain, from 1, without gaps
 * @param actor who did it: {@code os:USER} or {@code token:NAME}
 * @param action what was done, dotted: {@code import}, {@code hunt}, {@code case.resolve}, {@code remediation.reconcile}
 * @param subject what it was done to: {@code file:inventory.csv}, {@code case:12}, {@code incident:3CX-2023-03}
 * @param details canonical JSON ({@link CanonicalJson})
 * @param prevHash the previous entry's hash, {@link AuditChain#GENESIS} for the first
 * @param entryHash SHA-256 (hex) of the entry's canonical form ({@link AuditChain#hash})
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subject, String details,
    String prevHash, String entryHash) {}
