package io.chainwatch.store;

import io.chainwatch.advisory.Incident;
import io.chainwatch.ingest.ImportCounts;
import io.chainwatch.ingest.IntelCounts;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.ActorNames;
import io.chainwatch.intel.ActorStatement;
import io.chainwatch.intel.AttributionStatement;
import io.chainwatch.intel.IncidentLink;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorStatement;
import io.chainwatch.intel.IntelRecord;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.intel.SightingStatement;
import io.chainwatch.intel.TechniqueStatement;
import io.chainwatch.intel.Warninglist;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The intel half of an import transaction: indicators with their sources, actors, attributions, sightings,
 * warninglists, techniques and incident links.
 *
 * <p>Versions: a source object (STIX id, MISP uuid) seen before with an older {@code modified} is replaced; one with a
 * newer or equal {@code modified} wins and this statement is dropped. Native advisories' indicators are mirrored here
 * (origin {@code advisory}) so that {@code indicators} lists one normalised set whatever the source.
 */
final class SqlIntelWriter {
  private final Connection c;
  private final long importId;
  private final ImportCounts counts;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<String, Long> indicatorIds = new HashMap<>();
  /** Source objects settled in this transaction: one STIX indicator may give several indicators. */
  private final Map<String, Boolean> settled = new HashMap<>();

  SqlIntelWriter(Connection c, long importId, Provenance provenance, ImportCounts counts) {
    this.c = c;
    this.importId = importId;
    this.counts = counts;
  }

  void write(IntelRecord r) throws SQLException {
    boolean stored;
    if (r instanceof IndicatorStatement) stored = indicator((IndicatorStatement) r, "intel");
    else if (r instanceof ActorStatement) stored = actor((ActorStatement) r);
    else if (r instanceof AttributionStatement) stored = attribution((AttributionStatement) r);
    else if (r instanceof SightingStatement) stored = sighting((SightingStatement) r);
    else if (r instanceof Warninglist) stored = warninglist((Warninglist) r);
    else if (r instanceof TechniqueStatement) stored = technique((TechniqueStatement) r);
    else if (r instanceof IncidentLink) stored = link((IncidentLink) r);
    else throw new StoreException("unknown intel record " + r.getClass().getSimpleName());
    if (stored) counts.increment(IntelCounts.kind(r));
  }

  /** Replaces the mirror of an advisory's indicators. */
  void advisoryIndicators(Incident incident) throws SQLException {
    PreparedStatement delete = prepared("DELETE FROM indicator_source WHERE origin = 'advisory' AND incident_id = ?");
    delete.setString(1, incident.id());
    delete.executeUpdate();
    for (Indicator raw : incident.indicators()) {
      Indicator normal;
      boolean huntable = true;
      String reason = null;
      try {
        normal = IndicatorNormaliser.normalise(raw);
      } catch (InvalidIndicator e) {
        normal = new Indicator(raw.type().toLowerCase(Locale.ROOT), raw.value());
        huntable = false;
        reason = "invalid: the value " + e.getMessage();
      }
      indicator(new IndicatorStatement(normal, raw.value(), incident.id(), incident.id(), huntable, reason, false, null, null, null),
          "advisory");
    }
  }

  private boolean indicator(IndicatorStatement s, String origin) throws SQLException {
    if (s.sourceObject() != null && origin.equals("intel")) {
      Boolean store = settled.get(s.sourceObject());
      if (store == null) {
        store = supersede("indicator_source", s.sourceObject(), s.modified());
        settled.put(s.sourceObject(), store);
      }
      if (!store) return false;
    }
    long id = indicatorId(s.indicator());
    PreparedStatement insert = prepared(
        "INSERT INTO indicator_source (indicator_id, import_id, origin, source_object, incident_id, raw_value, huntable,"
            + " not_huntable_reason, revoked, first_seen, last_seen, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.setLong(1, id);
    insert.setLong(2, importId);
    insert.setString(3, origin);
    Sql.setText(insert, 4, s.sourceObject());
    Sql.setText(insert, 5, s.incident());
    insert.setString(6, s.rawValue());
    insert.setInt(7, s.huntable() ? 1 : 0);
    Sql.setText(insert, 8, s.notHuntableReason());
    insert.setInt(9, s.revoked() ? 1 : 0);
    Sql.setInstant(insert, 10, s.firstSeen());
    Sql.setInstant(insert, 11, s.lastSeen());
    Sql.setInstant(insert, 12, s.modified());
    insert.executeUpdate();
    return true;
  }

  /**
   * True when this version of a source object should be stored: no version is stored, or the stored one is older (it
   * is deleted). Within one file the parser already kept the newest version.
   */
  private boolean supersede(String table, String sourceObject, @Nullable Instant modified) throws SQLException {
    PreparedStatement find = prepared("SELECT modified FROM " + table + " WHERE source_object = ? AND origin = 'intel'");
    find.setString(1, sourceObject);
    boolean stored = false;
    boolean newer = true;
    try (ResultSet r = find.executeQuery()) {
      while (r.next()) {
        stored = true;
        String m = r.getString(1);
        if (modified == null || (m != null && Instant.parse(m).compareTo(modified) >= 0)) newer = false;
      }
    }
    if (!stored) return true;
    if (!newer) return false;
    PreparedStatement delete = prepared("DELETE FROM " + table + " WHERE source_object = ? AND origin = 'intel'");
    delete.setString(1, sourceObject);
    delete.executeUpdate();
    return true;
  }

  private long indicatorId(Indicator i) throws SQLException {
    String key = i.type() + '\u0000' + i.value();
    Long id = indicatorIds.get(key);
    if (id != null) return id;
    PreparedStatement upsert = prepared("INSERT INTO indicator (type, value) VALUES (?, ?)"
        + " ON CONFLICT (type, value) DO UPDATE SET type = excluded.type RETURNING id");
    upsert.setString(1, i.type());
    upsert.setString(2, i.value());
    id = Sql.insertReturningId(upsert);
    indicatorIds.put(key, id);
    return id;
  }

  private boolean actor(ActorStatement a) throws SQLException {
    PreparedStatement upsert = prepared(
        "INSERT INTO actor (name_key, name, kind, external_id, source_object, supply_chain, revoked, import_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, kind = excluded.kind,"
            + " external_id = COALESCE(excluded.external_id, actor.external_id),"
            + " source_object = COALESCE(excluded.source_object, actor.source_object),"
            + " supply_chain = CASE WHEN excluded.supply_chain = 1 THEN 1 ELSE actor.supply_chain END,"
            + " revoked = excluded.revoked, import_id = excluded.import_id RETURNING id");
    upsert.setString(1, ActorNames.key(a.name()));
    upsert.setString(2, a.name());
    upsert.setString(3, a.kind());
    Sql.setText(upsert, 4, a.externalId());
    Sql.setText(upsert, 5, a.sourceObject());
    upsert.setInt(6, a.supplyChain() ? 1 : 0);
    upsert.setInt(7, a.revoked() ? 1 : 0);
    upsert.setLong(8, importId);
    long id = Sql.insertReturningId(upsert);
    PreparedStatement alias = prepared("INSERT INTO actor_alias (actor_id, alias, alias_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    for (String name : a.aliases()) {
      if (ActorNames.key(name).equals(ActorNames.key(a.name()))) continue;
      alias.setLong(1, id);
      alias.setString(2, name);
      alias.setString(3, ActorNames.key(name));
      alias.executeUpdate();
    }
    PreparedStatement target = prepared("INSERT INTO actor_target (actor_id, target) VALUES (?, ?) ON CONFLICT DO NOTHING");
    for (String t : a.targets()) {
      target.setLong(1, id);
      target.setString(2, t);
      target.executeUpdate();
    }
    return true;
  }

  private boolean attribution(AttributionStatement a) throws SQLException {
    if (a.sourceObject() != null) {
      PreparedStatement delete = prepared("DELETE FROM intel_attribution WHERE source_object = ? AND subject = ?");
      delete.setString(1, a.sourceObject());
      delete.setString(2, a.subject());
      delete.executeUpdate();
    }
    PreparedStatement insert = prepared(
        "INSERT INTO intel_attribution (subject, subject_is_incident, actor, confidence, source, stated_on, source_object, import_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.setString(1, a.subject());
    insert.setInt(2, a.incident() ? 1 : 0);
    insert.setString(3, a.actor());
    insert.setInt(4, a.confidence());
    Sql.setText(insert, 5, a.source());
    Sql.setDate(insert, 6, a.date());
    Sql.setText(insert, 7, a.sourceObject());
    insert.setLong(8, importId);
    insert.executeUpdate();
    return true;
  }

  private boolean sighting(SightingStatement s) throws SQLException {
    PreparedStatement insert = prepared(
        "INSERT INTO intel_sighting (indicator_type, indicator_value, verdict, sighted_by, count, first_seen, last_seen,"
            + " source_object, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.setString(1, s.indicator().type());
    insert.setString(2, s.indicator().value());
    insert.setString(3, s.verdict());
    Sql.setText(insert, 4, s.where());
    insert.setInt(5, s.count());
    Sql.setInstant(insert, 6, s.firstSeen());
    Sql.setInstant(insert, 7, s.lastSeen());
    Sql.setText(insert, 8, s.sourceObject());
    insert.setLong(9, importId);
    insert.executeUpdate();
    return true;
  }

  private boolean warninglist(Warninglist w) throws SQLException {
    PreparedStatement find = prepared("SELECT id FROM warninglist WHERE name = ?");
    find.setString(1, w.name());
    Long existing = null;
    try (ResultSet r = find.executeQuery()) {
      if (r.next()) existing = r.getLong(1);
    }
    if (existing != null) {
      // A newer version of the list replaces the old one whole.
      PreparedStatement entries = prepared("DELETE FROM warninglist_entry WHERE warninglist_id = ?");
      entries.setLong(1, existing);
      entries.executeUpdate();
      PreparedStatement list = prepared("DELETE FROM warninglist WHERE id = ?");
      list.setLong(1, existing);
      list.executeUpdate();
    }
    PreparedStatement insert = prepared(
        "INSERT INTO warninglist (name, version, description, match_type, applies_to, import_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    insert.setString(1, w.name());
    insert.setInt(2, w.version());
    insert.setString(3, w.description());
    insert.setString(4, w.matchType());
    Sql.setText(insert, 5, w.appliesTo() == null ? null : String.join(",", w.appliesTo()));
    insert.setLong(6, importId);
    long id = Sql.insertReturningId(insert);
    PreparedStatement entry = prepared("INSERT INTO warninglist_entry (warninglist_id, entry) VALUES (?, ?) ON CONFLICT DO NOTHING");
    for (String e : w.entries()) {
      entry.setLong(1, id);
      entry.setString(2, e);
      entry.addBatch();
    }
    entry.executeBatch();
    return true;
  }

  private boolean technique(TechniqueStatement t) throws SQLException {
    PreparedStatement upsert = prepared("INSERT INTO technique (external_id, name, source_object, import_id) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, source_object = excluded.source_object, import_id = excluded.import_id");
    upsert.setString(1, t.externalId());
    upsert.setString(2, t.name());
    Sql.setText(upsert, 3, t.sourceObject());
    upsert.setLong(4, importId);
    upsert.executeUpdate();
    return true;
  }

  private boolean link(IncidentLink l) throws SQLException {
    PreparedStatement insert = prepared("INSERT INTO incident_link (incident_id, kind, ref, source) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.setString(1, l.incident());
    insert.setString(2, l.kind());
    insert.setString(3, l.ref());
    insert.setString(4, l.source());
    return insert.executeUpdate() > 0;
  }

  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = c.prepareStatement(sql);
      statements.put(sql, s);
    }
    return s;
  }

  void close() throws SQLException {
    for (PreparedStatement s : statements.values()) s.close();
  }
}
