package io.chainwatch.triage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Remediation of one incident at one customer: how many tasks are open, done, or regressed (done once, then the
 * affected release came back).
 *
 * @param oldestOpenSince when the oldest task still open (or regressed) was opened; null when none is
 */
public record RemediationProgress(String customer, long open, long done, long regressed,
    @Nullable Instant oldestOpenSince) {}
