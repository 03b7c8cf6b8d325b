/**
 * CSAF 2.0 advisories (OASIS Common Security Advisory Framework): one document becomes one incident whose product
 * statuses are built from the product tree.
 */
@NullMarked
package io.chainwatch.formats.csaf;

import org.jspecify.annotations.NullMarked;
