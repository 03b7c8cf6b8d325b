/** What SBOM formats share: a vendor's SBOM of its own product as {@code bundles} edges of the trust graph. */
@NullMarked
package io.chainwatch.formats.sbom;

import org.jspecify.annotations.NullMarked;
