/** {@code trust-edges.csv}: the trust graph, one dependency per row (CONTRACT.md). */
@NullMarked
package io.chainwatch.formats.trustedges;

import org.jspecify.annotations.NullMarked;
