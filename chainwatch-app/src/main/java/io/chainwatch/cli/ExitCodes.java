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
  /**
   * Never seen by a person: a hunt the launcher started on the quick compiler alone ({@code CHAINWATCH_COMPILER=quick},
   * {@link Main#quickCompiler}) that needs the optimising one ends at once with this status, before it reads or prints
   * anything, and the launcher runs it again with both ({@link HuntCommand}).
   */
  public static final int NEEDS_OPTIMISING_COMPILER = 75;

  private ExitCodes() {}
}
