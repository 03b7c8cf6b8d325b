package io.chainwatch.version;

/** The comparator of one vers constraint. Equality is written without a symbol: {@code vers:npm/1.2.3}. */
public enum VersComparator {
  EQUAL(""),
  NOT_EQUAL("!="),
  LESS_THAN("<"),
  LESS_OR_EQUAL("<="),
  GREATER_THAN(">"),
  GREATER_OR_EQUAL(">="),
  /** {@code *}: every version; only ever alone and without a version. */
  ANY("*");

  private final String symbol;

  VersComparator(String symbol) {
    this.symbol = symbol;
  }

  /** The comparator as written in a vers string; empty for {@link #EQUAL}. */
  public String symbol() {
    return symbol;
  }

  boolean includesEqual() {
    return this == EQUAL || this == LESS_OR_EQUAL || this == GREATER_OR_EQUAL;
  }

  boolean isLowerBound() {
    return this == GREATER_THAN || this == GREATER_OR_EQUAL;
  }

  boolean isUpperBound() {
    return this == LESS_THAN || this == LESS_OR_EQUAL;
  }
}
