package io.chainwatch.exposure;

/** A customer name that is not in the portfolio. */
public final class UnknownCustomer extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownCustomer(String name) {
    super("unknown customer '" + name + "'");
  }
}
