package io.chainwatch.verify;

/** The signature blob is not a well-formed Authenticode PKCS#7 SignedData; one sentence. */
public final class MalformedSignature extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedSignature(String problem) {
    super(problem);
  }

  public MalformedSignature(String problem, Throwable cause) {
    super(problem, cause);
  }
}
