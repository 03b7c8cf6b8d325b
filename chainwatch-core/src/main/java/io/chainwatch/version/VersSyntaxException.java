package io.chainwatch.version;

/** A vers string that does not follow the vers syntax, or names an unknown scheme. */
public final class VersSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public VersSyntaxException(String message) {
    super(message);
  }
}
