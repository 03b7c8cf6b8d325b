package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} in Markdown, HTML, JSON, OpenVEX and CycloneDX VEX on the 3CX demo portfolio, with a hunt over
 * planted telemetry and a file verified in one customer's fleet (issue 7).
 */
class ReportCliTest {
  static final String NORTHBRIDGE = "Northbridge Precision Engineering Ltd";
  static final String HARBOUR = "Harbour Freight Logistics BV";

  @TempDir Path dir;
  CliRun cli;
  final ObjectMapper json = new ObjectMapper();
  String installerSha;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRun(dir);
    installerSha = loadDemoWithHuntAndVerification(cli, dir);
  }

  /**
   * The demo portfolio and incidents, a hunt of the 3CX incident over planted telemetry (which opens a case for
   * Northbridge), and an installer from Northbridge's fleet verified and recorded; gives the installer's SHA-256.
   */
  static String loadDemoWithHuntAndVerification(CliRun cli, Path dir) throws Exception {
    for (String f : DemoCommand.FILES) {
      Path target = dir.resolve(f);
      try (InputStream in = ReportCliTest.class.getResourceAsStream("/demo/3cx/" + f)) {
        Files.copy(in, target);
      }
      ok(cli, "import", target.toString());
    }
    Path logs = Files.createDirectories(dir.resolve("logs"));
    write(logs.resolve("zeek/dns.log"), HuntCliTest.DNS_TSV);
    write(logs.resolve("sysmon/sysmon.json"), HuntCliTest.SYSMON_JSON);
    ok(cli, "hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03");

    // An installer copied from Northbridge's fleet, which the vendor feed lists as 3CX Desktop App 18.12.416.
    Path installer = write(dir.resolve("fleet/3CXDesktopApp-18.12.416.msi"), "stand-in for the trojanised installer");
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(installer)));
    Path releases = write(dir.resolve("releases.csv"), "vendor,product,version,platform,file,sha256,signer_thumbprint,published,source\n"
        + "3CX,3CX Desktop App,18.12.416,windows,3CXDesktopApp-18.12.416.msi," + sha + ",,2023-03-13,vendor-feed\n");
    ok(cli, "import", releases.toString());
    ok(cli, "verify", installer.toString(), "--record", "customer:" + NORTHBRIDGE);
    return sha;
  }

  private static String ok(CliRun cli, String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r.out();
  }

  private static Path write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private String ok(String... args) {
    return ok(cli, args);
  }

  @Test
  void json_holdsEverySection_withExposurePathsHuntsVerificationAndSources_andIsStable() throws Exception {
    String first = ok("report", "3CX-2023-03", "--format", "json");
    assertThat(ok("report", "3CX-2023-03", "--format", "json")).isEqualTo(first);
    JsonNode doc = json.readTree(first);
    assertThat(doc.get("incident").asText()).isEqualTo("3CX-2023-03");
    assertThat(doc.get("customer").isNull()).isTrue();

    JsonNode summary = doc.get("summary");
    assertThat(summary.get("upstream").get(0).asText()).isEqualTo("XTRADER-2022");
    assertThat(summary.get("releases").findValuesAsText("platform")).containsExactly("windows", "macos");
    assertThat(summary.get("attribution").findValuesAsText("actor")).contains("UNC4736", "Lazarus Group");
    assertThat(summary.get("indicators")).hasSize(34);
    assertThat(summary.get("findings").get(0).asText()).isEqualTo("6 assets of 3 customer(s) run an affected release.");

    Map<String, String> status = new LinkedHashMap<>();
    for (JsonNode c : doc.get("exposure").get("customers")) {
      for (JsonNode a : c.get("assets")) status.put(a.get("asset").asText(), a.get("status").asText());
    }
    assertThat(status).containsEntry("nb-reception-01", "affected").containsEntry("nb-support-03", "not-affected")
        .containsEntry("hf-dispatch-01", "fixed").containsEntry("hf-dispatch-02", "unknown").doesNotContainKey("mcp-trade-01");

    JsonNode observation = doc.get("verification").get("observations").get(0);
    assertThat(observation.get("customer").asText()).isEqualTo(NORTHBRIDGE);
    assertThat(observation.get("sha256").asText()).isEqualTo(installerSha);
    assertThat(observation.get("version").asText()).isEqualTo("18.12.416");

    JsonNode hunt = doc.get("hunts").get("hunts").get(0);
    List<String> hosts = hunt.get("sightings").findValuesAsText("host");
    assertThat(hosts).contains("nb-reception-01", "nb-sales-07");
    assertThat(hunt.get("sightings").get(0).get("evidence")).isNotEmpty();

    JsonNode triage = doc.get("triage");
    assertThat(triage.get("recorded").asBoolean()).isTrue();
    assertThat(triage.get("cases")).singleElement().satisfies(c -> {
      assertThat(c.get("customer").asText()).isEqualTo(NORTHBRIDGE);
      assertThat(c.get("state").asText()).isEqualTo("new");
      assertThat(c.get("hosts")).extracting(JsonNode::asText).containsExactly("nb-reception-01", "nb-sales-07");
    });
    assertThat(triage.get("remediation").findValuesAsText("customer")).contains(NORTHBRIDGE);
    assertThat(doc.get("threat_model").get("actors").findValuesAsText("name")).contains("UNC4736");

    Map<String, String> sources = new LinkedHashMap<>();
    for (JsonNode s : doc.get("sources")) sources.put(s.get("file").asText(), s.get("sha256").asText());
    assertThat(sources).containsKeys("3cx-2023-03.yaml", "xtrader-2022.yaml", "customers.csv", "inventory.csv", "trust-edges.csv");
    assertThat(sources.get("3cx-2023-03.yaml")).isEqualTo(sha256(dir.resolve("3cx-2023-03.yaml")));
  }

  @Test
  void markdown_hasEveryNumberedSection_withTheCasesTheHuntOpened() {
    String md = ok("report", "3CX-2023-03", "--format", "md");
    for (String h : List.of("## 1. Summary", "## 2. Exposure", "## 3. Verification", "## 4. Hunts and sightings",
        "## 5. Cases and dispositions", "## 6. Remediation", "## 7. Threat model", "## 8. Indicators", "## 9. Sources")) {
      assertThat(md).contains(h);
    }
    assertThat(md).containsPattern("\\| \\d+ \\| Northbridge Precision Engineering Ltd \\| new \\| — \\| critical \\|").contains("| domain | akamaicontainer\\[.\\]com |")
        .contains("| nb-reception-01 | windows |").contains("| 3CXDesktopApp-18.12.416.msi | 3CX Desktop App 18.12.416 windows |");
  }

  @Test
  void triageDecisions_reachTheReport_andARemovedInstallationCountsAsDone() throws IOException {
    JsonNode listed = json.readTree(ok("cases", "list", "--customer", NORTHBRIDGE, "--format", "json")).get("cases");
    String id = listed.get(0).get("id").asText();
    ok("cases", "assign", id, "alice");
    ok("cases", "resolve", id, "--disposition", "true-positive", "--note", "implant confirmed on the reception PC");

    JsonNode doc = json.readTree(ok("report", "3CX-2023-03", "--customer", NORTHBRIDGE, "--format", "json"));
    JsonNode reported = doc.get("triage").get("cases").get(0);
    assertThat(reported.get("id").asText()).isEqualTo(id);
    assertThat(reported.get("state").asText()).isEqualTo("resolved");
    assertThat(reported.get("disposition").asText()).isEqualTo("true-positive");
    assertThat(reported.get("assignee").asText()).isEqualTo("alice");
    assertThat(reported.get("notes").asInt()).isEqualTo(1);
    JsonNode remediation = doc.get("triage").get("remediation");
    assertThat(remediation).singleElement().satisfies(r -> {
      assertThat(r.get("customer").asText()).isEqualTo(NORTHBRIDGE);
      assertThat(r.get("open").asInt()).isPositive();
    });
    assertThat(ok("report", "3CX-2023-03", "--customer", NORTHBRIDGE, "--format", "md"))
        .contains("| resolved |").contains("true-positive");
  }

  @Test
  void transitiveExposure_showsEveryHop_inMarkdownAndAsAPictureInHtml() {
    String md = ok("report", "XTRADER-2022", "--format", "md");
    assertThat(md).contains("incident:XTRADER-2022 → product:Trading Technologies/X\\_TRADER →(staff-use 90%)→ vendor:3CX");
    Document html = Jsoup.parse(ok("report", "XTRADER-2022", "--format", "html"));
    List<String> pictures = new ArrayList<>();
    for (Element svg : html.select("figure svg > title")) pictures.add(svg.text());
    assertThat(pictures).contains("Exposure by customer (assets)")
        .anyMatch(t -> t.startsWith("Path from incident:XTRADER-2022 to 3CX Phone System"));
    assertThat(html.select("figure svg text").eachText()).contains("staff-use", "90%");
  }

  @Test
  void html_isOneSelfContainedFile_withAStrictPolicy_andNoScriptOrExternalResource() {
    String out = ok("report", "3CX-2023-03", "--format", "html");
    Document html = Jsoup.parse(out);
    String csp = html.select("meta[http-equiv=Content-Security-Policy]").attr("content");
    assertThat(csp).startsWith("default-src 'none';").contains("style-src 'sha256-").doesNotContain("unsafe");
    assertThat(html.select("script, link, iframe, object, embed, img, [style]")).isEmpty();
    for (Element e : html.getAllElements()) {
      for (var a : e.attributes()) {
        assertThat(a.getKey()).as("event handler on " + e.tagName()).doesNotStartWith("on");
        if (a.getKey().equals("href") || a.getKey().equals("src")) assertThat(a.getValue()).as(a.getKey()).startsWith("#");
      }
    }
    assertThat(html.select("h2").eachText()).hasSize(9);
    assertThat(html.select("figure svg title").eachText()).contains("Sightings over time");
  }

  @Test
  void customerReports_nameNoOtherCustomer_andNoneOfTheirAssetsOrAddresses() throws IOException {
    Map<String, Set<String>> secrets = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("inventory.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
      Set<String> s = secrets.computeIfAbsent(f[0], k -> new LinkedHashSet<>(List.of(k)));
      s.add(f[1]);
      s.add(f[6]);
    }
    for (String line : Files.readAllLines(dir.resolve("customers.csv")).subList(1, 7)) {
      secrets.computeIfAbsent(line.split(",")[0], k -> new LinkedHashSet<>(List.of(k)));
    }
    assertThat(secrets).hasSize(6);
    for (String customer : List.of(NORTHBRIDGE, HARBOUR, "Meridian Capital Partners", "Oakfield Schools Trust")) {
      for (String format : List.of("md", "html", "json", "openvex", "cyclonedx-vex")) {
        for (String incident : List.of("3CX-2023-03", "XTRADER-2022")) {
          String out = ok("report", incident, "--customer", customer, "--format", format);
          secrets.forEach((other, names) -> {
            if (other.equals(customer)) return;
            for (String s : names) {
              assertThat(out).as(format + " report on " + incident + " for " + customer + " names " + other + "'s " + s).doesNotContain(s);
            }
          });
        }
      }
    }
    // The provider's own report does name them all.
    String all = ok("report", "3CX-2023-03", "--format", "md");
    assertThat(all).contains(NORTHBRIDGE, HARBOUR, "Meridian Capital Partners");
  }

  @Test
  void openVex_followsTheSpec_andMapsVerdictsPerRelease() throws IOException {
    JsonNode doc = json.readTree(ok("report", "3CX-2023-03", "--customer", HARBOUR, "--format", "openvex"));
    assertThat(doc.get("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
    assertThat(doc.get("@id").asText()).matches("urn:uuid:[0-9a-f-]{36}");
    assertThat(doc.get("author").asText()).isNotBlank();
    assertThat(doc.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(doc.get("version").asInt()).isEqualTo(1);
    Map<String, String> byProduct = new LinkedHashMap<>();
    for (JsonNode s : doc.get("statements")) {
      assertThat(s.get("vulnerability").get("name").asText()).isEqualTo("3CX-2023-03");
      assertThat(s.get("vulnerability").get("aliases").get(0).asText()).isEqualTo("CVE-2023-29059");
      String st = s.get("status").asText();
      assertThat(st).isIn("not_affected", "affected", "fixed", "under_investigation");
      if (st.equals("not_affected")) {
        assertThat(s.get("justification").asText()).isIn("component_not_present", "vulnerable_code_not_present",
            "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist");
      }
      if (st.equals("affected")) assertThat(s.get("action_statement").asText()).contains(">=18.12.422");
      JsonNode product = s.get("products").get(0);
      assertThat(product.get("@id").asText()).startsWith("pkg:generic/").isEqualTo(product.get("identifiers").get("purl").asText());
      byProduct.put(product.get("@id").asText(), st);
    }
    assertThat(byProduct).containsEntry("pkg:generic/3cx%20ltd/3cx%20desktop%20app@18.12.416?platform=macos", "affected")
        .containsEntry("pkg:generic/3cx%20ltd/3cx%20desktop%20app@18.12.422?platform=windows", "fixed")
        .containsEntry("pkg:generic/3cx%20ltd/3cx%20desktop%20app?platform=windows", "under_investigation");
    assertThat(byProduct).hasSize(3);

    JsonNode oakfield = json.readTree(ok("report", "3CX-2023-03", "--customer", "Oakfield Schools Trust", "--format", "openvex"));
    assertThat(oakfield.get("statements")).singleElement().satisfies(s -> {
      assertThat(s.get("status").asText()).isEqualTo("not_affected");
      assertThat(s.get("justification").asText()).isEqualTo("component_not_present");
    });
  }

  @Test
  void vex_aFalsePositiveCaseClearsAPotentialExposure_andCycloneDxSaysFalsePositive() throws IOException {
    // The trojanised X_TRADER installer's hash loaded on a Northbridge host: a case on XTRADER-2022 for Northbridge.
    Path logs = write(dir.resolve("xt/sysmon.json"), "{\"EventID\":7,\"Computer\":\"nb-support-03\",\"UtcTime\":\"2023-03-25 09:00:00.000\","
        + "\"Image\":\"C:\\\\tt\\\\x.exe\",\"ImageLoaded\":\"C:\\\\tt\\\\setup.exe\","
        + "\"Hashes\":\"SHA256=FBC50755913DE619FB830FB95882E9703DBFDA67DBD0F75BC17EADC9EDA61370\"}\n");
    ok("hunt", "--logs", logs.getParent().toString(), "--incident", "XTRADER-2022");
    String pbx = "pkg:generic/3cx/3cx%20phone%20system@18.0.4.965?platform=linux";
    assertThat(statuses(ok("report", "XTRADER-2022", "--customer", NORTHBRIDGE, "--format", "openvex"))).containsEntry(pbx, "under_investigation");

    String id = null;
    for (JsonNode c : json.readTree(ok("cases", "list", "--incident", "XTRADER-2022", "--format", "json")).get("cases")) id = c.get("id").asText();
    ok("cases", "resolve", id, "--disposition", "false-positive");
    JsonNode vex = json.readTree(ok("report", "XTRADER-2022", "--customer", NORTHBRIDGE, "--format", "openvex"));
    assertThat(statuses(vex.toString())).containsEntry(pbx, "not_affected");
    for (JsonNode s : vex.get("statements")) {
      if (s.get("products").get(0).get("@id").asText().equals(pbx)) {
        assertThat(s.get("justification").asText()).isEqualTo("vulnerable_code_not_present");
        assertThat(s.get("impact_statement").asText()).contains("false-positive");
      }
    }
    JsonNode cdx = json.readTree(ok("report", "XTRADER-2022", "--customer", NORTHBRIDGE, "--format", "cyclonedx-vex"));
    boolean seen = false;
    for (JsonNode v : cdx.get("vulnerabilities")) {
      if (v.get("affects").get(0).get("ref").asText().equals(pbx)) {
        assertThat(v.get("analysis").get("state").asText()).isEqualTo("false_positive");
        seen = true;
      }
    }
    assertThat(seen).isTrue();
    assertThat(ok("report", "XTRADER-2022", "--customer", NORTHBRIDGE, "--format", "md")).contains("| resolved | false-positive |");
  }

  private Map<String, String> statuses(String openVex) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode s : json.readTree(openVex).get("statements")) out.put(s.get("products").get(0).get("@id").asText(), s.get("status").asText());
    return out;
  }

  @Test
  void cycloneDxVex_validatesAgainstTheCycloneDx15Schema() throws Exception {
    for (String customer : List.of(NORTHBRIDGE, HARBOUR, "Oakfield Schools Trust")) {
      String out = ok("report", "3CX-2023-03", "--customer", customer, "--format", "cyclonedx-vex");
      assertThat(new JsonParser().validate(out, Version.VERSION_15)).as(customer).isEmpty();
      JsonNode doc = json.readTree(out);
      assertThat(doc.get("specVersion").asText()).isEqualTo("1.5");
      for (JsonNode v : doc.get("vulnerabilities")) {
        assertThat(v.get("analysis").get("state").asText()).isIn("exploitable", "resolved", "in_triage", "not_affected", "false_positive");
        String ref = v.get("affects").get(0).get("ref").asText();
        assertThat(doc.get("components").findValuesAsText("bom-ref")).contains(ref);
      }
    }
    JsonNode northbridge = json.readTree(ok("report", "3CX-2023-03", "--customer", NORTHBRIDGE, "--format", "cyclonedx-vex"));
    assertThat(northbridge.get("vulnerabilities").findValuesAsText("state")).contains("exploitable", "resolved", "not_affected");
  }

  @Test
  void portfolio_coversEveryIncidentAndActor_inEachFormat() throws IOException {
    JsonNode doc = json.readTree(ok("report", "--portfolio", "--format", "json"));
    assertThat(doc.get("incidents").findValuesAsText("id")).containsExactly("3CX-2023-03", "XTRADER-2022");
    assertThat(doc.get("actors").findValuesAsText("name")).contains("UNC4736");
    JsonNode northbridge = null;
    for (JsonNode c : doc.get("customers")) if (c.get("customer").asText().equals(NORTHBRIDGE)) northbridge = c;
    assertThat(doc.get("customers")).hasSize(6);
    assertThat(northbridge.get("exposure").get("3CX-2023-03").get("affected").asLong()).isEqualTo(4);
    assertThat(ok("report", "--portfolio", "--format", "md")).contains("# Supply-chain portfolio report", "| UNC4736 |");
    Document html = Jsoup.parse(ok("report", "--portfolio", "--format", "html"));
    assertThat(html.select("table.heat td.c-affected")).isNotEmpty();
  }

  @Test
  void stix_endsWithAReportObjectReferringToEverything_andSharesHuntSightingsWithoutHosts() throws IOException {
    String out = ok("report", "3CX-2023-03", "--customer", NORTHBRIDGE, "--format", "stix");
    JsonNode objects = json.readTree(out).get("objects");
    JsonNode report = objects.get(objects.size() - 1);
    assertThat(report.get("type").asText()).isEqualTo("report");
    assertThat(report.get("published").asText()).isNotBlank();
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode o : objects) if (!o.get("type").asText().equals("report")) ids.add(o.get("id").asText());
    List<String> refs = new ArrayList<>();
    for (JsonNode r : report.get("object_refs")) refs.add(r.asText());
    assertThat(ids).containsAll(refs.stream().filter(r -> !r.startsWith("marking-definition--")).toList());
    int sightings = 0;
    for (JsonNode o : objects) if (o.get("type").asText().equals("sighting")) sightings++;
    // The hunt saw two C2 domains and the trojanised ffmpeg.dll on Northbridge's hosts; the host names stay home.
    assertThat(sightings).isEqualTo(3);
    assertThat(out).contains(NORTHBRIDGE).doesNotContain("nb-reception-01", "nb-sales-07");
  }

  @Test
  void demo_writesThePortfolioIncidentAndCustomerReports_andSaysWhere() throws IOException {
    CliRun.Result r = cli.run("demo");
    assertThat(r.exit()).as(r.err()).isZero();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(file:\\S+\\.html)").matcher(r.out());
    List<Path> files = new ArrayList<>();
    while (m.find()) files.add(Path.of(java.net.URI.create(m.group(1))));
    try {
      assertThat(files).extracting(p -> p.getFileName().toString())
          .containsExactly("portfolio.html", "3cx-2023-03.html", "3cx-2023-03-northbridge.html");
      for (Path f : files) assertThat(Files.readString(f)).startsWith("<!DOCTYPE html>");
      assertThat(Files.readString(files.get(2))).contains(NORTHBRIDGE).doesNotContain(HARBOUR);
      // The demo's database and inputs are gone; the reports stay.
      assertThat(files.get(0).getParent().getParent().resolve("demo.db")).doesNotExist();
    } finally {
      if (!files.isEmpty()) {
        Path demo = files.get(0).getParent().getParent();
        for (Path f : files) Files.deleteIfExists(f);
        Files.deleteIfExists(files.get(0).getParent());
        Files.deleteIfExists(demo);
      }
    }
  }

  @Test
  void output_goesToTheFileNamed() throws IOException {
    Path file = dir.resolve("out/report.html");
    Files.createDirectories(file.getParent());
    assertThat(ok("report", "3CX-2023-03", "--format", "html", "-o", file.toString())).isEmpty();
    assertThat(Files.readString(file)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
  }

  @Test
  void usageErrorsExit2_unknownIncidentOrCustomerExit3() {
    assertThat(cli.run("report", "--format", "md").exit()).isEqualTo(2);
    assertThat(cli.run("report", "--portfolio", "--format", "stix").exit()).isEqualTo(2);
    assertThat(cli.run("report", "3CX-2023-03", "--portfolio", "--format", "md").exit()).isEqualTo(2);
    assertThat(cli.run("report", "3CX-2023-03", "--format", "md", "--anonymise").exit()).isEqualTo(2);
    CliRun.Result bad = cli.run("report", "3CX-2023-03", "--format", "pdf");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("openvex, cyclonedx-vex");
    assertThat(cli.run("report", "NOPE", "--format", "html").exit()).isEqualTo(3);
    assertThat(cli.run("report", "3CX-2023-03", "--customer", "Nobody", "--format", "openvex").exit()).isEqualTo(3);
  }

  static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
