/** The composition root: wires the store, the parsers and the services together, by constructors. */
@NullMarked
package io.chainwatch.app;

import org.jspecify.annotations.NullMarked;
