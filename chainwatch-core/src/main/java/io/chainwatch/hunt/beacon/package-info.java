/**
 * Beaconing: connection series per source and destination, scored for the regularity of a machine calling home
 * (RITA's method: intervals, sizes, spread over the hunt's span).
 */
@NullMarked
package io.chainwatch.hunt.beacon;

import org.jspecify.annotations.NullMarked;
