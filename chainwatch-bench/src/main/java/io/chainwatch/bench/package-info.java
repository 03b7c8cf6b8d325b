/** The end-to-end bench: a seeded portfolio generator and the timed import/exposure runs against a sqlite3 baseline. */
@NullMarked
package io.chainwatch.bench;

import org.jspecify.annotations.NullMarked;
