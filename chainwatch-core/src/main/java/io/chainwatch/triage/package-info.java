/**
 * Triage: cases opened per (customer, incident) by a hunt's sightings, their lifecycle and dispositions, false-positive
 * suppressions fed back into later hunts, and remediation tasks per affected installation reconciled on each import.
 */
@NullMarked
package io.chainwatch.triage;

import org.jspecify.annotations.NullMarked;
