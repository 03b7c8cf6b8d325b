/**
 * The store: JDBC repositories implementing the core's ports, over an embedded SQLite file by default or
 * PostgreSQL in production. One set of SQL serves both; the migrations differ only in identity columns.
 */
@NullMarked
package io.chainwatch.store;

import org.jspecify.annotations.NullMarked;
