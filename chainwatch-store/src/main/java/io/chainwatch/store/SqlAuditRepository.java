package io.chainwatch.store;

import io.chainwatch.triage.audit.AuditChain;
import io.chainwatch.triage.audit.AuditEntry;
import io.chainwatch.triage.audit.AuditRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The audit chain in {@code audit_entry}, its head in the one row of {@code audit_head}. An append locks the head row
 * first (PostgreSQL: {@code SELECT ... FOR UPDATE}; SQLite: every transaction is {@code IMMEDIATE}, see
 * {@link Database}), so that concurrent appenders line up. The application only ever inserts entries.
 */
public final class SqlAuditRepository implements AuditRepository {
  private final Database db;

  public SqlAuditRepository(Database db) {
    this.db = db;
  }

  @Override
  public AuditEntry append(Instant at, String actor, String action, String subject, String details) {
    return Sql.inTransaction(db.connection(), "appending to the audit log", c -> {
      Head head = lockedHead();
      AuditEntry e = AuditChain.next(head.seq(), head.hash(), at, actor, action, subject, details);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_entry (seq, at, actor, action, subject, details,"
          + " prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setLong(1, e.seq());
        s.setString(2, e.at().toString());
        s.setString(3, e.actor());
        s.setString(4, e.action());
        s.setString(5, e.subject());
        s.setString(6, e.details());
        s.setString(7, e.prevHash());
        s.setString(8, e.entryHash());
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
        s.setLong(1, e.seq());
        s.setString(2, e.entryHash());
        s.executeUpdate();
      }
      return e;
    });
  }

  private Head lockedHead() throws SQLException {
    String sql = "SELECT seq, hash FROM audit_head WHERE id = 1" + (db.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE" : "");
    try (PreparedStatement s = db.connection().prepareStatement(sql); ResultSet r = s.executeQuery()) {
      if (!r.next()) throw new SQLException("the audit log's head row is missing");
      return new Head(r.getLong(1), r.getString(2));
    }
  }

  @Override
  public Head head() {
    try {
      return readHead();
    } catch (SQLException e) {
      throw new StoreException("reading the audit log's head failed", e);
    }
  }

  private Head readHead() throws SQLException {
    try (PreparedStatement s = db.connection().prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? new Head(r.getLong(1), r.getString(2)) : new Head(-1, "(missing)");
    }
  }

  /** In stored order: by row order of the sequence column, which is what a reordering would disturb. */
  @Override
  public void forEach(Predicate<AuditEntry> action) {
    try (PreparedStatement s = db.connection().prepareStatement("SELECT seq, at, actor, action, subject, details, prev_hash,"
        + " entry_hash FROM audit_entry ORDER BY seq")) {
      s.setFetchSize(1000);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          AuditEntry e = new AuditEntry(r.getLong(1), time(r.getString(2)), r.getString(3), r.getString(4),
              r.getString(5), r.getString(6), r.getString(7), r.getString(8));
          if (!action.test(e)) return;
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the audit log failed", e);
    }
  }

  /** A time that no longer parses was tampered with: the epoch, which the entry's hash then does not match. */
  private static Instant time(String text) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
