/**
 * SPDX 2.2 and 2.3 JSON documents: every package becomes one installation on the asset the user names with
 * {@code --customer} and {@code --asset}.
 */
@NullMarked
package io.chainwatch.formats.spdx;

import org.jspecify.annotations.NullMarked;
