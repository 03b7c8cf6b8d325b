package io.chainwatch.intel;

/** An indicator value that cannot be hunted as written: the message says why, in a phrase that follows the value. */
public final class InvalidIndicator extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidIndicator(String reason) {
    super(reason);
  }
}
