package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 from the command line: a hunt opens cases, their lifecycle, false-positive suppression, remediation closing
 * and regressing on newer inventories, and the audit log catching rows altered, removed or reordered by hand.
 */
class TriageCliTest {
  static final String NORTHBRIDGE = "Northbridge Precision Engineering Ltd";
  static final String HEADER = "customer,asset,platform,vendor,product,version,ip,install_path,observed_at\n";

  @TempDir Path dir;
  CliRun cli;
  Path logs;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    cli.importDemo(dir);
    logs = Files.createDirectories(dir.resolve("logs"));
    write("zeek/dns.log", HuntCliTest.DNS_TSV);
    write("zeek/http.log", HuntCliTest.HTTP_JSON);
    write("zeek/ssl.log", HuntCliTest.SSL_TSV);
    write("sysmon/sysmon.json", HuntCliTest.SYSMON_JSON);
  }

  private void write(String name, String content) throws IOException {
    Path p = logs.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  private CliRun.Result ok(String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r;
  }

  private JsonNode okJson(String... args) throws IOException {
    return json.readTree(ok(args).out());
  }

  private JsonNode hunt() throws IOException {
    return okJson("hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03", "--format", "json");
  }

  @Test
  void huntOpensOneCasePerCustomerAndIncident_secondHuntJoinsIt() throws IOException {
    hunt();
    JsonNode cases = okJson("cases", "list", "--format", "json").get("cases");
    // Four sightings name Northbridge's hosts; the fifth host (192.168.77.5) belongs to no customer: no case.
    assertThat(cases).hasSize(1);
    JsonNode c = cases.get(0);
    assertThat(c.get("customer").asText()).isEqualTo(NORTHBRIDGE);
    assertThat(c.get("incident").asText()).isEqualTo("3CX-2023-03");
    assertThat(c.get("state").asText()).isEqualTo("new");
    // A SHA-256 match (strength 3) at a criticality-5 customer: 3 + 4 = 7, critical.
    assertThat(c.get("severity").asText()).isEqualTo("critical");
    assertThat(c.get("disposition").isNull()).isTrue();
    assertThat(c.get("sightings").asLong()).isEqualTo(4);
    assertThat(c.get("id").isTextual()).isTrue();
    assertThat(c.get("hosts")).extracting(JsonNode::asText).containsExactly("nb-reception-01", "nb-sales-07");

    hunt();
    JsonNode again = okJson("cases", "list", "--format", "json").get("cases");
    assertThat(again).hasSize(1);
    assertThat(again.get(0).get("sightings").asLong()).isEqualTo(8);
    assertThat(okJson("audit", "list", "--action", "case.", "--format", "json").get("entries"))
        .extracting(e -> e.get("action").asText()).containsExactly("case.open", "case.join");
  }

  @Test
  void lifecycle_assignNoteResolveReopen_withUsageErrorsNamingTheLegalChoices() throws IOException {
    hunt();
    String id = okJson("cases", "list", "--format", "json").get("cases").get(0).get("id").asText();

    assertThat(ok("cases", "assign", id, "alice").out()).contains("investigating", "alice");
    ok("cases", "note", id, "reception PC isolated; checking the DLL");
    assertThat(okJson("cases", "list", "--state", "investigating", "--assignee", "alice", "--format", "json").get("cases")).hasSize(1);
    assertThat(okJson("cases", "list", "--state", "new", "--format", "json").get("cases")).isEmpty();

    CliRun.Result missing = cli.run("cases", "resolve", id);
    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--disposition");

    CliRun.Result unknown = cli.run("cases", "resolve", id, "--disposition", "fixed");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unknown.err()).contains("'fixed'", "true-positive, false-positive, benign, inconclusive, duplicate");

    assertThat(ok("cases", "resolve", id, "--disposition", "true-positive", "--note", "confirmed").out())
        .contains("resolved, true-positive");
    CliRun.Result twice = cli.run("cases", "resolve", id, "--disposition", "benign");
    assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(twice.err()).contains("is resolved", "reopen");

    JsonNode shown = okJson("cases", "show", id, "--format", "json");
    assertThat(shown.get("disposition").asText()).isEqualTo("true-positive");
    assertThat(shown.get("note_list")).extracting(n -> n.get("text").asText())
        .containsExactly("reception PC isolated; checking the DLL", "confirmed");
    // The affected installations: Northbridge's remediation tasks for the incident.
    assertThat(shown.get("installations")).extracting(n -> n.get("asset").asText())
        .contains("nb-reception-01", "nb-sales-07");

    assertThat(ok("cases", "reopen", id).out()).contains("investigating");
    CliRun.Result reopenAgain = cli.run("cases", "reopen", id);
    assertThat(reopenAgain.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(reopenAgain.err()).contains("resolve");

    CliRun.Result noCase = cli.run("cases", "show", "999");
    assertThat(noCase.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(noCase.err()).contains("no case 999");
    assertThat(cli.run("cases", "list", "--state", "closed").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void falsePositive_suppressesTheIndicatorHostPairsInLaterHunts_listedNotDropped() throws IOException {
    hunt();
    String id = okJson("cases", "list", "--format", "json").get("cases").get(0).get("id").asText();
    ok("cases", "resolve", id, "--disposition", "false-positive");

    JsonNode second = hunt();
    assertThat(second.get("sightings")).extracting(s -> s.get("host").asText()).containsExactly("192.168.77.5");
    assertThat(second.get("suppressed")).hasSize(4);
    assertThat(second.get("suppressed")).extracting(s -> s.get("host").asText())
        .containsOnly("nb-reception-01", "nb-sales-07");
    // Stored with the hunt: hunt show lists them too.
    JsonNode shown = okJson("hunt", "show", second.get("hunt").asText(), "--format", "json");
    assertThat(shown.get("suppressed")).hasSize(4);
    // Nothing new joined the case: it stays resolved.
    assertThat(okJson("cases", "show", id, "--format", "json").get("state").asText()).isEqualTo("resolved");

    ok("cases", "reopen", id, "--note", "the DLL hash was confirmed after all");
    assertThat(hunt().get("suppressed")).isEmpty();
  }

  @Test
  void remediation_closesOnANewerInventory_reopensOnRegression_recordingTheFile() throws IOException {
    JsonNode before = okJson("remediation", "--incident", "3CX-2023-03", "--customer", NORTHBRIDGE, "--format", "json");
    JsonNode row = before.get("customers").get(0);
    // Windows 18.12.416 and 18.12.407, macOS 18.12.402 and 18.11.1213: four affected assets.
    assertThat(row.get("open").asLong()).isEqualTo(4);
    assertThat(row.get("done").asLong()).isZero();
    assertThat(before.get("tasks")).extracting(t -> t.get("action").asText()).containsOnly("upgrade");

    // The reception PC is upgraded to the rebuild.
    Path upgraded = dir.resolve("inventory-2023-04-06.csv");
    Files.writeString(upgraded, HEADER + NORTHBRIDGE + ",nb-reception-01,windows,3CX Ltd,3CX Desktop App,18.12.422,10.20.1.11,"
        + "C:\\Users\\reception\\AppData\\Local\\Programs\\3CXDesktopApp,2023-04-06T09:00:00Z\n");
    ok("import", upgraded.toString());
    JsonNode after = okJson("remediation", "--incident", "3CX-2023-03", "--customer", NORTHBRIDGE, "--format", "json");
    assertThat(after.get("customers").get(0).get("open").asLong()).isEqualTo(3);
    assertThat(after.get("customers").get(0).get("done").asLong()).isEqualTo(1);
    JsonNode task = task(after, "nb-reception-01");
    assertThat(task.get("state").asText()).isEqualTo("done");
    assertThat(task.get("changed_by").asText()).isEqualTo("inventory-2023-04-06.csv");

    // Restored from an old image: the trojanised release is back.
    Path regressed = dir.resolve("inventory-2023-04-20.csv");
    Files.writeString(regressed, HEADER + NORTHBRIDGE + ",nb-reception-01,windows,3CX Ltd,3CX Desktop App,18.12.416,10.20.1.11,"
        + "C:\\Users\\reception\\AppData\\Local\\Programs\\3CXDesktopApp,2023-04-20T09:00:00Z\n");
    ok("import", regressed.toString());
    JsonNode last = okJson("remediation", "--incident", "3CX-2023-03", "--format", "json");
    JsonNode nb = null;
    for (JsonNode c : last.get("customers")) if (c.get("customer").asText().equals(NORTHBRIDGE)) nb = c;
    assertThat(nb).isNotNull();
    assertThat(nb.get("regressed").asLong()).isEqualTo(1);
    assertThat(nb.get("done").asLong()).isZero();
    JsonNode regressedTask = task(okJson("remediation", "--incident", "3CX-2023-03", "--customer", NORTHBRIDGE, "--format", "json"),
        "nb-reception-01");
    assertThat(regressedTask.get("state").asText()).isEqualTo("regressed");
    assertThat(regressedTask.get("changed_by").asText()).isEqualTo("inventory-2023-04-20.csv");

    // One audit entry per reconciling import, with counts: never one per task.
    JsonNode entries = okJson("audit", "list", "--action", "remediation.reconcile", "--subject", "incident:3CX-2023-03",
        "--format", "json").get("entries");
    assertThat(entries).hasSize(3);
    JsonNode details = entries.get(entries.size() - 1).get("details");
    assertThat(details.get("regressed").asLong()).isEqualTo(1);
    assertThat(details.get("file").asText()).isEqualTo("inventory-2023-04-20.csv");

    CliRun.Result table = ok("remediation", "--incident", "3CX-2023-03");
    assertThat(table.out()).contains("CUSTOMER", "OPEN", "DONE", "REGRESSED", NORTHBRIDGE);
    assertThat(cli.run("remediation", "--incident", "NOPE").exit()).isEqualTo(ExitCodes.REJECTED);
  }

  private static JsonNode task(JsonNode doc, String asset) {
    for (JsonNode t : doc.get("tasks")) if (t.get("asset").asText().equals(asset)) return t;
    throw new AssertionError("no task for " + asset + " in " + doc);
  }

  @Test
  void auditVerify_detectsAnAlteredRow() throws Exception {
    fillLog();
    assertThat(ok("audit", "verify").out()).contains("The audit log verifies");
    sql("UPDATE audit_entry SET actor = 'os:mallory' WHERE seq = 3");
    CliRun.Result r = cli.run("audit", "verify");
    assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("entry 3", "altered");
  }

  @Test
  void auditVerify_detectsARemovedRow_inTheMiddleAndAtTheEnd() throws Exception {
    fillLog();
    long last = okJson("audit", "list", "--format", "json").get("entries").size();
    sql("DELETE FROM audit_entry WHERE seq = " + last);
    CliRun.Result end = cli.run("audit", "verify");
    assertThat(end.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(end.err()).contains("entry " + last, "removed");

    sql("DELETE FROM audit_entry WHERE seq = 2");
    CliRun.Result middle = cli.run("audit", "verify");
    assertThat(middle.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(middle.err()).contains("entry 2", "missing");
  }

  @Test
  void auditVerify_detectsReorderedRows() throws Exception {
    fillLog();
    // Swap the content of entries 2 and 3, sequence numbers staying in place.
    sql("UPDATE audit_entry SET seq = -2 WHERE seq = 2",
        "UPDATE audit_entry SET seq = 2 WHERE seq = 3",
        "UPDATE audit_entry SET seq = 3 WHERE seq = -2");
    CliRun.Result r = cli.run("audit", "verify");
    assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("entry 2");
  }

  @Test
  void auditVerifyHead_printsTheHeadAlone_andAnAnchorCatchesARewrittenTail() throws Exception {
    fillLog();
    String head = ok("audit", "verify", "--head").out().trim();
    assertThat(head).matches("[0-9a-f]{64}");
    ok("audit", "verify", "--anchor", head);
    // Cut the last entry and rewrite the head row to match: the chain verifies, the anchor does not.
    sql("DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)",
        "UPDATE audit_head SET seq = seq - 1, hash = (SELECT entry_hash FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry))");
    ok("audit", "verify");
    CliRun.Result r = cli.run("audit", "verify", "--anchor", head);
    assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains(head);
  }

  /** Imports (in setUp), a hunt and case changes: every kind of entry. */
  private void fillLog() throws IOException {
    hunt();
    String id = okJson("cases", "list", "--format", "json").get("cases").get(0).get("id").asText();
    ok("cases", "assign", id, "bob");
    ok("cases", "note", id, "line one\nline two");
    List<String> actions = new ArrayList<>();
    okJson("audit", "list", "--format", "json").get("entries").forEach(e -> actions.add(e.get("action").asText()));
    assertThat(actions).contains("import", "remediation.reconcile", "hunt", "case.open", "case.assign", "case.note");
    assertThat(actions.get(0)).isEqualTo("import");
    assertThat(okJson("audit", "list", "--subject", "case:" + id, "--format", "json").get("entries")).hasSize(3);
  }

  private void sql(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
        Statement s = c.createStatement()) {
      for (String q : statements) s.execute(q);
    }
  }
}
