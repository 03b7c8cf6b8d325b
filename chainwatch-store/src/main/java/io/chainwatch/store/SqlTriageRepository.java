package io.chainwatch.store;

import io.chainwatch.triage.CaseFilter;
import io.chainwatch.triage.CaseNote;
import io.chainwatch.triage.CaseSighting;
import io.chainwatch.triage.CaseState;
import io.chainwatch.triage.CaseSummary;
import io.chainwatch.triage.Disposition;
import io.chainwatch.triage.RemediationChange;
import io.chainwatch.triage.RemediationProgress;
import io.chainwatch.triage.RemediationTask;
import io.chainwatch.triage.Severity;
import io.chainwatch.triage.TriageRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Cases, suppressions and remediation tasks as stored.
 *
 * <p>Implementation notes. Reconciliation is set-based: the affected installation ids go into a temporary table in
 * batches, are reduced to (asset, product, customer) keys by one INSERT ... SELECT, and three pairs of statements open,
 * regress and close tasks against those keys, each change logged by an INSERT ... SELECT into
 * {@code remediation_event} before the UPDATE that makes it. Fifty thousand tasks cost a handful of statements, not
 * fifty thousand.
 */
public final class SqlTriageRepository implements TriageRepository {
  private static final int BATCH = 1000;
  private static final String SUMMARY = "SELECT c.id, c.customer, c.incident, c.state, c.disposition, c.severity,"
      + " c.assignee, c.opened_at, c.updated_at,"
      + " (SELECT count(*) FROM case_sighting s WHERE s.case_id = c.id),"
      + " (SELECT count(*) FROM case_note n WHERE n.case_id = c.id) FROM triage_case c";

  private final Database db;

  public SqlTriageRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<CaseSummary> findCase(String customer, String incident) {
    return summaries(" WHERE c.customer = ? AND c.incident = ?", List.of(customer, incident)).stream().findFirst();
  }

  @Override
  public Optional<CaseSummary> findCase(long id) {
    return summaries(" WHERE c.id = ?", List.of(id)).stream().findFirst();
  }

  @Override
  public List<CaseSummary> cases(CaseFilter f) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (f.customer() != null) {
      where.append(" AND c.customer = ?");
      args.add(f.customer());
    }
    if (f.incident() != null) {
      where.append(" AND c.incident = ?");
      args.add(f.incident());
    }
    if (f.state() != null) {
      where.append(" AND c.state = ?");
      args.add(f.state().label());
    }
    if (f.assignee() != null) {
      where.append(" AND c.assignee = ?");
      args.add(f.assignee());
    }
    return summaries(where.toString(), args);
  }

  private List<CaseSummary> summaries(String where, List<Object> args) {
    Connection c = db.connection();
    try {
      Map<Long, TreeSet<String>> hosts = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT cs.case_id, hs.host FROM case_sighting cs"
          + " JOIN hunt_sighting hs ON hs.hunt_id = cs.hunt_id AND hs.position = cs.position"
          + " WHERE cs.case_id IN (SELECT c.id FROM triage_case c" + where + ")")) {
        bind(s, args);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) hosts.computeIfAbsent(r.getLong(1), k -> new TreeSet<>()).add(r.getString(2));
        }
      }
      List<CaseSummary> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(SUMMARY + where + " ORDER BY c.customer, c.id")) {
        bind(s, args);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            long id = r.getLong(1);
            String disposition = r.getString(5);
            out.add(new CaseSummary(r.getString(2), r.getString(3), id, CaseState.parse(r.getString(4)).orElseThrow(),
                disposition == null ? null : Disposition.parse(disposition).orElseThrow(),
                Severity.parse(r.getString(6)).orElseThrow(), r.getString(7),
                List.copyOf(hosts.getOrDefault(id, new TreeSet<>())), r.getLong(10), Instant.parse(r.getString(8)),
                Instant.parse(r.getString(9)), r.getInt(11)));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading cases failed", e);
    }
  }

  private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Long l) s.setLong(i + 1, l);
      else s.setString(i + 1, (String) a);
    }
  }

  @Override
  public long openCase(String customer, String incident, Severity severity, Instant at) {
    return Sql.inTransaction(db.connection(), "opening a case", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO triage_case (customer, incident, state, severity,"
          + " opened_at, updated_at) VALUES (?, ?, 'new', ?, ?, ?) RETURNING id")) {
        s.setString(1, customer);
        s.setString(2, incident);
        s.setString(3, severity.label());
        s.setString(4, at.toString());
        s.setString(5, at.toString());
        return Sql.insertReturningId(s);
      }
    });
  }

  @Override
  public void addSightings(long caseId, long huntId, List<Integer> positions) {
    Sql.inTransaction(db.connection(), "adding sightings to a case", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO case_sighting (case_id, hunt_id, position) VALUES (?, ?, ?)")) {
        for (int p : positions) {
          s.setLong(1, caseId);
          s.setLong(2, huntId);
          s.setInt(3, p);
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void updateCase(long caseId, CaseState state, @Nullable Disposition disposition, Severity severity,
      @Nullable String assignee, Instant at) {
    Sql.inTransaction(db.connection(), "updating case " + caseId, c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE triage_case SET state = ?, disposition = ?, severity = ?,"
          + " assignee = ?, updated_at = ? WHERE id = ?")) {
        s.setString(1, state.label());
        Sql.setText(s, 2, disposition == null ? null : disposition.label());
        s.setString(3, severity.label());
        Sql.setText(s, 4, assignee);
        s.setString(5, at.toString());
        s.setLong(6, caseId);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public void addNote(long caseId, CaseNote note) {
    Sql.inTransaction(db.connection(), "adding a note to case " + caseId, c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO case_note (case_id, position, at, author, text)"
          + " SELECT ?, COALESCE(max(position), -1) + 1, ?, ?, ? FROM case_note WHERE case_id = ?")) {
        s.setLong(1, caseId);
        s.setString(2, note.at().toString());
        s.setString(3, note.author());
        s.setString(4, note.text());
        s.setLong(5, caseId);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<CaseSighting> sightings(long caseId) {
    List<CaseSighting> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT hs.hunt_id, hs.detector, hs.indicator_type,"
        + " hs.indicator_value, hs.host, hs.first_seen, hs.last_seen, hs.hits FROM case_sighting cs"
        + " JOIN hunt_sighting hs ON hs.hunt_id = cs.hunt_id AND hs.position = cs.position"
        + " WHERE cs.case_id = ? ORDER BY hs.hunt_id, hs.position")) {
      s.setLong(1, caseId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new CaseSighting(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
              instant(r.getString(6)), instant(r.getString(7)), r.getLong(8)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading the sightings of case " + caseId + " failed", e);
    }
  }

  @Override
  public List<CaseNote> notes(long caseId) {
    List<CaseNote> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT at, author, text FROM case_note WHERE case_id = ? ORDER BY position")) {
      s.setLong(1, caseId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(new CaseNote(Instant.parse(r.getString(1)), r.getString(2), r.getString(3)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading the notes of case " + caseId + " failed", e);
    }
  }

  @Override
  public int suppress(long caseId, Instant at) {
    return Sql.inTransaction(db.connection(), "suppressing the pairs of case " + caseId, c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO suppression (indicator_type, indicator_value, host,"
          + " case_id, at) SELECT DISTINCT hs.indicator_type, hs.indicator_value, hs.host, ?, ? FROM case_sighting cs"
          + " JOIN hunt_sighting hs ON hs.hunt_id = cs.hunt_id AND hs.position = cs.position WHERE cs.case_id = ?"
          + " AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.indicator_type = hs.indicator_type"
          + " AND x.indicator_value = hs.indicator_value AND x.host = hs.host)")) {
        s.setLong(1, caseId);
        s.setString(2, at.toString());
        s.setLong(3, caseId);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public int unsuppress(long caseId) {
    return Sql.inTransaction(db.connection(), "lifting the suppressions of case " + caseId, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM suppression WHERE case_id = ?")) {
        s.setLong(1, caseId);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public Set<String> suppressions() {
    Set<String> out = new HashSet<>();
    try (Statement s = db.connection().createStatement();
        ResultSet r = s.executeQuery("SELECT indicator_type, indicator_value, host FROM suppression")) {
      while (r.next()) out.add(TriageRepository.suppressionKey(r.getString(1), r.getString(2), r.getString(3)));
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading suppressions failed", e);
    }
  }

  @Override
  public RemediationChange reconcile(String incident, long[] affected, String action, @Nullable String target,
      long importId, Instant at) {
    return Sql.inTransaction(db.connection(), "reconciling the remediation of " + incident, c -> {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE IF NOT EXISTS remediation_affected (installation_id BIGINT PRIMARY KEY)");
        s.execute("CREATE TEMP TABLE IF NOT EXISTS remediation_key (asset_id BIGINT NOT NULL, product_id BIGINT NOT NULL,"
            + " customer_id BIGINT NOT NULL, PRIMARY KEY (asset_id, product_id))");
        s.execute("DELETE FROM remediation_affected");
        s.execute("DELETE FROM remediation_key");
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO remediation_affected (installation_id) VALUES (?)")) {
        int pending = 0;
        for (long id : affected) {
          s.setLong(1, id);
          s.addBatch();
          if (++pending == BATCH) {
            s.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) s.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO remediation_key (asset_id, product_id, customer_id) SELECT DISTINCT i.asset_id, i.product_id,"
            + " a.customer_id FROM remediation_affected x JOIN installation i ON i.id = x.installation_id"
            + " JOIN asset a ON a.id = i.asset_id");
      }
      String now = at.toString();
      long opened;
      try (PreparedStatement s = c.prepareStatement("INSERT INTO remediation_task (incident, customer_id, asset_id,"
          + " product_id, action, target, state, opened_at, changed_at, opened_import_id, changed_import_id)"
          + " SELECT ?, k.customer_id, k.asset_id, k.product_id, ?, ?, 'open', ?, ?, ?, ? FROM remediation_key k"
          + " WHERE NOT EXISTS (SELECT 1 FROM remediation_task t WHERE t.incident = ? AND t.asset_id = k.asset_id"
          + " AND t.product_id = k.product_id)")) {
        s.setString(1, incident);
        s.setString(2, action);
        Sql.setText(s, 3, target);
        s.setString(4, now);
        s.setString(5, now);
        s.setLong(6, importId);
        s.setLong(7, importId);
        s.setString(8, incident);
        opened = s.executeUpdate();
      }
      if (opened > 0) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO remediation_event (task_id, at, state, import_id)"
            + " SELECT id, ?, 'open', ? FROM remediation_task WHERE incident = ? AND opened_import_id = ? AND state = 'open'")) {
          s.setString(1, now);
          s.setLong(2, importId);
          s.setString(3, incident);
          s.setLong(4, importId);
          s.executeUpdate();
        }
      }
      String affectedKey = "EXISTS (SELECT 1 FROM remediation_key k WHERE k.asset_id = remediation_task.asset_id"
          + " AND k.product_id = remediation_task.product_id)";
      long regressed = move(c, incident, "state = 'done' AND " + affectedKey, "regressed", now, importId);
      long done = move(c, incident, "state IN ('open', 'regressed') AND NOT " + affectedKey, "done", now, importId);
      return new RemediationChange(opened, done, regressed);
    });
  }

  /** Logs, then makes, the change of the incident's tasks matching {@code condition} to {@code state}. */
  private static long move(Connection c, String incident, String condition, String state, String now, long importId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO remediation_event (task_id, at, state, import_id)"
        + " SELECT id, ?, ?, ? FROM remediation_task WHERE incident = ? AND " + condition)) {
      s.setString(1, now);
      s.setString(2, state);
      s.setLong(3, importId);
      s.setString(4, incident);
      if (s.executeUpdate() == 0) return 0;
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE remediation_task SET state = ?, changed_at = ?,"
        + " changed_import_id = ? WHERE incident = ? AND " + condition)) {
      s.setString(1, state);
      s.setString(2, now);
      s.setLong(3, importId);
      s.setString(4, incident);
      return s.executeUpdate();
    }
  }

  @Override
  public Set<String> remediatedIncidents() {
    Set<String> out = new TreeSet<>();
    try (Statement s = db.connection().createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT incident FROM remediation_task")) {
      while (r.next()) out.add(r.getString(1));
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading remediation tasks failed", e);
    }
  }

  @Override
  public List<RemediationProgress> remediation(String incident, Optional<String> customer) {
    List<RemediationProgress> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT cu.name,"
        + " SUM(CASE WHEN t.state = 'open' THEN 1 ELSE 0 END), SUM(CASE WHEN t.state = 'done' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN t.state = 'regressed' THEN 1 ELSE 0 END), MIN(CASE WHEN t.state <> 'done' THEN t.opened_at END)"
        + " FROM remediation_task t JOIN customer cu ON cu.id = t.customer_id WHERE t.incident = ?"
        + (customer.isPresent() ? " AND cu.name = ?" : "") + " GROUP BY cu.name")) {
      s.setString(1, incident);
      if (customer.isPresent()) s.setString(2, customer.get());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new RemediationProgress(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), instant(r.getString(5))));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading remediation progress failed", e);
    }
    // Oldest open task first; customers with nothing open last, by name.
    out.sort(java.util.Comparator.comparing(RemediationProgress::oldestOpenSince,
        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())).thenComparing(RemediationProgress::customer));
    return out;
  }

  @Override
  public List<RemediationTask> tasks(String incident, String customer) {
    List<RemediationTask> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT t.id, cu.name, a.name, p.vendor, p.name, t.action,"
        + " t.target, t.state, t.opened_at, t.changed_at, f.file_name FROM remediation_task t"
        + " JOIN customer cu ON cu.id = t.customer_id JOIN asset a ON a.id = t.asset_id JOIN product p ON p.id = t.product_id"
        + " JOIN import_file f ON f.id = t.changed_import_id WHERE t.incident = ? AND cu.name = ? ORDER BY a.name, p.name, t.id")) {
      s.setString(1, incident);
      s.setString(2, customer);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new RemediationTask(r.getLong(1), incident, r.getString(2), r.getString(3), r.getString(4), r.getString(5),
              r.getString(6), r.getString(7), r.getString(8), Instant.parse(r.getString(9)), Instant.parse(r.getString(10)),
              r.getString(11)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading remediation tasks failed", e);
    }
  }

  private static @Nullable Instant instant(@Nullable String s) {
    return s == null ? null : Instant.parse(s);
  }
}
