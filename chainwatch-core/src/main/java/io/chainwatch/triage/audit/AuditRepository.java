package io.chainwatch.triage.audit;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * The stored chain. Appends join the caller's open transaction when there is one (an import, a hunt), else run in
 * their own; either way the head is locked first, so concurrent appenders are serialised and the chain stays linear.
 */
public interface AuditRepository {
  /** Locks the head, links a new entry to it ({@link AuditChain#next}), stores both. */
  AuditEntry append(Instant at, String actor, String action, String subject, String details);

  /** Every entry in sequence order (as stored, not trusted), until {@code action} returns false. */
  void forEach(Predicate<AuditEntry> action);

  /** The stored head: its sequence number and hash. */
  Head head();

  record Head(long seq, String hash) {}
}
