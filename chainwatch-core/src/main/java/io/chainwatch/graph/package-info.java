/**
 * The trust graph: who depends on whom (vendors, products, releases), so that a compromise upstream shows every
 * customer it can reach, through which hops and with how much confidence.
 */
@NullMarked
package io.chainwatch.graph;

import org.jspecify.annotations.NullMarked;
