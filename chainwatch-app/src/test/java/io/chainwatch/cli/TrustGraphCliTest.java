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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust graph from the command line: exposure through edges, blast radius, fourth parties, pictures (issue 3). */
class TrustGraphCliTest {
  @TempDir Path dir;
  CliRun cli;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() {
    cli = new CliRun(dir);
  }

  void importDemo() throws IOException {
    for (String f : DemoCommand.FILES) {
      Path target = dir.resolve(f);
      try (InputStream in = getClass().getResourceAsStream("/demo/3cx/" + f)) {
        Files.copy(in, target);
      }
      ok("import", target.toString());
    }
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  String ok(String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }

  /** asset → "status confidence path". */
  Map<String, String> rows(String jsonText, String subjectField, String subject) throws IOException {
    JsonNode doc = json.readTree(jsonText);
    assertThat(doc.get(subjectField).asText()).isEqualTo(subject);
    Map<String, String> rows = new TreeMap<>();
    for (JsonNode c : doc.get("customers")) {
      for (JsonNode a : c.get("assets")) {
        List<String> path = new ArrayList<>();
        a.get("path").forEach(n -> path.add(n.asText()));
        assertThat(rows.put(a.get("asset").asText(), a.get("status").asText() + " " + a.get("confidence").asInt() + " " + String.join(" → ", path)))
            .as("an installation appears once").isNull();
      }
    }
    return rows;
  }

  @Test
  void demo_exposureToXtrader_showsBothIncidentsCustomers_withFullPaths() throws IOException {
    importDemo();
    Map<String, String> rows = rows(ok("exposure", "XTRADER-2022", "--format", "json"), "incident", "XTRADER-2022");
    assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of(
        "mcp-trade-01", "affected 90 incident:XTRADER-2022 → release:Trading Technologies/X_TRADER@7.17.90p608#windows",
        "mcp-ops-01", "affected 100 incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.12.416#windows",
        "nb-reception-01", "affected 100 incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.12.416#windows",
        "nb-sales-07", "affected 100 incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.12.407#windows",
        "nb-ceo-mbp", "affected 100 incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.11.1213#macos",
        "nb-eng-mac-02", "affected 100 incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.12.402#macos",
        "hf-yard-mac", "affected 100 incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.12.416#macos",
        // Version-level verdicts win over the graph: fixed 18.12.422/425 stay hidden, the unknown version and the
        // Phone System, which no advisory names, are potential through vendor:3CX.
        "hf-dispatch-02", "potential 90 incident:XTRADER-2022 → product:Trading Technologies/X_TRADER → vendor:3CX → product:3CX Ltd/3CX Desktop App",
        "nb-pbx-01", "potential 90 incident:XTRADER-2022 → product:Trading Technologies/X_TRADER → vendor:3CX → release:3CX/3CX Phone System@18.0.4.965#linux"));
  }

  @Test
  void demo_blastRadiusOfTradingTechnologies_listsEveryoneReachableThrough3cx_rankedByCriticalityTimesConfidence() throws IOException {
    importDemo();
    String out = ok("blast-radius", "--vendor", "Trading Technologies", "--format", "json");
    Map<String, String> rows = rows(out, "subject", "vendor:Trading Technologies");
    assertThat(rows).hasSize(14);
    assertThat(rows.get("mcp-trade-02")).isEqualTo("affected 100 vendor:Trading Technologies → release:Trading Technologies/X_TRADER@7.17.90#windows");
    assertThat(rows.get("fj-dev-mbp-01")).isEqualTo("potential 90 vendor:Trading Technologies → vendor:3CX → release:3CX Ltd/3CX Desktop App@18.12.422#macos");
    assertThat(rows.values()).allMatch(v -> v.startsWith("affected") || v.contains("→ vendor:3CX →"));
    JsonNode customers = json.readTree(out).get("customers");
    List<String> order = new ArrayList<>();
    customers.forEach(c -> order.add(c.get("customer").asText()));
    assertThat(order).containsExactly("Northbridge Precision Engineering Ltd", "Meridian Capital Partners",
        "Harbour Freight Logistics BV", "Fjordline Analytics AS");
    assertThat(customers.get(1).get("assets").get(0).get("asset").asText()).isEqualTo("mcp-trade-02");
  }

  @Test
  void demo_fourthParties_ranksTradingTechnologiesSecond_through3cxStaffUse() throws IOException {
    importDemo();
    JsonNode doc = json.readTree(ok("fourth-parties", "--customer", "Northbridge Precision Engineering Ltd", "--format", "json"));
    JsonNode threeCx = null;
    for (JsonNode p : doc.get("providers")) if (p.get("vendor").asText().startsWith("3CX")) threeCx = p;
    assertThat(threeCx).isNotNull();
    assertThat(threeCx.get("rank").asInt()).isEqualTo(1);
    JsonNode tt = threeCx.get("providers").get(0);
    assertThat(tt.get("vendor").asText()).isEqualTo("Trading Technologies");
    assertThat(tt.get("rank").asInt()).isEqualTo(2);
    assertThat(tt.get("ties").get(0).asText()).startsWith("vendor:3CX staff-use product:Trading Technologies/X_TRADER (90%, valid 2022-04-01 to …");
    assertThat(ok("fourth-parties", "--customer", "Northbridge Precision Engineering Ltd")).contains("  [rank 2] Trading Technologies");
    assertThat(cli.run("fourth-parties", "--customer", "Nobody").exit()).isEqualTo(3);
  }

  /**
   * A graph not in the demo: S is compromised from 2023-01-01 to 2023-01-31.
   * A depends on S (80 %), B on A (50 %) and on S directly (30 %): B's best is 80 × 50 = 40 % over two hops.
   * C and A depend on each other (a cycle, 90 %): C gets 72 %, A keeps 80 %. D's edge ended before the window, E's
   * started after it: neither is reached. F depends on S at 50 % and G on F at 50 %; G is also reached through the
   * release of S 1.0 only: the release edge counts for a product compromise (hierarchy).
   */
  @Test
  void graphNotInTheDemo_exactAnswers_cyclesWindowsAndConfidenceProducts() throws IOException {
    ok("import", write("customers.csv", "customer,criticality\nBig,5\nSmall,1\n").toString());
    ok("import", write("inventory.csv", "customer,asset,platform,vendor,product,version\n"
        + "Big,a1,windows,A,App,1\nBig,b1,windows,B,Bee,2\nSmall,c1,linux,C,Sea,3\nSmall,d1,linux,D,Dee,4\n"
        + "Small,e1,linux,E,Eee,5\nBig,g1,windows,G,Gee,6\nBig,s1,windows,S,Core,1.0\n").toString());
    ok("import", write("s.yaml", "id: S-1\ntitle: S Core compromised\ndisclosed: 2023-02-01\n"
        + "compromise_window: {from: 2023-01-01, to: 2023-01-31}\n"
        + "affected:\n  - {vendor: S, product: Core, platform: any, versions: \"vers:generic/1.0\"}\n").toString());
    ok("import", write("edges.csv", "from,relation,to,confidence,valid_from,valid_to,source\n"
        + "vendor:A,bundles,product:S/Core,80,,,\n"
        + "product:B/Bee,bundles,vendor:A,50,,,\n"
        + "product:B/Bee,bundles,product:S/Core,30,,,\n"
        + "vendor:C,built-with,vendor:A,90,,,\n"
        + "vendor:A,built-with,vendor:C,90,,,\n"
        + "vendor:D,hosted-by,product:S/Core,100,2020-01-01,2022-12-31,\n"
        + "vendor:E,updates-via,product:S/Core,100,2023-02-01,,\n"
        + "vendor:G,bundles,release:S/Core@1.0,60,2023-01-31,,\n").toString());

    Map<String, String> rows = rows(ok("exposure", "S-1", "--format", "json"), "incident", "S-1");
    assertThat(rows).containsExactlyInAnyOrderEntriesOf(Map.of(
        "s1", "affected 100 incident:S-1 → release:S/Core@1.0#windows",
        "a1", "potential 80 incident:S-1 → product:S/Core → vendor:A → release:A/App@1#windows",
        "b1", "potential 40 incident:S-1 → product:S/Core → vendor:A → product:B/Bee → release:B/Bee@2#windows",
        "c1", "potential 72 incident:S-1 → product:S/Core → vendor:A → vendor:C → release:C/Sea@3#linux",
        "g1", "potential 60 incident:S-1 → product:S/Core → vendor:G → release:G/Gee@6#windows"));

    // The what-if takes every edge whatever its window, ranked by criticality × confidence.
    String whatIf = ok("blast-radius", "--product", "S/Core", "--format", "json");
    Map<String, String> all = rows(whatIf, "subject", "product:S/Core");
    assertThat(all.keySet()).containsExactlyInAnyOrder("s1", "a1", "b1", "c1", "d1", "e1", "g1");
    assertThat(all.get("d1")).isEqualTo("potential 100 product:S/Core → vendor:D → release:D/Dee@4#linux");
    assertThat(rows(ok("blast-radius", "--product", "S/Core", "--at", "2023-03-01", "--format", "json"), "subject", "product:S/Core").keySet())
        .containsExactlyInAnyOrder("s1", "a1", "b1", "c1", "e1", "g1");
    assertThat(rows(ok("blast-radius", "--product", "S/Core", "--version", "2.0", "--format", "json"), "subject", "release:S/Core@2.0").keySet())
        .as("S 2.0 is not the release G bundles, and nobody runs it").containsExactlyInAnyOrder("a1", "b1", "c1", "d1", "e1");
  }

  /**
   * A vendor's own SBOM (imported without --customer/--asset) ties its release to every component it needs: zlib sits
   * two levels down the dependency graph of Acme Portal 4.2, so a zlib incident reaches the customer running 4.2, not
   * the one running 4.1, which the SBOM does not describe.
   */
  @Test
  void vendorSbom_componentIncident_reachesCustomersOfTheBundlingRelease_withThePath() throws IOException {
    ok("import", write("inventory.csv", "customer,asset,platform,vendor,product,version\n"
        + "Big,a1,windows,Acme,Portal,4.2\nSmall,b1,linux,Acme,Portal,4.1\n").toString());
    String bom = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,"
        + "\"metadata\":{\"component\":{\"type\":\"application\",\"bom-ref\":\"portal\",\"supplier\":{\"name\":\"Acme\"},"
        + "\"name\":\"Portal\",\"version\":\"4.2\"}},"
        + "\"components\":[{\"type\":\"library\",\"bom-ref\":\"fw\",\"supplier\":{\"name\":\"WebCo\"},\"name\":\"Framework\",\"version\":\"3.0\"},"
        + "{\"type\":\"library\",\"bom-ref\":\"z\",\"purl\":\"pkg:generic/zlib/zlib@1.2.13\",\"name\":\"zlib\",\"version\":\"1.2.13\"}],"
        + "\"dependencies\":[{\"ref\":\"portal\",\"dependsOn\":[\"fw\"]},{\"ref\":\"fw\",\"dependsOn\":[\"z\"]},{\"ref\":\"z\",\"dependsOn\":[]}]}";
    Path sbom = write("portal-4.2.cdx.json", bom);
    assertThat(ok("import", sbom.toString())).contains("2 trust edges");
    ok("import", write("z.yaml", "id: Z-1\ntitle: zlib backdoored\ndisclosed: 2024-03-29\n"
        + "affected:\n  - {vendor: zlib, product: zlib, platform: any, versions: \"vers:generic/1.2.13\"}\n").toString());

    assertThat(rows(ok("exposure", "Z-1", "--format", "json"), "incident", "Z-1")).containsExactlyEntriesOf(Map.of(
        "a1", "potential 100 incident:Z-1 → product:zlib/zlib → release:Acme/Portal@4.2 → release:Acme/Portal@4.2#windows"));
    assertThat(rows(ok("blast-radius", "--vendor", "WebCo", "--format", "json"), "subject", "vendor:WebCo")).containsExactlyEntriesOf(Map.of(
        "a1", "potential 100 vendor:WebCo → release:Acme/Portal@4.2 → release:Acme/Portal@4.2#windows"));
  }

  /** Version precision on the component: a release bundling a fixed zlib is not exposed; an unknown version says why. */
  @Test
  void componentIncident_fixedComponentCarriesNothing_andAnUnknownInstalledVersionCarriesANote() throws IOException {
    ok("import", write("inventory.csv", "customer,asset,platform,vendor,product,version\n"
        + "Big,a1,windows,Acme,Portal,4.2\nSmall,b1,linux,Acme,Portal,4.1\nMid,c1,windows,Acme,Portal,\n").toString());
    ok("import", write("edges.csv", "from,relation,to,confidence,valid_from,valid_to,source\n"
        + "release:Acme/Portal@4.2,bundles,release:zlib/zlib@1.2.13,100,,,sbom\n"
        + "release:Acme/Portal@4.1,bundles,release:zlib/zlib@1.2.14,100,,,sbom\n").toString());
    ok("import", write("z.yaml", "id: Z-1\ntitle: zlib backdoored\ndisclosed: 2024-03-29\n"
        + "affected:\n  - {vendor: zlib, product: zlib, platform: any, versions: \"vers:generic/1.2.13\"}\n"
        + "fixed:\n  - {vendor: zlib, product: zlib, platform: any, versions: \"vers:generic/>=1.2.14\"}\n").toString());

    String out = ok("exposure", "Z-1", "--format", "json");
    assertThat(rows(out, "incident", "Z-1")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "a1", "potential 100 incident:Z-1 → product:zlib/zlib → release:Acme/Portal@4.2 → release:Acme/Portal@4.2#windows",
        "c1", "potential 100 incident:Z-1 → product:zlib/zlib → release:Acme/Portal@4.2 → product:Acme/Portal"));
    Map<String, String> notes = new TreeMap<>();
    for (JsonNode c : json.readTree(out).get("customers")) {
      for (JsonNode a : c.get("assets")) notes.put(a.get("asset").asText(), a.has("note") ? a.get("note").asText() : "-");
    }
    assertThat(notes).containsExactlyEntriesOf(new TreeMap<>(Map.of("a1", "-",
        "c1", "installed version unknown: release:Acme/Portal@4.2 is reached, other releases of Acme/Portal may not be")));
  }

  @Test
  void badTrustEdges_exit3_withFileAndLine_andNothingImported() throws IOException {
    String[] bad = {
        "vendor:A,bundles,component:B,50,,,", "vendor:A,trusts,vendor:B,50,,,", "vendor:A,bundles,vendor:B,150,,,",
        "vendor:A,bundles,vendor:B,50,2023-02-01,2023-01-01,", "vendor:A Inc,bundles,vendor:a,50,,,"};
    for (String row : bad) {
      Path f = write("edges.csv", "from,relation,to,confidence,valid_from,valid_to,source\nvendor:X,bundles,vendor:Y,10,,,\n" + row + "\n");
      CliRun.Result r = cli.run("import", f.toString());
      assertThat(r.exit()).as(row).isEqualTo(3);
      assertThat(r.err()).as(row).contains("edges.csv: line 3: ");
    }
    ok("import", write("inventory.csv", "customer,asset,platform,vendor,product,version\nC,h,windows,X,Tool,1\n").toString());
    assertThat(json.readTree(ok("blast-radius", "--vendor", "Y", "--format", "json")).get("customers")).isEmpty();
  }

  @Test
  void pictures_dotAndMermaid_showEveryHop_andEscapeLabels() throws IOException {
    importDemo();
    String dot = ok("exposure", "XTRADER-2022", "--format", "dot");
    assertThat(dot).startsWith("digraph exposure {").contains("[label=\"vendor:3CX\"]")
        .contains("[label=\"product:Trading Technologies/X_TRADER\"]").contains("customer:Meridian Capital Partners (criticality 4)").endsWith("}\n");
    // The arrow from X_TRADER to 3CX is the staff-use edge that carried the compromise, labelled with it.
    assertThat(dot).containsPattern("n\\d+ -> n\\d+ \\[label=\"staff-use 90%\"\\];");
    String mermaid = ok("blast-radius", "--vendor", "Trading Technologies", "--format", "mermaid");
    assertThat(mermaid).startsWith("flowchart LR\n").contains("[\"vendor:3CX\"]").contains("#35;macos").doesNotContain("\"vendor:3CX\"]\"")
        .contains("-->|\"staff-use 90#37;\"|");
    assertThat(PathGraphView.dotQuote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c d\"");
    assertThat(PathGraphView.mermaidText("x\"]; click")).isEqualTo("x#34;#93;#59; click");
  }
}
