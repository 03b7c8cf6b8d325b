/** Sysmon (and other Windows) events as JSON. */
@NullMarked
package io.chainwatch.formats.telemetry.sysmon;

import org.jspecify.annotations.NullMarked;
