package io.chainwatch.store;

import io.chainwatch.ingest.Provenance;
import io.chainwatch.report.SourceFiles;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The imported files behind a report, from table {@code import_file} and the {@code import_id} every imported row
 * keeps (migrations V1 and V3): no table of its own.
 */
public final class SqlSourceFiles implements SourceFiles {
  private static final String SELECT = "SELECT f.file_name, f.sha256, f.parser, f.parser_version, f.imported_at FROM import_file f WHERE ";
  private static final String ORDER = " ORDER BY f.imported_at, f.id";

  private final Database db;

  public SqlSourceFiles(Database db) {
    this.db = db;
  }

  @Override
  public List<Provenance> ofIncident(String incident) {
    return query(SELECT + "f.id IN (SELECT import_id FROM incident WHERE id = ?)"
        + " OR f.id IN (SELECT import_id FROM indicator_source WHERE incident_id = ?)"
        + " OR f.id IN (SELECT import_id FROM intel_attribution WHERE subject_is_incident = 1 AND subject = ?)" + ORDER,
        incident, incident, incident);
  }

  @Override
  public List<Provenance> ofPortfolio(@Nullable String customer) {
    if (customer == null) {
      return query(SELECT + "f.id IN (SELECT import_id FROM customer) OR f.id IN (SELECT import_id FROM asset)"
          + " OR f.id IN (SELECT import_id FROM asset_snapshot)" + ORDER);
    }
    return query(SELECT + "f.id IN (SELECT c.import_id FROM customer c WHERE c.name = ?)"
        + " OR f.id IN (SELECT a.import_id FROM asset a JOIN customer c ON c.id = a.customer_id WHERE c.name = ?)"
        + " OR f.id IN (SELECT s.import_id FROM asset_snapshot s JOIN asset a ON a.id = s.asset_id"
        + " JOIN customer c ON c.id = a.customer_id WHERE c.name = ?)" + ORDER, customer, customer, customer);
  }

  @Override
  public List<Provenance> ofTrustGraph() {
    return query(SELECT + "f.id IN (SELECT import_id FROM trust_edge)" + ORDER);
  }

  private List<Provenance> query(String sql, String... args) {
    try (PreparedStatement s = db.connection().prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) s.setString(i + 1, args[i]);
      List<Provenance> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new Provenance(r.getString(1), r.getString(2), r.getString(3), r.getString(4), Instant.parse(r.getString(5))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading the imported files failed", e);
    }
  }
}
