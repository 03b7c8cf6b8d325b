package io.chainwatch.verify;

/** CONTRACT.md's {@code signature.status}, plus {@code present} for macOS signatures, found but not verified. */
public enum SignatureStatus {
  VALID("valid"),
  INVALID("invalid"),
  UNSIGNED("unsigned"),
  NOT_APPLICABLE("not-applicable"),
  /** A macOS code signature is there (with its Team ID); its cryptography is out of scope. */
  PRESENT("present");

  private final String wireName;

  SignatureStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
