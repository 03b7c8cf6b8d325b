package io.chainwatch.version;

/** The answer to "is this version in the set?": {@code UNKNOWN} when the version cannot be placed in the scheme. */
public enum Containment {
  IN, OUT, UNKNOWN
}
