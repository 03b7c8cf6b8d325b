/** The import pipeline: parsers behind one interface, detection by content, one transaction per file. */
@NullMarked
package io.chainwatch.ingest;

import org.jspecify.annotations.NullMarked;
