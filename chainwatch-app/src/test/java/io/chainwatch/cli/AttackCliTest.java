package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MITRE ATT&CK as STIX: campaigns and groups link to incidents that reference them; the threat model uses them. */
class AttackCliTest {
  @TempDir Path dir;
  CliRun cli;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    Path bundle = dir.resolve("attack-mini.json");
    try (InputStream in = getClass().getResourceAsStream("/cli/attack/attack-mini.json")) {
      Files.copy(in, bundle);
    }
    ok("import", write("customers.csv", "customer,sector,country,criticality\nAcme Bank,finance,UA,5\nShop,retail,FR,2\n").toString());
    ok("import", write("inventory.csv", "customer,asset,platform,vendor,product,version\n"
        + "Acme Bank,pc-1,windows,3CX,3CX Desktop App,18.12.416\n"
        + "Acme Bank,pc-2,windows,SolarWinds,Orion Platform,2020.2.1\n"
        + "Shop,till-1,windows,Microsoft,Edge,120.0\n").toString());
    ok("import", write("3cx.yaml", "id: 3CX-2023-03\ntitle: 3CX Desktop App trojanised installers\ndisclosed: 2023-03-29\n"
        + "affected:\n  - {vendor: 3CX, product: 3CX Desktop App, platform: windows, versions: \"vers:generic/18.12.407|18.12.416\"}\n"
        + "references: [\"https://attack.mitre.org/campaigns/C0057/\"]\n").toString());
    ok("import", write("solarwinds.yaml", "id: SUNBURST-2020\ntitle: SolarWinds Orion SUNBURST\ndisclosed: 2020-12-13\n"
        + "affected:\n  - {vendor: SolarWinds, product: Orion Platform, versions: \"vers:generic/>=2019.4|<=2020.2.1\"}\n"
        + "references: [\"C0024\", \"https://attack.mitre.org/techniques/T1195/002/\"]\n").toString());
    ok("import", write("notpetya.yaml", "id: NOTPETYA-2017\ntitle: M.E.Doc update delivers NotPetya\ndisclosed: 2017-06-27\n"
        + "affected:\n  - {vendor: Intellect Service, product: M.E.Doc, versions: \"vers:generic/<10.01.190\"}\n"
        + "attribution:\n  - {actor: Sandworm Team, confidence: 85, source: ESET, date: 2017-06-30}\n"
        + "references: [\"G0034\"]\n").toString());
    ok("import", bundle.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private String ok(String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out();
  }

  private JsonNode incident(String id) throws IOException {
    for (JsonNode i : json.readTree(ok("incidents", "--format", "json")).get("incidents")) if (i.get("id").asText().equals(id)) return i;
    throw new AssertionError(id + " not listed");
  }

  @Test
  void import_attackBundle_linksIncidentsByTheirAttackReferences() throws IOException {
    JsonNode threeCx = incident("3CX-2023-03");
    assertThat(threeCx.get("attack").toString()).isEqualTo("[\"campaign:3CX Supply Chain Attack\"]");
    assertThat(threeCx.get("attribution")).anySatisfy(a -> {
      assertThat(a.get("actor").asText()).isEqualTo("AppleJeus");
      assertThat(a.get("source").asText()).isEqualTo("The MITRE Corporation");
      assertThat(a.get("confidence").asInt()).isEqualTo(85);
    });
    JsonNode sunburst = incident("SUNBURST-2020");
    assertThat(sunburst.get("attack").toString()).isEqualTo("[\"campaign:SolarWinds Compromise\",\"technique:T1195.002\"]");
    assertThat(sunburst.get("attribution")).anySatisfy(a -> assertThat(a.get("actor").asText()).isEqualTo("APT29"));
    assertThat(incident("NOTPETYA-2017").get("attack").toString()).isEqualTo("[\"actor:Sandworm Team\"]");
  }

  @Test
  void intelActor_unc4736_showsTheAppleJeusClusterWithThe3cxIncident() throws IOException {
    JsonNode a = json.readTree(ok("intel", "actor", "UNC4736", "--format", "json"));
    assertThat(a.get("actor").asText()).isEqualTo("AppleJeus");
    assertThat(a.get("attack_id").asText()).isEqualTo("G1049");
    assertThat(a.get("aliases").toString()).contains("Citrine Sleet", "UNC4736", "Gleaming Pisces");
    assertThat(a.get("incidents").toString()).isEqualTo("[\"3CX-2023-03\"]");
    String table = ok("intel", "actor", "UNC4736");
    assertThat(table).contains("AppleJeus (G1049)").contains("3CX Supply Chain Attack → AppleJeus");
  }

  @Test
  void intelActor_sandworm_usesSoftwareSupplyChainCompromise() throws IOException {
    JsonNode a = json.readTree(ok("intel", "actor", "Seashell Blizzard", "--format", "json"));
    assertThat(a.get("actor").asText()).isEqualTo("Sandworm Team");
    assertThat(a.get("supply_chain").asBoolean()).isTrue();
    assertThat(a.get("incidents").toString()).isEqualTo("[\"NOTPETYA-2017\"]");
  }

  @Test
  void threatModel_listsCapableActorsSuppliersWithIncidentsAndOpenExposures() throws IOException {
    JsonNode m = json.readTree(ok("threat-model", "--customer", "Acme Bank", "--format", "json"));
    assertThat(m.get("customer").asText()).isEqualTo("Acme Bank");
    StringBuilder actors = new StringBuilder();
    for (JsonNode a : m.get("actors")) actors.append(a.get("actor").asText()).append(": ").append(a.get("capability")).append('\n');
    assertThat(actors.toString()).isEqualTo(
        "AppleJeus: [\"campaign 3CX Supply Chain Attack (C0057) uses T1195\",\"attributed: 3CX-2023-03\"]\n"
            + "APT29: [\"campaign SolarWinds Compromise (C0024) uses T1195\",\"attributed: SUNBURST-2020\"]\n"
            + "Sandworm Team: [\"uses T1195 (Supply Chain Compromise)\",\"attributed: NOTPETYA-2017\"]\n");
    assertThat(m.get("actors").get(0).get("targets").asText()).isEqualTo("unknown");
    assertThat(m.get("suppliers").toString()).contains("\"vendor\":\"3CX\"").contains("\"incidents\":[\"3CX-2023-03\"]")
        .contains("\"vendor\":\"SolarWinds\"").doesNotContain("Intellect");
    assertThat(m.get("exposures")).hasSize(2);
    assertThat(m.get("exposures").get(0).get("incident").asText()).isIn("3CX-2023-03", "SUNBURST-2020");
    assertThat(m.get("exposures")).allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("affected"));
  }

  @Test
  void threatModel_table_readsAsSections() {
    String out = ok("threat-model", "--customer", "Acme Bank");
    assertThat(out).contains("Threat model of Acme Bank (sector finance, country UA, criticality 5)")
        .contains("Actors with supply-chain capability:").contains("AppleJeus (G1049) — targeting unknown")
        .contains("Suppliers with incidents:").contains("[rank 1] 3CX: 3CX-2023-03").contains("Open exposures:");
  }

  @Test
  void threatModel_unknownCustomer_exits3() {
    assertThat(cli.run("threat-model", "--customer", "Nobody").exit()).isEqualTo(3);
  }
}
