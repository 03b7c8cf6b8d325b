package io.chainwatch.exposure;

/** An incident id that is not in the store. */
public final class UnknownIncident extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownIncident(String id) {
    super("unknown incident '" + id + "'; 'chainwatch incidents' lists the imported ones");
  }
}
