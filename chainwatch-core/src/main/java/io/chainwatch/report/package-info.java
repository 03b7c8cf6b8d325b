/** What reports say, independent of how they are written (STIX now; Markdown, HTML and JSON later). */
@NullMarked
package io.chainwatch.report;

import org.jspecify.annotations.NullMarked;
