package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intelligence from outside: 3CX indicators from a native advisory, a STIX bundle and a MISP event become one set. */
class IntelCliTest {
  @TempDir Path dir;
  CliRun cli;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    importFile("3cx.yaml");
    importFile("3cx-stix.json", "--incident", "3CX-2023-03");
    importFile("3cx-misp.json", "--incident", "3CX-2023-03");
  }

  private void importFile(String name, String... options) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/cli/intel/" + name)) {
      Files.copy(in, target);
    }
    String[] args = new String[options.length + 2];
    args[0] = "import";
    System.arraycopy(options, 0, args, 1, options.length);
    args[args.length - 1] = target.toString();
    CliRun.Result r = cli.run(args);
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private JsonNode jsonOf(CliRun.Result r) throws IOException {
    assertThat(r.exit()).as(r.err()).isZero();
    return json.readTree(r.out());
  }

  private static String compact(JsonNode indicators) {
    StringBuilder b = new StringBuilder();
    for (JsonNode i : indicators) {
      b.append(i.get("type").asText()).append(' ').append(i.get("value").asText()).append(' ')
          .append(i.get("incidents")).append(' ').append(i.get("sources")).append(' ').append(i.get("huntable")).append('\n');
    }
    return b.toString();
  }

  @Test
  void indicators_threeSourcesWithDifferentSpellings_endAsOneCleanSourcedSet() throws IOException {
    JsonNode doc = jsonOf(cli.run("indicators", "--format", "json"));
    assertThat(compact(doc.get("indicators"))).isEqualTo(
        "domain 3cx.com [\"3CX-2023-03\"] [\"3cx-stix.json\"] false\n"
            + "domain akamaicontainer.com [\"3CX-2023-03\"] [\"3cx.yaml\",\"3cx-stix.json\"] true\n"
            + "domain msstorageazure.com [\"3CX-2023-03\"] [\"3cx.yaml\",\"3cx-stix.json\",\"3cx-misp.json\"] true\n"
            + "filename 3CXDesktopApp-18.12.416.msi [\"3CX-2023-03\"] [\"3cx-misp.json\"] true\n"
            + "hostname akamaicontainer.com [\"3CX-2023-03\"] [\"3cx-misp.json\"] true\n"
            + "ipv4 104.21.16.1 [\"3CX-2023-03\"] [\"3cx-misp.json\"] false\n"
            + "pattern [file:name = 'ffmpeg.dll' AND file:size > 100000] [\"3CX-2023-03\"] [\"3cx-stix.json\"] false\n"
            + "sha256 59e1edf4d82fae4978e97512b0331b7eb21dd4b838b850ba46794d9c7a2c0983 [\"3CX-2023-03\"]"
            + " [\"3cx.yaml\",\"3cx-stix.json\",\"3cx-misp.json\"] true\n"
            + "url-prefix https://raw.githubusercontent.com/IconStorages/images/main/ [\"3CX-2023-03\"] [\"3cx.yaml\",\"3cx-stix.json\"] true\n");
    assertThat(doc.get("counts").toString())
        .isEqualTo("{\"indicators\":9,\"huntable\":6,\"hunt_matches\":5,\"per_incident\":{\"3CX-2023-03\":9}}");
  }

  /** A file name is kept as context, but no hunt matches it: the list must not say the hunt looks for it. */
  @Test
  void indicators_aFileName_isHuntableContext_thatTheHuntDoesNotMatch() throws IOException {
    JsonNode doc = jsonOf(cli.run("indicators", "--format", "json", "--type", "filename"));
    assertThat(doc.get("indicators").get(0).get("huntable").asBoolean()).isTrue();
    assertThat(doc.get("indicators").get(0).get("hunt_matches").asBoolean()).isFalse();
    String table = cli.run("indicators").out();
    assertThat(table).containsPattern("filename +3CXDesktopApp-18.12.416.msi +context: hunt does not match filenames");
    assertThat(table).contains("9 indicators, 6 huntable (1 context only, which hunt does not match)");
    assertThat(jsonOf(cli.run("indicators", "--format", "json", "--type", "url-prefix")).get("indicators").get(0)
        .get("hunt_matches").asBoolean()).isTrue();
  }

  @Test
  void indicators_notHuntable_carryTheReason() throws IOException {
    JsonNode doc = jsonOf(cli.run("indicators", "--format", "json", "--type", "ipv4"));
    assertThat(doc.get("indicators").get(0).get("reason").asText()).contains("to_ids is false");
    JsonNode revoked = jsonOf(cli.run("indicators", "--format", "json", "--type", "domain")).get("indicators").get(0);
    assertThat(revoked.get("value").asText()).isEqualTo("3cx.com");
    assertThat(revoked.get("revoked").asBoolean()).isTrue();
  }

  @Test
  void indicators_sourceFilter_byParserShortName() throws IOException {
    JsonNode doc = jsonOf(cli.run("indicators", "--format", "json", "--source", "misp"));
    assertThat(doc.get("indicators")).hasSize(5);
  }

  @Test
  void indicators_unknownIncident_exits3() {
    CliRun.Result r = cli.run("indicators", "--incident", "NOPE");
    assertThat(r.exit()).isEqualTo(3);
  }

  @Test
  void incidents_showAttributionsFromIntelWithAliases() throws IOException {
    JsonNode attribution = jsonOf(cli.run("incidents", "--format", "json")).get("incidents").get(0).get("attribution");
    assertThat(attribution).hasSize(3);
    assertThat(attribution.get(0).get("actor").asText()).isEqualTo("UNC4736");
    assertThat(attribution.get(1).get("actor").asText()).isEqualTo("Lazarus Group");
    assertThat(attribution.get(1).get("source").asText()).isEqualTo("ESET");
    assertThat(attribution.get(2).get("actor").asText()).isEqualTo("AppleJeus");
    assertThat(attribution.get(2).get("aliases").toString()).isEqualTo("[\"Citrine Sleet\",\"UNC4736\"]");
  }

  @Test
  void intelActor_byAlias_showsClusterAndTimeline() throws IOException {
    JsonNode a = jsonOf(cli.run("intel", "actor", "unc4736", "--format", "json"));
    assertThat(a.get("actor").asText()).isEqualTo("AppleJeus");
    assertThat(a.get("incidents").toString()).isEqualTo("[\"3CX-2023-03\"]");
    assertThat(a.get("timeline").get(0).get("source").asText()).isEqualTo("Mandiant");
    assertThat(a.get("timeline").get(0).get("date").asText()).isEqualTo("2023-04-11");
  }

  @Test
  void import_stixPatternSyntaxError_exits3WithPointer() throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"objects\":["
        + "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--1c4b1e46-6bd4-4b9c-9e2c-1b8b4f0c0009\","
        + "\"created\":\"2023-03-30T00:00:00Z\",\"modified\":\"2023-03-30T00:00:00Z\",\"valid_from\":\"2023-03-30T00:00:00Z\","
        + "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'x.com'\"}]}");
    CliRun.Result r = cli.run("import", bad.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("/objects/0/pattern").contains("expected ']'");
  }

  @Test
  void intelActor_knownOnlyFromAdvisories_showsTheAliasesTheAdvisoriesGave() throws IOException {
    // A database with no intelligence at all: the actor is known only from the advisory's attribution.
    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    CliRun only = new CliRun(fresh);
    Path advisory = fresh.resolve("xtrader.yaml");
    try (InputStream in = getClass().getResourceAsStream("/demo/3cx/xtrader-2022.yaml")) {
      Files.copy(in, advisory);
    }
    assertThat(only.run("import", advisory.toString()).exit()).isZero();
    JsonNode actor = jsonOf(only.run("intel", "actor", "UNC4736", "--format", "json"));
    List<String> aliases = new java.util.ArrayList<>();
    actor.get("aliases").forEach(a -> aliases.add(a.asText()));
    assertThat(aliases).contains("AppleJeus", "Citrine Sleet").doesNotContain("UNC4736");
  }
}
