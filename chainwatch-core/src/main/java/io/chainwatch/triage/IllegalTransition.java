package io.chainwatch.triage;

/** A change the case's state does not allow, or a disposition that does not exist: a usage error. */
public final class IllegalTransition extends RuntimeException {
  public IllegalTransition(String message) {
    super(message);
  }
}
