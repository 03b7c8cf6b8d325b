package io.chainwatch.triage.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Appends to, lists and verifies the audit log, in the name of one actor. */
public final class AuditLog {
  private final AuditRepository store;
  private final Clock clock;
  private final String actor;

  /** @param actor {@code os:USER} for the command line, {@code token:NAME} for the HTTP API */
  public AuditLog(AuditRepository store, Clock clock, String actor) {
    this.store = store;
    this.clock = clock;
    this.actor = actor;
  }

  public String actor() {
    return actor;
  }

  public AuditEntry append(String action, String subject, Map<String, ?> details) {
    return store.append(clock.instant(), actor, action, subject, CanonicalJson.object(details));
  }

  public List<AuditEntry> list(AuditFilter filter) {
    List<AuditEntry> out = new ArrayList<>();
    store.forEach(e -> {
      if (filter.matches(e)) out.add(e);
      return true;
    });
    return out;
  }

  /** Walks the whole chain, stopping at the first entry that does not verify. */
  public AuditVerification verify() {
    AuditChain.Walker walker = new AuditChain.Walker();
    store.forEach(walker::accept);
    AuditRepository.Head head = store.head();
    return walker.finish(head.seq(), head.hash());
  }

  /** The actor for the command line: the operating-system user. */
  public static String osActor() {
    return "os:" + System.getProperty("user.name", "unknown");
  }
}
