package io.chainwatch.triage;

/** A case id that is not in the store. */
public final class UnknownCase extends RuntimeException {
  public UnknownCase(String id) {
    super("no case " + id + "; 'chainwatch cases list' lists them");
  }
}
