/** Sigma rule files (YAML). */
@NullMarked
package io.chainwatch.formats.sigma;

import org.jspecify.annotations.NullMarked;
