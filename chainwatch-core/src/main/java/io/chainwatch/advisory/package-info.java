/** Supply-chain incidents: what was compromised, which releases are affected or fixed, who is blamed. */
@NullMarked
package io.chainwatch.advisory;

import org.jspecify.annotations.NullMarked;
