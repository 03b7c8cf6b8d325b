/** The few small things every feature uses. */
@NullMarked
package io.chainwatch.common;

import org.jspecify.annotations.NullMarked;
