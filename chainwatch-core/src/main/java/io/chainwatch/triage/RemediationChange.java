package io.chainwatch.triage;

/** What one reconciliation changed: tasks opened, closed (done) and regressed. */
public record RemediationChange(long opened, long done, long regressed) {
  public boolean any() {
    return opened + done + regressed > 0;
  }
}
