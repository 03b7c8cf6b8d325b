package io.chainwatch.verify;

/** CONTRACT.md's {@code verdict}. */
public enum Verdict {
  /** A hash of the file is an incident's indicator. */
  KNOWN_BAD("known-bad"),
  /** Its SHA-256 is in the release ledger from a vendor feed and no indicator names it. */
  KNOWN_GOOD("known-good"),
  UNKNOWN("unknown");

  private final String wireName;

  Verdict(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
