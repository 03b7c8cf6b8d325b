package io.chainwatch.verify;

/** CONTRACT.md's {@code signature.status}. */
public enum SignatureStatus {
  VALID("valid"),
  INVALID("invalid"),
  UNSIGNED("unsigned"),
  NOT_APPLICABLE("not-applicable");

  private final String wireName;

  SignatureStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
