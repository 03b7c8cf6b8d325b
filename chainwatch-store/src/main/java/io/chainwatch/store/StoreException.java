package io.chainwatch.store;

import java.sql.SQLException;

/** The database failed or refused: not the user's input, and not recoverable by this command. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, SQLException cause) {
    super(message + ": " + cause.getMessage(), cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
