package io.chainwatch.formats.csaf;

import io.chainwatch.advisory.ProductVersions;
import org.jspecify.annotations.Nullable;

/**
 * What one CSAF product id stands for.
 *
 * @param warning what a person should know when a status names this product (its versions cannot be placed, its
 *     vendor is unknown), or null
 */
record CsafProduct(String id, ProductVersions statement, @Nullable String warning) {}
