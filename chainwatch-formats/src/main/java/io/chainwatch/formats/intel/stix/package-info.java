/** STIX 2.1 bundles: indicators with their patterns, actors, campaigns, techniques, relationships, sightings. */
@NullMarked
package io.chainwatch.formats.intel.stix;

import org.jspecify.annotations.NullMarked;
