/** Customers, their assets and the vendor products installed on them. */
@NullMarked
package io.chainwatch.portfolio;

import org.jspecify.annotations.NullMarked;
