/** {@code inventory.csv}: which product release is installed on which asset of which customer. */
@NullMarked
package io.chainwatch.formats.inventory;

import org.jspecify.annotations.NullMarked;
