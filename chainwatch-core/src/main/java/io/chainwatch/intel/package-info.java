/** Threat intelligence: indicators, actors and attributions. */
@NullMarked
package io.chainwatch.intel;

import org.jspecify.annotations.NullMarked;
