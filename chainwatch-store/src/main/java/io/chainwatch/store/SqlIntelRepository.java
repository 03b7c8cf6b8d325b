package io.chainwatch.store;

import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.ActorNames;
import io.chainwatch.intel.IncidentLink;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorFilter;
import io.chainwatch.intel.IndicatorSource;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.intel.SightingStatement;
import io.chainwatch.intel.WarninglistMatcher;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Intelligence as stored: indicators merged across sources, actor clusters, attributions, incident links. */
public final class SqlIntelRepository implements IntelRepository {
  private final Database db;
  private @Nullable WarninglistMatcher warninglists;

  public SqlIntelRepository(Database db) {
    this.db = db;
  }

  /**
   * One query of two columns: a hunt of 100,000 indicators starts in a fraction of the time that merging every
   * source ({@link #indicators}) takes.
   */
  @Override
  public List<Indicator> huntable(@Nullable String incident) {
    // Each indicator once without DISTINCT (whose sort costs more than the rest of the query): a row of indicator is
    // kept when some live source wants it hunted. For one incident, an indicator whose source in the incident is itself
    // live needs no search for another live source: most are, and that search was half of the query's time (102 against
    // 53 ms for 102,000 indicators in the sqlite3 shell).
    String sql = "SELECT i.type, i.value FROM indicator i WHERE " + (incident == null ? live("i.id")
        : "i.id IN (SELECT s.indicator_id FROM indicator_source s WHERE s.incident_id = ?"
            + " AND ((s.huntable = 1 AND s.revoked = 0) OR " + live("s.indicator_id") + "))");
    List<Indicator> out = new ArrayList<>();
    boolean sqlite = db.dialect() == Database.Dialect.SQLITE;
    if (sqlite) {
      // On SQLite every row is a step and two column reads through JNI, a fifth of a hunt's start for a hundred
      // thousand indicators: the rows come as three texts instead (one pass of three aggregates, which see the rows in
      // one order): the types and the values' lengths in bytes, each comma-separated, and the values one after the
      // other. Aggregates of the columns themselves, not of a text made per row: a quarter less of the query's time.
      sql = "SELECT group_concat(type, ','), group_concat(octet_length(value), ','), group_concat(value, '')"
          + " FROM (" + sql + ")";
    }
    try (PreparedStatement s = db.connection().prepareStatement(sql)) {
      if (incident != null) s.setString(1, incident);
      try (ResultSet r = s.executeQuery()) {
        if (sqlite) {
          if (r.next()) readAggregated(r.getBytes(1), r.getBytes(2), r.getBytes(3), out);
        } else {
          while (r.next()) out.add(new Indicator(rs(r, 1), rs(r, 2)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the huntable indicators failed", e);
    }
    return out;
  }

  /** Whether some live source (of any incident) wants the indicator whose id is {@code id} hunted. */
  private static String live(String id) {
    return "EXISTS (SELECT 1 FROM indicator_source o WHERE o.indicator_id = " + id + " AND o.huntable = 1 AND o.revoked = 0)";
  }

  @Override
  public boolean mentions(String incident) {
    // indicators() joins the import file too; every source has one (import_id is NOT NULL and a foreign key)
    return Sql.any(db, "SELECT 1 FROM indicator_source WHERE incident_id = ? LIMIT 1", incident,
        "the indicators of incident " + incident);
  }

  @Override
  public List<String> warninglists(Indicator indicator) {
    if (warninglists == null) warninglists = warninglists();
    return warninglists.matches(indicator);
  }

  @Override
  public List<NormalisedIndicator> indicators(IndicatorFilter filter) {
    StringBuilder sql = new StringBuilder(
        "SELECT i.id, i.type, i.value, s.source_object, s.incident_id, s.raw_value, s.huntable, s.not_huntable_reason,"
            + " s.revoked, s.first_seen, s.last_seen, f.file_name, f.parser FROM indicator i"
            + " JOIN indicator_source s ON s.indicator_id = i.id JOIN import_file f ON f.id = s.import_id");
    List<String> binds = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (filter.type() != null) {
      where.add("i.type = ?");
      binds.add(filter.type());
    }
    if (filter.incident() != null) {
      where.add("i.id IN (SELECT indicator_id FROM indicator_source WHERE incident_id = ?)");
      binds.add(filter.incident());
    }
    if (filter.source() != null) {
      where.add("i.id IN (SELECT s2.indicator_id FROM indicator_source s2 JOIN import_file f2 ON f2.id = s2.import_id"
          + " WHERE f2.file_name = ? OR f2.parser = ? OR f2.parser LIKE ?)");
      binds.add(filter.source());
      binds.add(filter.source());
      binds.add("%/" + filter.source());
    }
    if (!where.isEmpty()) sql.append(" WHERE ").append(String.join(" AND ", where));
    sql.append(" ORDER BY i.id, s.id");
    Map<Long, Builder> byId = new LinkedHashMap<>();
    try (PreparedStatement s = db.connection().prepareStatement(sql.toString())) {
      for (int i = 0; i < binds.size(); i++) s.setString(i + 1, binds.get(i));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Builder b = byId.computeIfAbsent(r.getLong(1), k -> new Builder());
          b.indicator = new Indicator(rs(r, 2), rs(r, 3));
          b.sources.add(new IndicatorSource(rs(r, 12), rs(r, 13), r.getString(4), r.getString(5), rs(r, 6),
              r.getInt(7) == 1, r.getString(8), r.getInt(9) == 1));
          b.firstSeen = min(b.firstSeen, instant(r.getString(10)));
          b.lastSeen = max(b.lastSeen, instant(r.getString(11)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading indicators failed", e);
    }
    WarninglistMatcher warninglists = warninglists();
    List<NormalisedIndicator> out = new ArrayList<>();
    for (Builder b : byId.values()) {
      Indicator ind = b.indicator;
      if (ind == null) continue;
      out.add(NormalisedIndicator.of(ind, b.sources, b.firstSeen, b.lastSeen, warninglists.matches(ind)));
    }
    // Sorted here, not in SQL: the collations of SQLite and PostgreSQL differ.
    out.sort(Comparator.comparing((NormalisedIndicator n) -> n.indicator().type()).thenComparing(n -> n.indicator().value()));
    return out;
  }

  /**
   * The indicators of {@link #huntable}'s three texts: the types, comma-separated (indicator types' names hold no
   * comma); the values' lengths in bytes, comma-separated; the values one after the other. All null when there is none.
   */
  private static void readAggregated(byte @Nullable [] types, byte @Nullable [] lengths, byte @Nullable [] values,
      List<Indicator> out) throws SQLException {
    if (types == null && lengths == null && values == null) return;
    if (types == null || lengths == null || values == null) throw new SQLException("the huntable indicators are garbled: a text is missing");
    int t = 0;
    int l = 0;
    int v = 0;
    String type = "";
    int typeFrom = 0;
    int typeTo = 0;
    while (true) {
      int te = t;
      while (te < types.length && types[te] != ',') te++;
      // most indicators have the type of the one before: one string for all of them
      if (out.isEmpty() || !java.util.Arrays.equals(types, t, te, types, typeFrom, typeTo)) {
        type = new String(types, t, te - t, java.nio.charset.StandardCharsets.UTF_8);
        typeFrom = t;
        typeTo = te;
      }
      int n = 0;
      int le = l;
      while (le < lengths.length && lengths[le] != ',') {
        int d = lengths[le++] - '0';
        if (d < 0 || d > 9 || n > (Integer.MAX_VALUE - d) / 10) throw new SQLException("the huntable indicators' lengths are garbled at byte " + le);
        n = n * 10 + d;
      }
      if (le == l || n > values.length - v) throw new SQLException("the huntable indicators are cut short at value " + out.size());
      out.add(new Indicator(type, new String(values, v, n, java.nio.charset.StandardCharsets.UTF_8)));
      v += n;
      boolean lastType = te == types.length;
      boolean lastLength = le == lengths.length;
      if (lastType != lastLength) throw new SQLException("the huntable indicators' types and lengths differ in number");
      if (lastType) break;
      t = te + 1;
      l = le + 1;
    }
    if (v != values.length) throw new SQLException("the huntable indicators' values are longer than their lengths");
  }

  private static String rs(ResultSet r, int column) throws SQLException {
    String v = r.getString(column);
    if (v == null) throw new SQLException("column " + column + " is unexpectedly NULL");
    return v;
  }

  private static final class Builder {
    @Nullable Indicator indicator;
    final List<IndicatorSource> sources = new ArrayList<>();
    @Nullable Instant firstSeen;
    @Nullable Instant lastSeen;
  }

  private static @Nullable Instant instant(@Nullable String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isBefore(b) ? a : b;
  }

  private static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isAfter(b) ? a : b;
  }

  private WarninglistMatcher warninglists() {
    WarninglistMatcher matcher = new WarninglistMatcher();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT w.name, w.match_type, w.applies_to, e.entry FROM warninglist w JOIN warninglist_entry e ON e.warninglist_id = w.id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        String appliesTo = r.getString(3);
        matcher.add(rs(r, 1), rs(r, 2), appliesTo == null ? null : List.of(appliesTo.split(",", -1)), rs(r, 4));
      }
    } catch (SQLException e) {
      throw new StoreException("reading warninglists failed", e);
    }
    return matcher;
  }

  @Override
  public List<ActorCluster.AttributionEntry> attributions(String incident) {
    List<ActorCluster.AttributionEntry> out = new ArrayList<>();
    List<String> campaigns = new ArrayList<>();
    for (IncidentLink l : links(incident)) if (l.kind().equals("campaign")) campaigns.add(l.ref());
    StringBuilder sql = new StringBuilder(
        "SELECT a.subject, a.actor, a.confidence, a.source, a.stated_on, f.file_name FROM intel_attribution a"
            + " JOIN import_file f ON f.id = a.import_id WHERE (a.subject_is_incident = 1 AND a.subject = ?)");
    for (int i = 0; i < campaigns.size(); i++) sql.append(" OR (a.subject_is_incident = 0 AND a.subject = ?)");
    sql.append(" ORDER BY a.id");
    try (PreparedStatement s = db.connection().prepareStatement(sql.toString())) {
      s.setString(1, incident);
      for (int i = 0; i < campaigns.size(); i++) s.setString(i + 2, campaigns.get(i));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(entry(r));
      }
    } catch (SQLException e) {
      throw new StoreException("reading the attributions of " + incident + " failed", e);
    }
    out.sort(TIMELINE);
    return out;
  }

  /**
   * Attributions by date, undated last, then by source. A method, not a constant chained from
   * {@code Comparator.comparing}: that constant was made when the class loaded, on the way to every hunt's indicators,
   * and the JDK's comparators are serialisable lambdas, which the launcher's class archive cannot hold.
   */
  private static final Comparator<ActorCluster.AttributionEntry> TIMELINE = SqlIntelRepository::timelineOrder;

  private static int timelineOrder(ActorCluster.AttributionEntry a, ActorCluster.AttributionEntry b) {
    int c;
    if (a.date() == null || b.date() == null) c = a.date() == null ? (b.date() == null ? 0 : 1) : -1;
    else c = a.date().compareTo(b.date());
    if (c != 0) return c;
    return (a.source() == null ? "" : a.source()).compareTo(b.source() == null ? "" : b.source());
  }

  private static ActorCluster.AttributionEntry entry(ResultSet r) throws SQLException {
    return new ActorCluster.AttributionEntry(rs(r, 1), rs(r, 2), r.getInt(3), r.getString(4), Sql.date(r, "stated_on"), rs(r, 6));
  }

  @Override
  public Optional<ActorCluster> actor(String nameOrAlias) {
    String key = ActorNames.key(nameOrAlias);
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT id FROM actor WHERE name_key = ? UNION SELECT actor_id FROM actor_alias WHERE alias_key = ?")) {
      s.setString(1, key);
      s.setString(2, key);
      List<Long> ids = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) ids.add(r.getLong(1));
      }
      if (ids.isEmpty()) return attributedOnly(nameOrAlias);
      // An alias shared by several actors (an ATT&CK group and its vendor name) picks the one with an ATT&CK id first.
      ids.sort(Comparator.naturalOrder());
      return Optional.of(cluster(ids.get(0)));
    } catch (SQLException e) {
      throw new StoreException("reading actor " + nameOrAlias + " failed", e);
    }
  }

  /** A name known only from attributions (an advisory's actor with no intel about it). */
  private Optional<ActorCluster> attributedOnly(String name) throws SQLException {
    Set<String> names = Set.of(ActorNames.key(name));
    List<ActorCluster.AttributionEntry> timeline = timeline(names);
    List<String> advisory = advisoryAttributions(names, new ArrayList<>());
    if (timeline.isEmpty() && advisory.isEmpty()) return Optional.empty();
    List<ActorCluster.AttributionEntry> all = new ArrayList<>(timeline);
    advisoryAttributions(names, all);
    all.sort(TIMELINE);
    return Optional.of(new ActorCluster(name, "actor", null, advisoryAliases(names), List.of(), List.of(), false,
        incidentsOf(all), all));
  }

  /** The aliases advisories gave this actor in their attributions (UNC4736: AppleJeus, Citrine Sleet, ...). */
  private List<String> advisoryAliases(Set<String> keys) throws SQLException {
    Set<String> aliases = new java.util.TreeSet<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT actor, aliases FROM incident_attribution");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        if (!keys.contains(ActorNames.key(rs(r, 1)))) continue;
        for (String alias : rs(r, 2).split("\n")) {
          if (!alias.isBlank() && !keys.contains(ActorNames.key(alias))) aliases.add(alias);
        }
      }
    }
    return List.copyOf(aliases);
  }

  @Override
  public List<ActorCluster> actors() {
    List<ActorCluster> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT id FROM actor WHERE revoked = 0 ORDER BY name_key");
        ResultSet r = s.executeQuery()) {
      List<Long> ids = new ArrayList<>();
      while (r.next()) ids.add(r.getLong(1));
      for (long id : ids) out.add(cluster(id));
    } catch (SQLException e) {
      throw new StoreException("reading actors failed", e);
    }
    return out;
  }

  private ActorCluster cluster(long id) throws SQLException {
    String name;
    String kind;
    String externalId;
    boolean supplyChain;
    try (PreparedStatement s = db.connection().prepareStatement("SELECT name, kind, external_id, supply_chain FROM actor WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) throw new StoreException("actor " + id + " vanished");
        name = rs(r, 1);
        kind = rs(r, 2);
        externalId = r.getString(3);
        supplyChain = r.getInt(4) == 1;
      }
    }
    List<String> aliases = strings("SELECT alias FROM actor_alias WHERE actor_id = ? ORDER BY alias", id);
    List<String> targets = strings("SELECT target FROM actor_target WHERE actor_id = ? ORDER BY target", id);
    Set<String> keys = new LinkedHashSet<>();
    keys.add(ActorNames.key(name));
    if (externalId != null) keys.add(ActorNames.key(externalId));
    for (String a : aliases) keys.add(ActorNames.key(a));
    List<ActorCluster.AttributionEntry> timeline = timeline(keys);
    advisoryAttributions(keys, timeline);
    timeline.sort(TIMELINE);
    // The umbrella: actors this one is attributed to or attributed from, by name (intel attributions between actors).
    TreeSet<String> related = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT subject, actor FROM intel_attribution WHERE subject_is_incident = 0")) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String subject = rs(r, 1);
          String actor = rs(r, 2);
          boolean fromUs = keys.contains(ActorNames.key(subject));
          boolean toUs = keys.contains(ActorNames.key(actor));
          if (fromUs && !toUs && isActor(actor)) related.add(actor);
          if (toUs && !fromUs && isActor(subject)) related.add(subject);
        }
      }
    }
    related.remove(name);
    return new ActorCluster(name, kind, externalId, aliases, List.copyOf(related), targets, supplyChain, incidentsOf(timeline), timeline);
  }

  /** Campaigns are attributed to actors; an umbrella lists actors only. */
  private boolean isActor(String name) throws SQLException {
    try (PreparedStatement s = db.connection().prepareStatement("SELECT kind FROM actor WHERE name_key = ?")) {
      s.setString(1, ActorNames.key(name));
      try (ResultSet r = s.executeQuery()) {
        return r.next() && !rs(r, 1).equals("campaign");
      }
    }
  }

  private static List<String> incidentsOf(List<ActorCluster.AttributionEntry> timeline) {
    TreeSet<String> incidents = new TreeSet<>();
    for (ActorCluster.AttributionEntry e : timeline) if (e.subject().startsWith("incident:")) incidents.add(e.subject().substring(9));
    return List.copyOf(incidents);
  }

  /** Intel attributions naming one of {@code keys}; an incident subject is written {@code incident:ID}. */
  private List<ActorCluster.AttributionEntry> timeline(Set<String> keys) throws SQLException {
    List<ActorCluster.AttributionEntry> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT a.subject, a.actor, a.confidence, a.source, a.stated_on, f.file_name, a.subject_is_incident FROM intel_attribution a"
            + " JOIN import_file f ON f.id = a.import_id ORDER BY a.id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        if (!keys.contains(ActorNames.key(rs(r, 2)))) continue;
        ActorCluster.AttributionEntry e = entry(r);
        if (r.getInt(7) == 1) {
          out.add(new ActorCluster.AttributionEntry("incident:" + e.subject(), e.actor(), e.confidence(), e.source(), e.date(), e.file()));
        } else {
          out.add(e);
          for (String incident : incidentsOfCampaign(e.subject())) {
            out.add(new ActorCluster.AttributionEntry("incident:" + incident, e.actor(), e.confidence(), e.source(), e.date(), e.file()));
          }
        }
      }
    }
    return out;
  }

  /** Native advisories' attributions naming one of {@code keys}, added to {@code out}; returns the incidents. */
  private List<String> advisoryAttributions(Set<String> keys, List<ActorCluster.AttributionEntry> out) throws SQLException {
    List<String> incidents = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT a.incident_id, a.actor, a.confidence, a.source, a.stated_on, f.file_name, a.aliases FROM incident_attribution a"
            + " JOIN incident i ON i.id = a.incident_id JOIN import_file f ON f.id = i.import_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        boolean named = keys.contains(ActorNames.key(rs(r, 2)));
        for (String alias : rs(r, 7).split("\n")) named |= !alias.isEmpty() && keys.contains(ActorNames.key(alias));
        if (!named) continue;
        incidents.add(rs(r, 1));
        out.add(new ActorCluster.AttributionEntry("incident:" + rs(r, 1), rs(r, 2), r.getInt(3), r.getString(4),
            Sql.date(r, "stated_on"), rs(r, 6)));
      }
    }
    return incidents;
  }

  private List<String> strings(String sql, Object bind) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(sql)) {
      if (bind instanceof Long) s.setLong(1, (Long) bind);
      else s.setString(1, bind.toString());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(rs(r, 1));
      }
    }
    return out;
  }

  @Override
  public List<IncidentLink> links(String incident) {
    List<IncidentLink> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT incident_id, kind, ref, source FROM incident_link WHERE incident_id = ?")) {
      s.setString(1, incident);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(new IncidentLink(rs(r, 1), rs(r, 2), rs(r, 3), rs(r, 4)));
      }
      for (String id : strings("SELECT url FROM incident_reference WHERE incident_id = ? ORDER BY position", incident)) {
        String attackId = attackId(id);
        if (attackId == null) continue;
        IncidentLink link = new IncidentLink(incident, attackKind(attackId), attackRef(attackId), "references");
        if (out.stream().noneMatch(l -> l.kind().equals(link.kind()) && l.ref().equals(link.ref()))) out.add(link);
      }
    } catch (SQLException e) {
      throw new StoreException("reading the links of " + incident + " failed", e);
    }
    out.sort(Comparator.comparing(IncidentLink::kind).thenComparing(IncidentLink::ref));
    return out;
  }

  /**
   * An ATT&amp;CK id an advisory's reference names: {@code https://attack.mitre.org/campaigns/C0057/},
   * {@code https://attack.mitre.org/techniques/T1195/002/}, or the bare id ({@code G0034}, {@code T1195.002}).
   */
  static @Nullable String attackId(String reference) {
    java.util.regex.Matcher url = ATTACK_URL.matcher(reference.strip());
    if (url.find()) return url.group(1) + (url.group(2) == null ? "" : "." + url.group(2));
    return ATTACK_ID.matcher(reference.strip()).matches() ? reference.strip() : null;
  }

  private static final java.util.regex.Pattern ATTACK_URL = java.util.regex.Pattern.compile(
      "^https?://attack\\.mitre\\.org/(?:campaigns|techniques|groups|software)/([CTGS]\\d{4})(?:/(\\d{3}))?/?$");
  private static final java.util.regex.Pattern ATTACK_ID = java.util.regex.Pattern.compile("[CGS]\\d{4}|T\\d{4}(\\.\\d{3})?");

  private static String attackKind(String attackId) {
    switch (attackId.charAt(0)) {
      case 'C': return "campaign";
      case 'T': return "technique";
      default: return "actor";
    }
  }

  /** Campaigns and actors are linked by name (attributions name them so); techniques by id. */
  private String attackRef(String attackId) throws SQLException {
    if (attackId.charAt(0) == 'T') return attackId;
    List<String> names = strings("SELECT name FROM actor WHERE external_id = ?", attackId);
    return names.isEmpty() ? attackId : names.get(0);
  }

  /** The incidents linked to a campaign: by an import with {@code --incident}, or by a reference to its ATT&amp;CK id. */
  private List<String> incidentsOfCampaign(String campaign) throws SQLException {
    TreeSet<String> out = new TreeSet<>(strings("SELECT incident_id FROM incident_link WHERE kind = 'campaign' AND ref = ?", campaign));
    List<String> ids = strings("SELECT external_id FROM actor WHERE name_key = ? AND external_id IS NOT NULL", ActorNames.key(campaign));
    for (String id : ids) {
      try (PreparedStatement s = db.connection().prepareStatement("SELECT incident_id, url FROM incident_reference WHERE url LIKE ?")) {
        s.setString(1, "%" + id + "%");
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) if (id.equals(attackId(rs(r, 2)))) out.add(rs(r, 1));
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public List<SightingStatement> sightings(String incident) {
    List<SightingStatement> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT s.indicator_type, s.indicator_value, s.verdict, s.sighted_by, s.count, s.first_seen, s.last_seen, s.source_object"
            + " FROM intel_sighting s WHERE EXISTS (SELECT 1 FROM indicator i JOIN indicator_source src ON src.indicator_id = i.id"
            + " WHERE src.incident_id = ? AND i.type = s.indicator_type AND i.value = s.indicator_value) ORDER BY s.id")) {
      s.setString(1, incident);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new SightingStatement(new Indicator(rs(r, 1), rs(r, 2)), rs(r, 3), r.getString(4), r.getInt(5),
              instant(r.getString(6)), instant(r.getString(7)), r.getString(8)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading the sightings of " + incident + " failed", e);
    }
    return out;
  }

  @Override
  public Optional<String> techniqueName(String externalId) {
    try (PreparedStatement s = db.connection().prepareStatement("SELECT name FROM technique WHERE external_id = ?")) {
      s.setString(1, externalId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(rs(r, 1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("reading technique " + externalId + " failed", e);
    }
  }
}
