/** MISP events (feed and API exports): attributes, objects, sightings, threat-actor tags. */
@NullMarked
package io.chainwatch.formats.intel.misp;

import org.jspecify.annotations.NullMarked;
