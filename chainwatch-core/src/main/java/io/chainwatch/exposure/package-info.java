/** Which customers run an affected release, on which assets, and through which path. */
@NullMarked
package io.chainwatch.exposure;

import org.jspecify.annotations.NullMarked;
