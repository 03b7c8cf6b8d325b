/**
 * The tamper-evident audit log: an append-only hash chain of who did what to which subject, with its verification.
 */
@NullMarked
package io.chainwatch.triage.audit;

import org.jspecify.annotations.NullMarked;
