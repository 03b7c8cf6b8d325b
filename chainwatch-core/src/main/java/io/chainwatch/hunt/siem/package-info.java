/**
 * SIEM queries for an incident's indicators, for customers whose telemetry stays in their SIEM: Splunk SPL, Microsoft
 * Sentinel KQL and Elastic ES|QL, one query per log source, with the same matching rules as the hunt.
 */
@NullMarked
package io.chainwatch.hunt.siem;

import org.jspecify.annotations.NullMarked;
