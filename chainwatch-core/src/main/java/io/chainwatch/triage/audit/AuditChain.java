package io.chainwatch.triage.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The hash chain. An entry's hash is the SHA-256, in lower-case hex, of the UTF-8 bytes of its canonical form: the
 * line {@code chainwatch-audit/1}, then one line each for the sequence number (decimal), the time (ISO-8601 instant,
 * UTC), the actor, the action, the subject, the details (canonical JSON) and the previous entry's hash; every text
 * field but the number is written as a JSON string (quoted, escaped), so that no field can forge a line break.
 * The first entry's previous hash is {@link #GENESIS}. Altering, removing or reordering any entry breaks the hash of
 * that entry or the link of the next.
 */
public final class AuditChain {
  public static final String GENESIS = "0".repeat(64);
  static final String VERSION = "chainwatch-audit/1";

  private AuditChain() {}

  /** The canonical form that is hashed. */
  public static String canonical(long seq, Instant at, String actor, String action, String subject, String details,
      String prevHash) {
    return VERSION + "\n" + seq + "\n" + CanonicalJson.string(at.toString()) + "\n" + CanonicalJson.string(actor) + "\n"
        + CanonicalJson.string(action) + "\n" + CanonicalJson.string(subject) + "\n" + CanonicalJson.string(details) + "\n"
        + CanonicalJson.string(prevHash);
  }

  public static String hash(long seq, Instant at, String actor, String action, String subject, String details,
      String prevHash) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(
          sha.digest(canonical(seq, at, actor, action, subject, details, prevHash).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The entry that follows {@code head}. */
  public static AuditEntry next(long headSeq, String headHash, Instant at, String actor, String action, String subject,
      String details) {
    long seq = headSeq + 1;
    return new AuditEntry(seq, at, actor, action, subject, details, headHash,
        hash(seq, at, actor, action, subject, details, headHash));
  }

  /** Walks entries in stored order, checking each against the one before; the first failure is kept. */
  public static final class Walker {
    private long expectedSeq = 1;
    private String prev = GENESIS;
    private long verified;
    private AuditProblem problem;

    /** @return false once a problem was found: later entries need not be read */
    public boolean accept(AuditEntry e) {
      if (problem != null) return false;
      String position = "entry " + e.seq() + " (" + e.action() + " " + e.subject() + " at " + e.at() + ")";
      if (e.seq() != expectedSeq) {
        problem = new AuditProblem(e.seq(), e.seq() > expectedSeq
            ? "entry " + expectedSeq + (expectedSeq + 1 == e.seq() ? " is" : " to " + (e.seq() - 1) + " are")
                + " missing: the next stored entry is " + position
            : position + " is out of order: expected entry " + expectedSeq);
        return false;
      }
      if (!e.prevHash().equals(prev)) {
        problem = new AuditProblem(e.seq(), position + " does not link to the entry before it (previous hash "
            + e.prevHash() + ", expected " + prev + "): an entry was removed, reordered or altered");
        return false;
      }
      String recomputed = hash(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.details(), e.prevHash());
      if (!recomputed.equals(e.entryHash())) {
        problem = new AuditProblem(e.seq(), position + " was altered: its content hashes to " + recomputed
            + ", but it records " + e.entryHash());
        return false;
      }
      prev = e.entryHash();
      expectedSeq++;
      verified++;
      return true;
    }

    /** Checks the end of the walk against the stored head: entries removed from the end show here. */
    public AuditVerification finish(long headSeq, String headHash) {
      if (problem == null && (headSeq != verified || !headHash.equals(prev))) {
        problem = new AuditProblem(verified + 1, headSeq > verified
            ? "the chain ends at entry " + verified + " but its head records entry " + headSeq + ": entries were removed from the end"
            : "the chain's head (entry " + headSeq + ", " + headHash + ") does not match its last entry " + verified + " (" + prev + ")");
      }
      return new AuditVerification(verified, prev, Optional.ofNullable(problem));
    }
  }
}
