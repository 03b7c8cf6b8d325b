package io.chainwatch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** Small JDBC helpers: nullable binds and reads, and the text forms of times shared by both dialects. */
final class Sql {
  private Sql() {}

  static void setText(PreparedStatement s, int i, @Nullable String v) throws SQLException {
    if (v == null) s.setNull(i, Types.VARCHAR);
    else s.setString(i, v);
  }

  static void setInstant(PreparedStatement s, int i, @Nullable Instant v) throws SQLException {
    setText(s, i, v == null ? null : v.toString());
  }

  /** Installation observation times: epoch milliseconds, compact and cheap to bind for millions of rows. */
  static void setEpochMillis(PreparedStatement s, int i, @Nullable Instant v) throws SQLException {
    if (v == null) s.setNull(i, Types.BIGINT);
    else s.setLong(i, v.toEpochMilli());
  }

  static void setDate(PreparedStatement s, int i, @Nullable LocalDate v) throws SQLException {
    setText(s, i, v == null ? null : v.toString());
  }

  static @Nullable LocalDate date(ResultSet r, String column) throws SQLException {
    String v = r.getString(column);
    return v == null ? null : LocalDate.parse(v);
  }

  /** Whether the query, with its one text parameter bound, gives any row; {@code what} names it in errors. */
  static boolean any(Database db, String sql, String parameter, String what) {
    try (PreparedStatement s = db.connection().prepareStatement(sql)) {
      s.setString(1, parameter);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw new StoreException("reading " + what + " failed", e);
    }
  }

  /** Runs an INSERT ... RETURNING id and gives the id. */
  static long insertReturningId(PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) throw new SQLException("INSERT returned no id");
      return r.getLong(1);
    }
  }

  /** Work on the connection that may throw SQLException. */
  @FunctionalInterface
  interface Work<T> {
    T run(java.sql.Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in the caller's open transaction when there is one (an import, a hunt being stored), else in its
   * own, committed at the end and rolled back on failure.
   */
  static <T> T inTransaction(java.sql.Connection c, String what, Work<T> work) {
    try {
      if (!c.getAutoCommit()) return work.run(c);
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed", e);
    }
  }
}
