/** Zeek logs, TSV and JSON lines. */
@NullMarked
package io.chainwatch.formats.telemetry.zeek;

import org.jspecify.annotations.NullMarked;
