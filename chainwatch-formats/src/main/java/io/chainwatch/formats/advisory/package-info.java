/** The native advisory (YAML or JSON): one supply-chain incident with its affected and fixed releases. */
@NullMarked
package io.chainwatch.formats.advisory;

import org.jspecify.annotations.NullMarked;
