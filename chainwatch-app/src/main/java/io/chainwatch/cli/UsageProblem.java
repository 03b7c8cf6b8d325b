package io.chainwatch.cli;

/** Options that parse but do not fit together (an SBOM without --asset, say): exit status 2. */
final class UsageProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageProblem(String message) {
    super(message);
  }
}
