package io.chainwatch.store;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.CompromiseWindow;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.intel.Indicator;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.VersionSet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incidents as stored, reassembled from their rows. */
public final class SqlIncidentRepository implements IncidentRepository {
  private final Database db;

  public SqlIncidentRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Incident> find(String id) {
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT id, title, disclosed, caused_by, window_from, window_to FROM incident WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(assemble(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("reading incident " + id + " failed", e);
    }
  }

  @Override
  public boolean exists(String id) {
    return Sql.any(db, "SELECT 1 FROM incident WHERE id = ?", id, "incident " + id);
  }

  @Override
  public List<Incident> list() {
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT id, title, disclosed, caused_by, window_from, window_to FROM incident");
        ResultSet r = s.executeQuery()) {
      List<Incident> out = new ArrayList<>();
      while (r.next()) out.add(assemble(r));
      // Sorted here, not in SQL: PostgreSQL orders text by the database's collation and NULLs last, SQLite by bytes
      // and NULLs first. Undated incidents go last.
      out.sort(Comparator.comparing(Incident::disclosed, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Incident::id));
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading incidents failed", e);
    }
  }

  @Override
  public List<String> causedBy(String id) {
    try (PreparedStatement s = db.connection().prepareStatement("SELECT id FROM incident WHERE caused_by = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (r.next()) out.add(r.getString(1));
        Collections.sort(out);
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException("reading incidents caused by " + id + " failed", e);
    }
  }

  private Incident assemble(ResultSet r) throws SQLException {
    String id = r.getString("id");
    LocalDate from = Sql.date(r, "window_from");
    LocalDate to = Sql.date(r, "window_to");
    Map<SqlImportTransaction.StatementKind, List<ProductVersions>> statements = statements(id);
    return new Incident(id, r.getString("title"), Sql.date(r, "disclosed"), r.getString("caused_by"),
        from == null && to == null ? null : new CompromiseWindow(from, to),
        statements.get(SqlImportTransaction.StatementKind.AFFECTED),
        statements.get(SqlImportTransaction.StatementKind.FIXED),
        statements.get(SqlImportTransaction.StatementKind.NOT_AFFECTED),
        statements.get(SqlImportTransaction.StatementKind.UNDER_INVESTIGATION),
        attributions(id), indicators(id), references(id));
  }

  private Map<SqlImportTransaction.StatementKind, List<ProductVersions>> statements(String id) throws SQLException {
    Map<SqlImportTransaction.StatementKind, List<ProductVersions>> out = new EnumMap<>(SqlImportTransaction.StatementKind.class);
    for (SqlImportTransaction.StatementKind k : SqlImportTransaction.StatementKind.values()) out.put(k, new ArrayList<>());
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT kind, vendor, product, platform, versions, versions_text, purl, cpe FROM incident_product"
            + " WHERE incident_id = ? ORDER BY position")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String vers = r.getString("versions");
          out.get(SqlImportTransaction.StatementKind.parse(r.getString("kind"))).add(new ProductVersions(
              r.getString("vendor"), r.getString("product"), Platform.parse(r.getString("platform")).orElse(Platform.ANY),
              vers == null ? null : VersionSet.parse(vers), r.getString("versions_text"), r.getString("purl"), r.getString("cpe")));
        }
      }
    }
    return out;
  }

  private List<Attribution> attributions(String id) throws SQLException {
    List<Attribution> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT actor, aliases, confidence, source, stated_on FROM incident_attribution WHERE incident_id = ? ORDER BY position")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String aliases = r.getString("aliases");
          out.add(new Attribution(r.getString("actor"), aliases.isEmpty() ? List.of() : Arrays.asList(aliases.split("\n")),
              r.getInt("confidence"), r.getString("source"), Sql.date(r, "stated_on")));
        }
      }
    }
    return out;
  }

  private List<Indicator> indicators(String id) throws SQLException {
    List<Indicator> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT type, value FROM incident_indicator WHERE incident_id = ? ORDER BY position")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(new Indicator(r.getString(1), r.getString(2)));
      }
    }
    return out;
  }

  private List<String> references(String id) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT url FROM incident_reference WHERE incident_id = ? ORDER BY position")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(r.getString(1));
      }
    }
    return out;
  }
}
