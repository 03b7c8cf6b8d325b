/**
 * Downstream-effect monitoring: what a product's processes do after an update (network destinations, child processes,
 * loaded modules) compared with before it, read from Sysmon and Zeek telemetry. New behaviour is what a trojanised
 * update shows first (3CX, 2023: new contacts to raw.githubusercontent.com and to C2 domains about a week after the
 * update).
 */
@NullMarked
package io.chainwatch.downstream;

import org.jspecify.annotations.NullMarked;
