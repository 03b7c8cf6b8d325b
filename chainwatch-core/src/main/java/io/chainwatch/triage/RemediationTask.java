package io.chainwatch.triage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One affected installation to remediate: remove the product from the asset, or upgrade it to a fixed release.
 *
 * @param target the fixed releases, for an upgrade
 * @param changedBy the file whose import last changed the task's state
 */
public record RemediationTask(long id, String incident, String customer, String asset, String vendor, String product,
    String action, @Nullable String target, String state, Instant opened, Instant changed, String changedBy) {}
