/** Version sets in package-url vers syntax and the version orderings of each scheme. */
@NullMarked
package io.chainwatch.version;

import org.jspecify.annotations.NullMarked;
