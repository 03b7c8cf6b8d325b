/**
 * CycloneDX 1.4 to 1.6 SBOMs, JSON and XML: every component of the BOM becomes one installation on the asset the
 * user names with {@code --customer} and {@code --asset}.
 */
@NullMarked
package io.chainwatch.formats.cyclonedx;

import org.jspecify.annotations.NullMarked;
