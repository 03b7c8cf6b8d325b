/** Squid native access.log. */
@NullMarked
package io.chainwatch.formats.telemetry.squid;

import org.jspecify.annotations.NullMarked;
