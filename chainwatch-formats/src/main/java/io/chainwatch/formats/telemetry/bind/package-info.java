/** BIND 9 query and security logs. */
@NullMarked
package io.chainwatch.formats.telemetry.bind;

import org.jspecify.annotations.NullMarked;
