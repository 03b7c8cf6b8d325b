/** Sigma rules (SigmaHQ specification 2.0): the rule model, value modifiers, the condition grammar, the evaluator. */
@NullMarked
package io.chainwatch.hunt.sigma;

import org.jspecify.annotations.NullMarked;
