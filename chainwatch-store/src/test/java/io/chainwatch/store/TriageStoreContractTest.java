package io.chainwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.HuntStats;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.ingest.ImportTransaction;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.triage.CaseFilter;
import io.chainwatch.triage.CaseNote;
import io.chainwatch.triage.CaseState;
import io.chainwatch.triage.CaseSummary;
import io.chainwatch.triage.Disposition;
import io.chainwatch.triage.RemediationChange;
import io.chainwatch.triage.RemediationProgress;
import io.chainwatch.triage.Severity;
import io.chainwatch.triage.TriageRepository;
import io.chainwatch.triage.audit.AuditChain;
import io.chainwatch.triage.audit.AuditEntry;
import io.chainwatch.triage.audit.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the triage store promises (cases, suppressions, remediation reconciliation, the audit chain), on SQLite and on
 * PostgreSQL; each test on an empty database of its own.
 */
abstract class TriageStoreContractTest {
  static final Instant T0 = Instant.parse("2023-03-29T08:00:00Z");

  String url;
  Database db;
  SqlTriageRepository triage;
  SqlAuditRepository audit;
  private int imports;

  abstract String createDatabase() throws Exception;

  abstract void dropDatabase() throws Exception;

  @BeforeEach
  final void openDatabase() throws Exception {
    url = createDatabase();
    db = Database.open(url);
    triage = new SqlTriageRepository(db);
    audit = new SqlAuditRepository(db);
  }

  @AfterEach
  final void closeDatabase() throws Exception {
    try {
      if (db != null) db.close();
    } finally {
      dropDatabase();
    }
  }

  // --- Cases ---

  @Test
  void cases_openJoinUpdateNote_andSummariesCarryHostsSightingsAndNotes() {
    long hunt = hunt(sighting("akamaicontainer.com", "pc-1"), sighting("akamaicontainer.com", "pc-2"), sighting("msstorageazure.com", "pc-1"));
    long id = triage.openCase("Acme", "3CX-2023-03", Severity.HIGH, T0);
    triage.addSightings(id, hunt, List.of(0, 1));
    triage.addSightings(id, hunt, List.of(2));
    triage.addNote(id, new CaseNote(T0.plusSeconds(5), "os:alice", "first"));
    triage.addNote(id, new CaseNote(T0.plusSeconds(6), "os:alice", "second"));
    triage.updateCase(id, CaseState.INVESTIGATING, null, Severity.CRITICAL, "alice", T0.plusSeconds(7));

    CaseSummary c = triage.findCase("Acme", "3CX-2023-03").orElseThrow();
    assertThat(c.caseId()).isEqualTo(id);
    assertThat(c.state()).isEqualTo(CaseState.INVESTIGATING);
    assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(c.assignee()).isEqualTo("alice");
    assertThat(c.hosts()).containsExactly("pc-1", "pc-2");
    assertThat(c.sightings()).isEqualTo(3);
    assertThat(c.notes()).isEqualTo(2);
    assertThat(c.opened()).isEqualTo(T0);
    assertThat(c.updated()).isEqualTo(T0.plusSeconds(7));
    assertThat(triage.notes(id)).extracting(CaseNote::text).containsExactly("first", "second");
    assertThat(triage.sightings(id)).extracting(s -> s.host()).containsExactly("pc-1", "pc-2", "pc-1");

    long other = triage.openCase("Beta", "3CX-2023-03", Severity.LOW, T0);
    assertThat(triage.cases(new CaseFilter(null, "3CX-2023-03", null, null))).extracting(CaseSummary::caseId).containsExactly(id, other);
    assertThat(triage.cases(new CaseFilter("Beta", null, null, null))).extracting(CaseSummary::caseId).containsExactly(other);
    assertThat(triage.cases(new CaseFilter(null, null, CaseState.NEW, null))).extracting(CaseSummary::caseId).containsExactly(other);
    assertThat(triage.cases(new CaseFilter(null, null, null, "alice"))).extracting(CaseSummary::caseId).containsExactly(id);
    assertThat(triage.findCase(other + 100)).isEmpty();
  }

  @Test
  void suppression_coversEveryPairOfTheCase_once_andIsLiftedByTheCase() {
    long hunt = hunt(sighting("akamaicontainer.com", "pc-1"), sighting("akamaicontainer.com", "pc-1"), sighting("msstorageazure.com", "pc-2"));
    long id = triage.openCase("Acme", "3CX-2023-03", Severity.HIGH, T0);
    triage.addSightings(id, hunt, List.of(0, 1, 2));
    triage.updateCase(id, CaseState.RESOLVED, Disposition.FALSE_POSITIVE, Severity.HIGH, null, T0);
    assertThat(triage.suppress(id, T0)).isEqualTo(2);
    assertThat(triage.suppress(id, T0)).isZero();
    assertThat(triage.suppressions()).containsExactlyInAnyOrder(
        TriageRepository.suppressionKey("domain", "akamaicontainer.com", "pc-1"),
        TriageRepository.suppressionKey("domain", "msstorageazure.com", "pc-2"));
    assertThat(triage.findCase(id).orElseThrow().disposition()).isEqualTo(Disposition.FALSE_POSITIVE);
    assertThat(triage.unsuppress(id)).isEqualTo(2);
    assertThat(triage.suppressions()).isEmpty();
  }

  @Test
  void hunts_suppressedSightingsAreStoredApart_andTheFollowUpRunsInTheHuntsTransaction() {
    SqlHuntRepository hunts = new SqlHuntRepository(db);
    HuntResult h = new HuntResult(0, T0, T0.plusSeconds(1), parameters(), 1, 0, List.of(sighting("a.example", "pc-1")),
        stats(), List.of(sighting("b.example", "pc-2")));
    long id = hunts.save(h, stored -> triage.addSightings(triage.openCase("Acme", "I-1", Severity.LOW, T0), stored, List.of(0)));
    HuntResult back = hunts.find(id).orElseThrow();
    assertThat(back.sightings()).extracting(Sighting::indicatorValue).containsExactly("a.example");
    assertThat(back.suppressed()).extracting(Sighting::indicatorValue).containsExactly("b.example");
    assertThat(triage.findCase("Acme", "I-1").orElseThrow().sightings()).isEqualTo(1);

    // A failing follow-up rolls the hunt back with it.
    int before = hunts.list().size();
    try {
      hunts.save(h, stored -> {
        throw new IllegalStateException("triage failed");
      });
    } catch (IllegalStateException expected) {
      // the hunt must not have been stored
    }
    assertThat(hunts.list()).hasSize(before);
  }

  // --- Remediation ---

  @Test
  void reconcile_opensPerAssetAndProduct_closesWhenGone_regressesWhenBack_recordingTheImport() throws SQLException {
    long first = importFile("inventory-1", t -> {
      t.installation(StoreContractTest.install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(StoreContractTest.install("Acme", "pc-2", "3CX", "3CX Desktop App", "18.12.407"));
      t.installation(StoreContractTest.install("Beta", "pc-9", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(StoreContractTest.install("Beta", "pc-9", "Google", "Chrome", "120.0"));
    });
    long[] affected = ids("3CX Desktop App");
    assertThat(affected).hasSize(3);
    RemediationChange opened = triage.reconcile("3CX-2023-03", affected, "upgrade", ">=18.12.422", first, T0);
    assertThat(opened).isEqualTo(new RemediationChange(3, 0, 0));
    assertThat(triage.reconcile("3CX-2023-03", affected, "upgrade", ">=18.12.422", first, T0))
        .isEqualTo(new RemediationChange(0, 0, 0));

    // pc-1 upgraded: its task is done; a second installation on pc-2 does not open a second task.
    long second = importFile("inventory-2", t -> {
      t.installation(StoreContractTest.install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.422"));
      t.installation(StoreContractTest.install("Acme", "pc-2", "3CX", "3CX Desktop App", "18.12.407"));
    });
    long[] now = without(ids("3CX Desktop App"), "18.12.422");
    assertThat(triage.reconcile("3CX-2023-03", now, "upgrade", ">=18.12.422", second, T0.plusSeconds(60)))
        .isEqualTo(new RemediationChange(0, 1, 0));
    assertThat(triage.tasks("3CX-2023-03", "Acme")).extracting(t -> t.asset() + " " + t.state() + " " + t.changedBy())
        .containsExactly("pc-1 done inventory-2.csv", "pc-2 open inventory-1.csv");

    long third = importFile("inventory-3", t -> {
      t.installation(StoreContractTest.install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(StoreContractTest.install("Acme", "pc-2", "3CX", "3CX Desktop App", "18.12.407"));
    });
    long[] back = without(ids("3CX Desktop App"), "18.12.422");
    assertThat(triage.reconcile("3CX-2023-03", back, "upgrade", ">=18.12.422", third, T0.plusSeconds(120)))
        .isEqualTo(new RemediationChange(0, 0, 1));

    List<RemediationProgress> progress = triage.remediation("3CX-2023-03", Optional.empty());
    assertThat(progress).containsExactly(
        new RemediationProgress("Acme", 1, 0, 1, T0),
        new RemediationProgress("Beta", 1, 0, 0, T0));
    assertThat(triage.remediation("3CX-2023-03", Optional.of("Beta"))).extracting(RemediationProgress::customer).containsExactly("Beta");
    assertThat(triage.remediatedIncidents()).containsExactly("3CX-2023-03");
    // Every state change is in the history with the import that caused it: open ×3, done, regressed.
    assertThat(events()).containsExactly("open inventory-1.csv", "open inventory-1.csv", "open inventory-1.csv",
        "done inventory-2.csv", "regressed inventory-3.csv");
  }

  // --- Audit ---

  @Test
  void audit_appendsLinkedEntries_andTheHeadFollows() {
    AuditEntry a = audit.append(T0, "os:alice", "import", "file:a.csv", "{\"n\":1}");
    AuditEntry b = audit.append(T0.plusSeconds(1), "token:ci", "case.note", "case:1", "{\"text\":\"x\\ny\"}");
    assertThat(a.seq()).isEqualTo(1);
    assertThat(a.prevHash()).isEqualTo(AuditChain.GENESIS);
    assertThat(b.prevHash()).isEqualTo(a.entryHash());
    assertThat(b.entryHash()).isEqualTo(sha256(AuditChain.canonical(2, T0.plusSeconds(1), "token:ci", "case.note", "case:1",
        "{\"text\":\"x\\ny\"}", a.entryHash())));
    assertThat(audit.head()).isEqualTo(new io.chainwatch.triage.audit.AuditRepository.Head(2, b.entryHash()));
    assertThat(verify().ok()).isTrue();
  }

  @Test
  void audit_concurrentAppendersFromTwoConnections_keepOneLinearChain() throws Exception {
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Database other = Database.open(url)) {
      SqlAuditRepository second = new SqlAuditRepository(other);
      List<Future<?>> done = new ArrayList<>();
      for (SqlAuditRepository r : List.of(audit, second)) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) r.append(T0.plusSeconds(i), "os:t", "hunt", "hunt:" + i, "{}");
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdown();
    }
    AuditVerification v = verify();
    assertThat(v.problem()).isEmpty();
    assertThat(v.verified()).isEqualTo(2L * perThread);
  }

  private AuditVerification verify() {
    AuditChain.Walker w = new AuditChain.Walker();
    audit.forEach(w::accept);
    return w.finish(audit.head().seq(), audit.head().hash());
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  // --- Helpers ---

  private long importFile(String name, Consumer<ImportTransaction> records) throws SQLException {
    Provenance p = new Provenance(name + ".csv", HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8)),
        StoreContractTest.INVENTORY, "1.0", T0.plusSeconds(60L * imports++));
    try (ImportTransaction t = new SqlImportStore(db).begin(p)) {
      records.accept(t);
      t.commit();
    }
    try (PreparedStatement s = db.connection().prepareStatement("SELECT id FROM import_file WHERE file_name = ?")) {
      s.setString(1, name + ".csv");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** Current installations of the product. */
  private long[] ids(String product) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT i.id FROM installation i JOIN product p ON p.id = i.product_id"
        + " WHERE p.name = ? AND i.removed_at IS NULL ORDER BY i.id")) {
      s.setString(1, product);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.add(r.getLong(1));
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private long[] without(long[] ids, String version) throws SQLException {
    List<Long> out = new ArrayList<>();
    for (long id : ids) {
      try (PreparedStatement s = db.connection().prepareStatement("SELECT version FROM installation WHERE id = ?")) {
        s.setLong(1, id);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          if (!r.getString(1).equals(version)) out.add(id);
        }
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  private List<String> events() throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT e.state, f.file_name FROM remediation_event e"
        + " JOIN import_file f ON f.id = e.import_id ORDER BY e.import_id, e.state, e.task_id");
        ResultSet r = s.executeQuery()) {
      while (r.next()) out.add(r.getString(1) + " " + r.getString(2));
    }
    return out;
  }

  private long hunt(Sighting... sightings) {
    return new SqlHuntRepository(db).save(new HuntResult(0, T0, T0.plusSeconds(1), parameters(), 1, 0, List.of(sightings), stats()));
  }

  private static HuntParameters parameters() {
    return new HuntParameters(List.of("logs"), "3CX-2023-03", null, null, null, null);
  }

  private static HuntStats stats() {
    return new HuntStats(1, 10, 100, 0, Map.of(), List.of());
  }

  private static Sighting sighting(String domain, String host) {
    return new Sighting("ioc", "domain", domain, null, "Acme", host, T0, T0, 1, List.of(new Evidence("dns.log", 1, "query", domain)));
  }
}
