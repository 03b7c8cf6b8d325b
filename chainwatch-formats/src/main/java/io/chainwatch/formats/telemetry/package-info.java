/** Telemetry readers: the registry and the bounded, tolerant line reader they share. */
@NullMarked
package io.chainwatch.formats.telemetry;

import org.jspecify.annotations.NullMarked;
