/** The input formats Chainwatch reads, one package per format, and the one ordered registry of their parsers. */
@NullMarked
package io.chainwatch.formats;

import org.jspecify.annotations.NullMarked;
