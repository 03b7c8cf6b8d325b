/** MISP warninglists ({@code list.json} of MISP/misp-warninglists): known-benign values that mark likely false positives. */
@NullMarked
package io.chainwatch.formats.intel.warninglist;

import org.jspecify.annotations.NullMarked;
