package io.chainwatch.report;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One customer's remediation progress on an incident: tasks still open, done, and done then undone by a later
 * inventory (regressed).
 *
 * @param oldestOpen when the oldest open task was opened, or null when none is open
 */
public record ReportRemediation(String customer, int open, int done, int regressed, @Nullable Instant oldestOpen) {}
