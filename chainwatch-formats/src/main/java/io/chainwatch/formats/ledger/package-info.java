/** {@code releases.csv}: the release ledger (CONTRACT.md). */
@NullMarked
package io.chainwatch.formats.ledger;

import org.jspecify.annotations.NullMarked;
