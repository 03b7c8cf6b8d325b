/** Strict UTF-8 line reading and RFC 4180 CSV with a header row, shared by the native CSV formats. */
@NullMarked
package io.chainwatch.formats.text;

import org.jspecify.annotations.NullMarked;
