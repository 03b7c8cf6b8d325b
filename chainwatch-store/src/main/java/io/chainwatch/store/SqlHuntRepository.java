package io.chainwatch.store;

import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntRepository;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.HuntStats;
import io.chainwatch.hunt.Sighting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Hunts as stored: parameters and stats in {@code hunt}, sightings and their evidence beside it. */
public final class SqlHuntRepository implements HuntRepository {
  private final Database db;

  public SqlHuntRepository(Database db) {
    this.db = db;
  }

  @Override
  public long save(HuntResult h, java.util.function.LongConsumer beforeCommit) {
    return save(h, id -> {}, beforeCommit);
  }

  @Override
  public long save(HuntResult h, java.util.function.LongConsumer numbered, java.util.function.LongConsumer beforeCommit) {
    Connection c = db.connection();
    try {
      c.setAutoCommit(false);
      long id;
      HuntParameters p = h.parameters();
      HuntStats s = h.stats();
      try (PreparedStatement st = c.prepareStatement("INSERT INTO hunt (started_at, finished_at, logs, incident, customer,"
          + " since, until_time, rules, indicators, rule_count, files, events, bytes, outside, problems, beacons)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        st.setString(1, h.started().toString());
        st.setString(2, h.finished().toString());
        st.setString(3, String.join("\n", p.logs()));
        setText(st, 4, p.incident());
        setText(st, 5, p.customer());
        setText(st, 6, p.since() == null ? null : p.since().toString());
        setText(st, 7, p.until() == null ? null : p.until().toString());
        setText(st, 8, p.rules());
        st.setInt(9, h.indicators());
        st.setInt(10, h.rules());
        st.setLong(11, s.files());
        st.setLong(12, s.events());
        st.setLong(13, s.bytes());
        st.setLong(14, s.outsideWindow());
        StringBuilder problems = new StringBuilder();
        s.problems().forEach((k, v) -> problems.append(k).append('=').append(v).append('\n'));
        st.setString(15, problems.toString());
        setText(st, 16, p.beacons());
        try (ResultSet r = st.executeQuery()) {
          r.next();
          id = r.getLong(1);
        }
      }
      numbered.accept(id);
      try (PreparedStatement si = c.prepareStatement("INSERT INTO hunt_sighting (hunt_id, position, detector, indicator_type,"
          + " indicator_value, level, customer, host, first_seen, last_seen, hits, suppressed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement ei = c.prepareStatement("INSERT INTO hunt_evidence (hunt_id, sighting, position, file, line, field, value)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        int position = 0;
        // Suppressed sightings follow the others: a sighting's position is its place in the kept list, then beyond.
        List<Sighting> all = new ArrayList<>(h.sightings());
        all.addAll(h.suppressed());
        for (Sighting x : all) {
          si.setLong(1, id);
          si.setInt(2, position);
          si.setString(3, x.detector());
          si.setString(4, x.indicatorType());
          si.setString(5, x.indicatorValue());
          setText(si, 6, x.level());
          setText(si, 7, x.customer());
          si.setString(8, x.host());
          setText(si, 9, x.firstSeen() == null ? null : x.firstSeen().toString());
          setText(si, 10, x.lastSeen() == null ? null : x.lastSeen().toString());
          si.setLong(11, x.count());
          si.setInt(12, position >= h.sightings().size() ? 1 : 0);
          si.addBatch();
          int e = 0;
          for (Evidence ev : x.evidence()) {
            ei.setLong(1, id);
            ei.setInt(2, position);
            ei.setInt(3, e++);
            ei.setString(4, ev.file());
            ei.setLong(5, ev.line());
            ei.setString(6, ev.field());
            ei.setString(7, ev.value());
            ei.addBatch();
          }
          position++;
        }
        si.executeBatch();
        ei.executeBatch();
      }
      beforeCommit.accept(id);
      c.commit();
      return id;
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the original failure is the one worth reporting
      }
      throw new StoreException("storing the hunt failed", e);
    } catch (RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the original failure is the one worth reporting
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is closed with the command
      }
    }
  }

  private static void setText(PreparedStatement s, int i, @Nullable String v) throws SQLException {
    if (v == null) s.setNull(i, Types.VARCHAR);
    else s.setString(i, v);
  }

  @Override
  public List<HuntResult> list() {
    return read(null, false);
  }

  @Override
  public Optional<HuntResult> find(long id) {
    return read(id, true).stream().findFirst();
  }

  private List<HuntResult> read(@Nullable Long only, boolean withSightings) {
    List<HuntResult> out = new ArrayList<>();
    String sql = "SELECT id, started_at, finished_at, logs, incident, customer, since, until_time, rules, indicators,"
        + " rule_count, files, events, bytes, outside, problems, beacons FROM hunt" + (only == null ? "" : " WHERE id = ?") + " ORDER BY id DESC";
    try (PreparedStatement s = db.connection().prepareStatement(sql)) {
      if (only != null) s.setLong(1, only);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long id = r.getLong(1);
          HuntParameters p = new HuntParameters(Arrays.asList(r.getString(4).split("\n")), r.getString(5), r.getString(6),
              instant(r.getString(7)), instant(r.getString(8)), r.getString(9), r.getString(17));
          Map<String, Long> problems = new LinkedHashMap<>();
          for (String l : r.getString(16).split("\n")) {
            int eq = l.indexOf('=');
            if (eq > 0) problems.put(l.substring(0, eq), Long.parseLong(l.substring(eq + 1)));
          }
          HuntStats stats = new HuntStats(r.getLong(12), r.getLong(13), r.getLong(14), r.getLong(15), problems, List.of());
          out.add(new HuntResult(id, Instant.parse(r.getString(2)), Instant.parse(r.getString(3)), p, r.getInt(10), r.getInt(11),
              withSightings ? sightings(id, false) : List.of(), stats, withSightings ? sightings(id, true) : List.of()));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading hunts failed", e);
    }
    return out;
  }

  private List<Sighting> sightings(long hunt, boolean suppressed) throws SQLException {
    Map<Integer, List<Evidence>> evidence = new LinkedHashMap<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT sighting, file, line, field, value FROM hunt_evidence WHERE hunt_id = ? ORDER BY sighting, position")) {
      s.setLong(1, hunt);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          evidence.computeIfAbsent(r.getInt(1), k -> new ArrayList<>())
              .add(new Evidence(r.getString(2), r.getLong(3), r.getString(4), r.getString(5)));
        }
      }
    }
    List<Sighting> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT position, detector, indicator_type, indicator_value,"
        + " level, customer, host, first_seen, last_seen, hits FROM hunt_sighting WHERE hunt_id = ? AND suppressed = ?"
        + " ORDER BY position")) {
      s.setLong(1, hunt);
      s.setInt(2, suppressed ? 1 : 0);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new Sighting(r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
              instant(r.getString(8)), instant(r.getString(9)), r.getLong(10), evidence.getOrDefault(r.getInt(1), List.of())));
        }
      }
    }
    return out;
  }

  private static @Nullable Instant instant(@Nullable String s) {
    return s == null ? null : Instant.parse(s);
  }
}
