/** A generic CSV / JSON-lines telemetry reader driven by a small field-mapping file (a SIEM export, say). */
@NullMarked
package io.chainwatch.formats.telemetry.mapped;

import org.jspecify.annotations.NullMarked;
