package io.chainwatch.store;

import io.chainwatch.verify.HashIndicators;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * File-hash indicators from the incidents' own indicator lists ({@code incident_indicator}), loaded once into memory
 * on first use: a run verifies thousands of files, and hash indicators number in the thousands at most. A normalised
 * indicator table can replace this class behind the same port.
 */
public final class SqlHashIndicators implements HashIndicators {
  private final Database db;
  private @Nullable Map<String, Set<String>> byTypeAndHash;

  public SqlHashIndicators(Database db) {
    this.db = db;
  }

  @Override
  public Set<String> incidentsNaming(String type, String hex) {
    return load().getOrDefault(type + ":" + hex.toLowerCase(Locale.ROOT), Set.of());
  }

  private Map<String, Set<String>> load() {
    if (byTypeAndHash != null) return byTypeAndHash;
    Map<String, Set<String>> map = new HashMap<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT type, value, incident_id FROM incident_indicator WHERE lower(type) IN ('sha256', 'sha1', 'md5')")) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String key = r.getString(1).toLowerCase(Locale.ROOT) + ":" + r.getString(2).trim().toLowerCase(Locale.ROOT);
          map.computeIfAbsent(key, k -> new TreeSet<>()).add(r.getString(3));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the hash indicators failed", e);
    }
    byTypeAndHash = map;
    return map;
  }
}
