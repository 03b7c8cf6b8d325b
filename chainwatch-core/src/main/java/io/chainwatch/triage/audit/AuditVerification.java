package io.chainwatch.triage.audit;

import java.util.Optional;

/**
 * The result of walking the chain.
 *
 * @param verified how many entries verified before the first problem (all of them when there is none)
 * @param headHash the hash of the last verified entry: print it to anchor the log elsewhere
 */
public record AuditVerification(long verified, String headHash, Optional<AuditProblem> problem) {
  public boolean ok() {
    return problem.isEmpty();
  }
}
