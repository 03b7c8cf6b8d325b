package io.chainwatch.store;

import io.chainwatch.ingest.ImportStore;
import io.chainwatch.ingest.ImportTransaction;
import io.chainwatch.ingest.Provenance;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Imports into the database, one transaction per file. */
public final class SqlImportStore implements ImportStore {
  private final Database db;

  public SqlImportStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<PriorImport> findImport(String sha256) {
    try (PreparedStatement s = db.connection().prepareStatement("SELECT id, file_name, parser FROM import_file WHERE sha256 = ?")) {
      s.setString(1, sha256);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new PriorImport(r.getLong(1), r.getString(2), r.getString(3))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("reading the import history failed", e);
    }
  }

  @Override
  public ImportTransaction begin(Provenance provenance) {
    try {
      return new SqlImportTransaction(db, provenance);
    } catch (SQLException e) {
      throw new StoreException("starting the import failed", e);
    }
  }
}
