package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report INCIDENT --format stix}: a STIX 2.1 bundle of indicators, attributions and portfolio sightings. */
class ReportStixCliTest {
  @TempDir Path dir;
  CliRun cli;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    ok("import", write("customers.csv", "customer,sector,country,criticality\nAcme Bank,finance,DE,5\nShop,retail,FR,2\n").toString());
    ok("import", write("3cx.yaml", "id: 3CX-2023-03\ntitle: 3CX Desktop App trojanised installers\ndisclosed: 2023-03-29\n"
        + "affected:\n  - {vendor: 3CX, product: 3CX Desktop App, platform: windows, versions: \"vers:generic/18.12.407|18.12.416\"}\n"
        + "attribution:\n  - {actor: UNC4736, confidence: 85, source: Mandiant, date: 2023-04-11}\n"
        + "indicators:\n  - {type: domain, value: \"akamaicontainer[.]com\"}\n"
        + "  - {type: url-prefix, value: \"hxxps://raw.githubusercontent[.]com/IconStorages/images/main/\"}\n"
        + "  - {type: sha256, value: \"59E1EDF4D82FAE4978E97512B0331B7EB21DD4B838B850BA46794D9C7A2C0983\"}\n"
        + "references: [\"https://www.3cx.com/blog/news/desktopapp-security-alert/\"]\n").toString());
    String indicator = "indicator--1c4b1e46-6bd4-4b9c-9e2c-1b8b4f0c0001";
    ok("import", write("sightings.json", "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
        + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + indicator + "\",\"created\":\"2023-03-30T00:00:00Z\","
        + "\"modified\":\"2023-03-30T00:00:00Z\",\"valid_from\":\"2023-03-30T00:00:00Z\",\"pattern_type\":\"stix\","
        + "\"pattern\":\"[domain-name:value = 'akamaicontainer.com']\"},"
        + "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--0f6b5d0e-4e2b-4c5e-9d4f-1a2b3c4d5e6f\","
        + "\"created\":\"2023-03-30T00:00:00Z\",\"modified\":\"2023-03-30T00:00:00Z\",\"name\":\"Acme Bank\",\"identity_class\":\"organization\"},"
        + "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"identity--0f6b5d0e-4e2b-4c5e-9d4f-1a2b3c4d5e70\","
        + "\"created\":\"2023-03-30T00:00:00Z\",\"modified\":\"2023-03-30T00:00:00Z\",\"name\":\"Somebody Else\",\"identity_class\":\"organization\"},"
        + "{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"sighting--7b9f1a3c-2d4e-4f5a-8b6c-9d0e1f2a3b41\","
        + "\"created\":\"2023-03-30T00:00:00Z\",\"modified\":\"2023-03-30T00:00:00Z\",\"sighting_of_ref\":\"" + indicator + "\","
        + "\"where_sighted_refs\":[\"identity--0f6b5d0e-4e2b-4c5e-9d4f-1a2b3c4d5e6f\"],\"count\":3,"
        + "\"first_seen\":\"2023-03-22T10:01:02Z\",\"last_seen\":\"2023-03-23T10:01:02Z\"},"
        + "{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"sighting--7b9f1a3c-2d4e-4f5a-8b6c-9d0e1f2a3b42\","
        + "\"created\":\"2023-03-30T00:00:00Z\",\"modified\":\"2023-03-30T00:00:00Z\",\"sighting_of_ref\":\"" + indicator + "\","
        + "\"where_sighted_refs\":[\"identity--0f6b5d0e-4e2b-4c5e-9d4f-1a2b3c4d5e70\"]}]}").toString(),
        "--incident", "3CX-2023-03");
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

  private static JsonNode ofType(JsonNode bundle, String type) {
    for (JsonNode o : bundle.get("objects")) if (o.get("type").asText().equals(type)) return o;
    throw new AssertionError("no " + type);
  }

  @Test
  void stix_bundleHoldsIndicatorsAttributionsAndTheCustomersSighting() throws IOException {
    JsonNode b = json.readTree(ok("report", "3CX-2023-03", "--format", "stix"));
    assertThat(b.get("type").asText()).isEqualTo("bundle");
    Set<String> patterns = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode o : b.get("objects")) {
      assertThat(o.get("id").asText()).matches("[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat(ids.add(o.get("id").asText())).as("unique id " + o.get("id")).isTrue();
      assertThat(o.get("spec_version").asText()).isEqualTo("2.1");
      if (o.has("pattern")) patterns.add(o.get("pattern").asText());
    }
    assertThat(patterns).containsExactlyInAnyOrder("[domain-name:value = 'akamaicontainer.com']",
        "[url:value LIKE 'https://raw.githubusercontent.com/IconStorages/images/main/%']",
        "[file:hashes.'SHA-256' = '59e1edf4d82fae4978e97512b0331b7eb21dd4b838b850ba46794d9c7a2c0983']");
    JsonNode attribution = ofType(b, "intrusion-set");
    assertThat(attribution.get("name").asText()).isEqualTo("UNC4736");
    assertThat(b.toString()).contains("\"relationship_type\":\"attributed-to\"").contains("\"confidence\":85")
        .contains("\"name\":\"Mandiant\"");
    JsonNode sighting = ofType(b, "sighting");
    assertThat(sighting.get("count").asInt()).isEqualTo(3);
    assertThat(sighting.get("object_marking_refs").toString()).contains("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82");
    String where = sighting.get("where_sighted_refs").get(0).asText();
    boolean found = false;
    for (JsonNode o : b.get("objects")) {
      if (o.get("id").asText().equals(where)) {
        assertThat(o.get("name").asText()).isEqualTo("Acme Bank");
        assertThat(o.get("object_marking_refs").get(0).asText()).isEqualTo("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82");
        found = true;
      }
    }
    assertThat(found).isTrue();
    assertThat(b.toString()).doesNotContain("Somebody Else");
  }

  @Test
  void stix_isDeterministic_andIdsAreUuidV5() throws IOException {
    String first = ok("report", "3CX-2023-03", "--format", "stix");
    assertThat(ok("report", "3CX-2023-03", "--format", "stix")).isEqualTo(first);
    for (JsonNode o : json.readTree(first).get("objects")) {
      if (o.get("type").asText().equals("marking-definition")) continue;
      assertThat(o.get("id").asText().split("--")[1].charAt(14)).as(o.get("id").asText()).isEqualTo('5');
    }
  }

  @Test
  void stix_anonymise_replacesCustomerNamesByStablePseudonyms() throws IOException {
    String out = ok("report", "3CX-2023-03", "--format", "stix", "--anonymise");
    assertThat(out).doesNotContain("Acme Bank").containsPattern("customer-[0-9a-f]{10}");
    assertThat(ok("report", "3CX-2023-03", "--format", "stix", "--anonymise", "--customer", "Acme Bank"))
        .containsPattern("customer-[0-9a-f]{10}");
    JsonNode other = json.readTree(ok("report", "3CX-2023-03", "--format", "stix", "--customer", "Shop"));
    assertThat(other.toString()).doesNotContain("\"type\":\"sighting\"");
  }

  @Test
  void stix_outputFile_importsBackAsValidStix() throws IOException {
    Path file = dir.resolve("out/report.json");
    Files.createDirectories(file.getParent());
    ok("report", "3CX-2023-03", "--format", "stix", "-o", file.toString());
    assertThat(Files.readString(file)).startsWith("{");
    CliRun fresh = new CliRun(Files.createDirectories(dir.resolve("fresh")));
    CliRun.Result r = fresh.run("import", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("intel/stix");
  }

  @Test
  void anonymise_withAnotherFormat_isAUsageError() {
    CliRun.Result r = cli.run("report", "3CX-2023-03", "--format", "md", "--anonymise");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--anonymise applies to --format stix only");
  }

  @Test
  void unknownIncidentOrCustomer_exits3() {
    assertThat(cli.run("report", "NOPE", "--format", "stix").exit()).isEqualTo(3);
    assertThat(cli.run("report", "3CX-2023-03", "--format", "stix", "--customer", "Nobody").exit()).isEqualTo(3);
  }
}
