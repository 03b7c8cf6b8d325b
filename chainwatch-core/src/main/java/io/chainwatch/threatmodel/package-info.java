/** The portfolio threat model of one customer: capable actors, suppliers with incidents, open exposures. */
@NullMarked
package io.chainwatch.threatmodel;

import org.jspecify.annotations.NullMarked;
