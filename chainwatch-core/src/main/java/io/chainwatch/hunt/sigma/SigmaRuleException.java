package io.chainwatch.hunt.sigma;

/** A rule this engine cannot run faithfully (bad syntax, an unknown or unresolvable modifier): it is skipped. */
public final class SigmaRuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SigmaRuleException(String message) {
    super(message);
  }
}
