package io.chainwatch.cli;

/** The exit statuses of CONTRACT.md. */
public final class ExitCodes {
  public static final int OK = 0;
  /** Anything else: the database failed, a bug. */
  public static final int FAILURE = 1;
  /** Unknown command or option, bad option value. */
  public static final int USAGE = 2;
  /** Input rejected (bad file, unknown incident, unknown customer): nothing was changed. */
  public static final int REJECTED = 3;

  private ExitCodes() {}
}
