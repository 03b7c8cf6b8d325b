package io.chainwatch.store;

import io.chainwatch.verify.ledger.LedgerRepository;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The release ledger in table {@code release_artifact} (migration V5). */
public final class SqlReleaseLedger implements LedgerRepository {
  static final String INSERT = "INSERT INTO release_artifact (vendor, product, version, platform, file, sha256, signer_thumbprint,"
      + " published, source, signature_status, appended_bytes, in_signed_bundle, import_id)"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String COLUMNS = "vendor, product, version, platform, file, sha256, signer_thumbprint, published, source,"
      + " signature_status, appended_bytes, in_signed_bundle";

  private final Database db;

  public SqlReleaseLedger(Database db) {
    this.db = db;
  }

  /** Inserts one row; false when an equal row was already there. */
  static boolean insert(PreparedStatement s, ReleaseRecord r, @Nullable Long importId) throws SQLException {
    s.setString(1, r.vendor());
    s.setString(2, r.product());
    s.setString(3, r.version());
    s.setString(4, r.platform());
    s.setString(5, r.file());
    s.setString(6, r.sha256());
    Sql.setText(s, 7, r.signerThumbprint());
    Sql.setDate(s, 8, r.published());
    s.setString(9, r.source());
    Sql.setText(s, 10, r.signatureStatus());
    if (r.appendedBytes() == null) s.setNull(11, Types.BIGINT);
    else s.setLong(11, r.appendedBytes());
    s.setInt(12, r.inSignedBundle() ? 1 : 0);
    if (importId == null) s.setNull(13, Types.BIGINT);
    else s.setLong(13, importId);
    return s.executeUpdate() > 0;
  }

  @Override
  public void add(List<ReleaseRecord> rows) {
    Connection c = db.connection();
    try {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(INSERT)) {
        for (ReleaseRecord r : rows) insert(s, r, null);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StoreException("recording " + rows.size() + " observations in the release ledger failed", e);
    }
  }

  @Override
  public List<ReleaseRecord> all() {
    return query("SELECT " + COLUMNS + " FROM release_artifact ORDER BY id");
  }

  @Override
  public Optional<ReleaseRecord> identify(String sha256, String fileName) {
    List<ReleaseRecord> byHash = query("SELECT " + COLUMNS + " FROM release_artifact WHERE sha256 = ? AND vendor <> ''"
        + " ORDER BY CASE WHEN source = 'vendor-feed' THEN 0 ELSE 1 END, id", sha256);
    if (!byHash.isEmpty()) return Optional.of(byHash.get(0));
    List<ReleaseRecord> byName = query("SELECT " + COLUMNS + " FROM release_artifact WHERE lower(file) = lower(?) AND vendor <> ''"
        + " ORDER BY id", fileName);
    // The newest publication of that name: an observed file is most likely the latest release that shipped it.
    return byName.stream().max(Comparator.comparing(r -> r.published() == null ? java.time.LocalDate.MIN : r.published()));
  }

  @Override
  public boolean publishedByVendor(String sha256) {
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT 1 FROM release_artifact WHERE sha256 = ? AND source = 'vendor-feed'")) {
      s.setString(1, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw new StoreException("reading the release ledger failed", e);
    }
  }

  private List<ReleaseRecord> query(String sql, String... args) {
    try (PreparedStatement s = db.connection().prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) s.setString(i + 1, args[i]);
      List<ReleaseRecord> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long appended = r.getLong("appended_bytes");
          Long appendedOrNull = r.wasNull() ? null : appended;
          rows.add(new ReleaseRecord(r.getString("vendor"), r.getString("product"), r.getString("version"),
              r.getString("platform"), r.getString("file"), r.getString("sha256"), r.getString("signer_thumbprint"),
              Sql.date(r, "published"), r.getString("source"), r.getString("signature_status"), appendedOrNull,
              r.getInt("in_signed_bundle") != 0));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StoreException("reading the release ledger failed", e);
    }
  }
}
