/**
 * Hunting: telemetry events read one at a time, detectors (indicators, Sigma rules) that turn them into sightings
 * grouped by detector, indicator and host, and the service that runs a hunt over files and stores its result.
 */
@NullMarked
package io.chainwatch.hunt;

import org.jspecify.annotations.NullMarked;
