/** {@code customers.csv}: the customers of the portfolio and how much each matters. */
@NullMarked
package io.chainwatch.formats.customers;

import org.jspecify.annotations.NullMarked;
