package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line from outside: arguments in, output and exit status out (CONTRACT.md). */
class CliTest {
  @TempDir Path dir;
  CliRun cli;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() {
    cli = new CliRun(dir);
  }

  Path demoFile(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/demo/3cx/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  void importDemo() throws IOException {
    for (String f : DemoCommand.FILES) {
      CliRun.Result r = cli.run("import", demoFile(f).toString());
      assertThat(r.exit()).as(r.err()).isZero();
    }
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void exposureJson_demo3cx_listsExactlyTheAffectedAndUnknownInstallations() throws IOException {
    importDemo();
    CliRun.Result r = cli.run("exposure", "3CX-2023-03", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = json.readTree(r.out());
    assertThat(doc.get("incident").asText()).isEqualTo("3CX-2023-03");
    List<String> rows = new ArrayList<>();
    for (JsonNode c : doc.get("customers")) {
      for (JsonNode a : c.get("assets")) {
        rows.add(c.get("customer").asText() + "|" + c.get("criticality").asInt() + "|" + a.get("asset").asText() + "|"
            + a.get("platform").asText() + "|" + a.get("version").asText() + "|" + a.get("status").asText());
        assertThat(a.get("path").get(0).asText()).isEqualTo("incident:3CX-2023-03");
        assertThat(a.has("vendor") && a.has("product") && a.has("confidence")).isTrue();
      }
    }
    assertThat(rows).containsExactly(
        "Northbridge Precision Engineering Ltd|5|nb-ceo-mbp|macos|18.11.1213|affected",
        "Northbridge Precision Engineering Ltd|5|nb-eng-mac-02|macos|18.12.402|affected",
        "Northbridge Precision Engineering Ltd|5|nb-reception-01|windows|18.12.416|affected",
        "Northbridge Precision Engineering Ltd|5|nb-sales-07|windows|18.12.407|affected",
        "Harbour Freight Logistics BV|4|hf-dispatch-02|windows||unknown",
        "Harbour Freight Logistics BV|4|hf-yard-mac|macos|18.12.416|affected",
        "Meridian Capital Partners|4|mcp-ops-01|windows|18.12.416|affected");
    assertThat(doc.get("summary").get("customers").asInt()).isEqualTo(3);
    assertThat(doc.get("summary").get("assets").asInt()).isEqualTo(7);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void exposureAll_demo3cx_addsFixedAndNotAffected_windows402IsNotAffected() throws IOException {
    importDemo();
    JsonNode doc = json.readTree(cli.run("exposure", "3CX-2023-03", "--all", "--format", "json").out());
    List<String> rows = new ArrayList<>();
    for (JsonNode c : doc.get("customers")) {
      for (JsonNode a : c.get("assets")) rows.add(a.get("asset").asText() + "=" + a.get("status").asText());
    }
    assertThat(rows).contains("nb-support-03=not-affected", "nb-it-01=fixed", "hf-dispatch-01=fixed", "fj-dev-mbp-01=fixed");
    assertThat(rows).noneMatch(s -> s.startsWith("nb-pbx-01") || s.startsWith("cv-"));
  }

  @Test
  void exposure_upstreamXtrader_reachesThreeCxCustomersThroughCausedBy() throws IOException {
    importDemo();
    JsonNode doc = json.readTree(cli.run("exposure", "XTRADER-2022", "--format", "json").out());
    boolean sawChain = false;
    boolean sawDirect = false;
    for (JsonNode c : doc.get("customers")) {
      for (JsonNode a : c.get("assets")) {
        List<String> path = new ArrayList<>();
        a.get("path").forEach(n -> path.add(n.asText()));
        if (a.get("asset").asText().equals("nb-reception-01")) {
          assertThat(path).containsExactly("incident:XTRADER-2022", "incident:3CX-2023-03", "release:3CX/3CX Desktop App@18.12.416#windows");
          sawChain = true;
        }
        if (a.get("asset").asText().equals("mcp-trade-01")) {
          assertThat(a.get("status").asText()).isEqualTo("affected");
          sawDirect = true;
        }
        assertThat(a.get("asset").asText()).isNotEqualTo("mcp-trade-02"); // 7.17.90 < 7.17.90p608
      }
    }
    assertThat(sawChain && sawDirect).isTrue();
  }

  @Test
  void exposureTable_groupsByCustomerWithSummary() throws IOException {
    importDemo();
    CliRun.Result r = cli.run("exposure", "3CX-2023-03");
    assertThat(r.out()).contains("Northbridge Precision Engineering Ltd  (criticality 5, manufacturing, GB)")
        .contains("Summary: 3 customers, 7 assets, 7 installations (6 affected, 1 unknown)");
    assertThat(r.out().indexOf("Northbridge")).isLessThan(r.out().indexOf("Harbour"));
  }

  @Test
  void exposureCsv_hasHeaderAndOneRowPerInstallation() throws IOException {
    importDemo();
    CliRun.Result r = cli.run("exposure", "3CX-2023-03", "--format", "csv");
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).isEqualTo("customer,criticality,asset,platform,vendor,product,version,status,confidence,path");
    assertThat(lines).hasSize(8);
  }

  @Test
  void exposure_customerFilter() throws IOException {
    importDemo();
    JsonNode doc = json.readTree(cli.run("exposure", "3CX-2023-03", "--customer", "Meridian Capital Partners", "--format", "json").out());
    assertThat(doc.get("customers")).hasSize(1);
    assertThat(doc.get("customers").get(0).get("customer").asText()).isEqualTo("Meridian Capital Partners");
  }

  @Test
  void exposure_unknownIncident_exits3() throws IOException {
    importDemo();
    CliRun.Result r = cli.run("exposure", "NOPE-1");
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("unknown incident 'NOPE-1'");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void exposure_unknownCustomer_exits3() throws IOException {
    importDemo();
    assertThat(cli.run("exposure", "3CX-2023-03", "--customer", "Nobody Ltd").exit()).isEqualTo(ExitCodes.REJECTED);
  }

  @Test
  void unknownCommandOrOption_exits2() {
    assertThat(cli.run("frobnicate").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("exposure", "X", "--colour").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("exposure", "X", "--format", "yaml").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void import_reimportOfSameContent_changesNothing() throws IOException {
    importDemo();
    String before = cli.run("exposure", "3CX-2023-03", "--all", "--format", "json").out();
    CliRun.Result again = cli.run("import", demoFile2("inventory.csv").toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("unchanged");
    assertThat(cli.run("exposure", "3CX-2023-03", "--all", "--format", "json").out()).isEqualTo(before);
  }

  private Path demoFile2(String name) throws IOException {
    Path copyDir = Files.createDirectories(dir.resolve("again"));
    Path target = copyDir.resolve(name);
    Files.copy(dir.resolve(name), target);
    return target;
  }

  @Test
  void import_badRow_exits3_namesFileAndLine_andImportsNothing() throws IOException {
    Path bad = write("bad-inventory.csv", "customer,asset,platform,vendor,product,version\n"
        + "Acme,host-1,windows,3CX,3CX Desktop App,18.12.416\n"
        + "Acme,host-2,beos,3CX,3CX Desktop App,18.12.416\n");
    CliRun.Result r = cli.run("import", bad.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("bad-inventory.csv").contains("line 3");
    assertThat(r.err().lines().count()).isEqualTo(1);
    // Nothing of the file arrived: the first, valid row is not there either.
    importAdvisoryOnly();
    JsonNode doc = json.readTree(cli.run("exposure", "3CX-2023-03", "--all", "--format", "json").out());
    assertThat(doc.get("customers")).isEmpty();
  }

  private void importAdvisoryOnly() throws IOException {
    assertThat(cli.run("import", demoFile("3cx-2023-03.yaml").toString()).exit()).isZero();
  }

  @Test
  void import_dryRun_validatesAndStoresNothing() throws IOException {
    CliRun.Result r = cli.run("import", "--dry-run", demoFile("inventory.csv").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("valid, would import");
    importAdvisoryOnly();
    JsonNode doc = json.readTree(cli.run("exposure", "3CX-2023-03", "--all", "--format", "json").out());
    assertThat(doc.get("customers")).isEmpty();
  }

  @Test
  void import_unrecognisedFile_exits3() throws IOException {
    CliRun.Result r = cli.run("import", write("notes.txt", "just some notes\n").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("notes.txt").contains("--format");
  }

  @Test
  void import_missingFile_exits3() {
    CliRun.Result r = cli.run("import", dir.resolve("missing.csv").toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("missing.csv");
  }

  @Test
  void import_newerInventory_marksRemovedInstallations_andExposureForgetsThem() throws IOException {
    importDemo();
    Path newer = write("inventory-2023-04-10.csv", "customer,asset,platform,vendor,product,version\n"
        + "Meridian Capital Partners,mcp-ops-01,windows,3CX,3CX Desktop App,18.12.425\n");
    CliRun.Result r = cli.run("import", newer.toString());
    assertThat(r.out()).contains("1 removed installation");
    JsonNode doc = json.readTree(cli.run("exposure", "3CX-2023-03", "--customer", "Meridian Capital Partners", "--format", "json").out());
    assertThat(doc.get("customers")).isEmpty();
  }

  @Test
  void incidentsJson_hasContractFields() throws IOException {
    importDemo();
    JsonNode doc = json.readTree(cli.run("incidents", "--format", "json").out());
    JsonNode threeCx = null;
    for (JsonNode i : doc.get("incidents")) if (i.get("id").asText().equals("3CX-2023-03")) threeCx = i;
    assertThat(threeCx).isNotNull();
    assertThat(threeCx.get("title").asText()).isNotBlank();
    assertThat(threeCx.get("disclosed").asText()).isEqualTo("2023-03-29");
    assertThat(threeCx.get("caused_by").asText()).isEqualTo("XTRADER-2022");
    JsonNode a = threeCx.get("attribution").get(2);
    assertThat(a.get("actor").asText()).isEqualTo("UNC4736");
    assertThat(a.get("aliases")).isNotEmpty();
    assertThat(a.get("confidence").asInt()).isEqualTo(85);
    assertThat(a.get("source").asText()).isNotBlank();
    assertThat(a.get("date").asText()).isEqualTo("2023-04-11");
  }

  @Test
  void demo_printsTheThreeCxExposure() {
    CliRun.Result r = cli.run("demo");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("Summary: 3 customers, 7 assets, 7 installations (6 affected, 1 unknown)")
        .contains("XTRADER-2022 > 3CX-2023-03");
  }

  private Path resource(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/cli/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  @Test
  void csafAdvisory_importedInsteadOfYaml_givesTheWindowsExposure() throws IOException {
    for (String f : List.of("customers.csv", "inventory.csv")) assertThat(cli.run("import", demoFile(f).toString()).exit()).isZero();
    CliRun.Result imported = cli.run("import", resource("3cx-2023-03.csaf.json").toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("advisory/csaf");
    JsonNode doc = json.readTree(cli.run("exposure", "3CX-2023-03", "--format", "json").out());
    List<String> assets = new ArrayList<>();
    for (JsonNode c : doc.get("customers")) for (JsonNode a : c.get("assets")) assets.add(a.get("asset").asText() + "=" + a.get("status").asText());
    assertThat(assets).contains("nb-reception-01=affected", "nb-sales-07=affected", "mcp-ops-01=affected")
        .doesNotContain("nb-support-03=affected");
  }

  @Test
  void sbomImport_ofAnAsset_needsCustomerAndAsset_andItsComponentsAreExposed() throws IOException {
    importAdvisoryOnly();
    Path sbom = resource("softphone.cdx.json");
    // Without both options an SBOM is a vendor's SBOM of its product (trust-graph edges), not an asset's inventory.
    assertThat(cli.run("import", "--customer", "Acme", sbom.toString()).exit()).isEqualTo(ExitCodes.USAGE);
    // Without --customer and --asset an SBOM is a vendor's SBOM of its product: trust edges, not installations.
    CliRun.Result vendorSbom = cli.run("import", "--dry-run", sbom.toString());
    assertThat(vendorSbom.exit()).as(vendorSbom.err()).isZero();
    assertThat(vendorSbom.out()).contains("2 trust edges").doesNotContain("installations");
    CliRun.Result r = cli.run("import", "--customer", "Acme", "--asset", "reception-ws", sbom.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("sbom/cyclonedx");
    JsonNode doc = json.readTree(cli.run("exposure", "3CX-2023-03", "--format", "json").out());
    JsonNode row = doc.get("customers").get(0).get("assets").get(0);
    assertThat(row.get("asset").asText()).isEqualTo("reception-ws");
    assertThat(row.get("status").asText()).isEqualTo("affected");
  }

  @Test
  void database_fromEnvironment_whenNoDbOption() throws IOException {
    java.io.StringWriter out = new java.io.StringWriter();
    String url = "jdbc:sqlite:" + dir.resolve("from-env.db");
    int exit = Main.run(new String[] {"init"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
        java.util.Map.of("CHAINWATCH_DB", url), CliRun.CLOCK);
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("from-env.db");
    assertThat(dir.resolve("from-env.db")).exists();
  }

  @Test
  void database_unsupportedUrl_exits1WithOneSentence() {
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = Main.run(new String[] {"--db", "jdbc:mysql://localhost/x?password=secret", "incidents"}, new java.io.PrintWriter(new java.io.StringWriter(), true),
        new java.io.PrintWriter(err, true), java.util.Map.of(), CliRun.CLOCK);
    assertThat(exit).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).contains("unsupported database URL").doesNotContain("secret");
  }
}
