package io.chainwatch.formats.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.CompromiseWindow;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.intel.Indicator;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.Containment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AdvisoryParserTest {
  private final AdvisoryParser parser = new AdvisoryParser();

  static byte[] resource(String name) throws IOException {
    try (InputStream in = AdvisoryParserTest.class.getResourceAsStream(name)) {
      if (in == null) throw new IOException("no test resource " + name);
      return in.readAllBytes();
    }
  }

  private RecordingSink parse(String text) throws IOException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private RecordingSink parse(byte[] bytes) throws IOException {
    RecordingSink sink = new RecordingSink();
    parser.parse(new Source("a.yaml", new ByteArrayInputStream(bytes), ImportOptions.defaults()), sink);
    return sink;
  }

  private Incident only(String text) throws IOException {
    RecordingSink sink = parse(text);
    assertThat(sink.incidents).hasSize(1);
    return sink.incidents.get(0);
  }

  private void rejects(String text, String message) {
    assertThatThrownBy(() -> parse(text)).isInstanceOf(InputRejected.class).hasMessage(message);
  }

  private boolean accepts(byte[] head) {
    return parser.accepts(new Head("x", Arrays.copyOf(head, Math.min(head.length, Head.SIZE))));
  }

  private boolean accepts(String head) {
    return accepts(head.getBytes(StandardCharsets.UTF_8));
  }

  /** A valid advisory head; tests append the part they are about. */
  private static final String HEAD = "id: X-1\ntitle: T\n";

  @Test
  void yaml_3cx_givesTheIncidentWithPerPlatformVersionSets() throws IOException {
    RecordingSink sink = parse(resource("3cx.yaml"));
    assertThat(sink.warnings).isEmpty();
    Incident incident = sink.incidents.get(0);
    assertThat(incident.id()).isEqualTo("3CX-2023-03");
    assertThat(incident.title()).isEqualTo("3CX Desktop App trojanised installers");
    assertThat(incident.disclosed()).isEqualTo(LocalDate.of(2023, 3, 29));
    assertThat(incident.causedBy()).isEqualTo("XTRADER-2022");
    assertThat(incident.compromiseWindow()).isEqualTo(new CompromiseWindow(LocalDate.of(2022, 12, 1), LocalDate.of(2023, 3, 29)));

    assertThat(incident.affected()).extracting(ProductVersions::platform, ProductVersions::versionsText).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Platform.WINDOWS, "vers:generic/18.12.407|18.12.416"),
        org.assertj.core.groups.Tuple.tuple(Platform.MACOS, "vers:generic/18.11.1213|18.12.402|18.12.407|18.12.416"));
    ProductVersions windows = incident.affected().get(0);
    ProductVersions macos = incident.affected().get(1);
    assertThat(windows.vendor()).isEqualTo("3CX");
    assertThat(windows.product()).isEqualTo("3CX Desktop App");
    assertThat(windows.contains("18.12.416", Platform.WINDOWS)).isEqualTo(Containment.IN);
    assertThat(windows.contains("18.12.416", Platform.MACOS)).isEqualTo(Containment.OUT);
    assertThat(windows.contains("18.11.1213", Platform.WINDOWS)).isEqualTo(Containment.OUT);
    assertThat(macos.contains("18.11.1213", Platform.MACOS)).isEqualTo(Containment.IN);
    assertThat(macos.purl()).isEqualTo("pkg:generic/3cx/3cx-desktopapp?os=macos");
    assertThat(incident.fixed()).extracting(ProductVersions::versionsText).containsOnly("vers:generic/>=18.12.422");
    assertThat(incident.fixed().get(0).contains("18.12.422", Platform.WINDOWS)).isEqualTo(Containment.IN);
    assertThat(incident.notAffected()).isEmpty();
    assertThat(incident.underInvestigation()).isEmpty();

    assertThat(incident.attributions()).containsExactly(
        new Attribution("UNC4736", List.of("AppleJeus", "Citrine Sleet"), 80, "Mandiant", LocalDate.of(2023, 4, 20)));
    assertThat(incident.indicators()).startsWith(new Indicator("domain", "akamaicontainer[.]com")).hasSize(4);
    assertThat(incident.indicators()).contains(
        new Indicator("url", "hxxps://raw.githubusercontent[.]com/IconStorages/images/main/icon%d.ico"));
    assertThat(incident.references()).containsExactly("https://www.3cx.com/blog/news/desktopapp-security-alert/");
  }

  @Test
  void json_3cx_givesTheSameIncidentAsYaml() throws IOException {
    RecordingSink json = parse(resource("3cx.json"));
    assertThat(json.incidents).isEqualTo(parse(resource("3cx.yaml")).incidents);
    assertThat(json.warnings).isEmpty();
  }

  @Test
  void yaml_scalars_stayTextAsWritten() throws IOException {
    Incident incident = only("id: 2023\ntitle: yes\ndisclosed: 2023-03-29\naffected:\n"
        + "  - {vendor: 0x1F, product: 1e3, platform: windows, versions: vers:generic/7.10}\n"
        + "attribution:\n  - {actor: 'on', confidence: 050}\n");
    assertThat(incident.id()).isEqualTo("2023");
    assertThat(incident.title()).isEqualTo("yes");
    assertThat(incident.affected().get(0).vendor()).isEqualTo("0x1F");
    assertThat(incident.affected().get(0).product()).isEqualTo("1e3");
    assertThat(incident.affected().get(0).versionsText()).isEqualTo("vers:generic/7.10");
    assertThat(incident.attributions().get(0).actor()).isEqualTo("on");
    assertThat(incident.attributions().get(0).confidence()).isEqualTo(50);
  }

  @Test
  void json_numbers_stayTextAsWritten() throws IOException {
    Incident incident = only("{\"id\": 2023, \"title\": \"T\", \"affected\": [{\"vendor\": \"V\", \"product\": 7.10,"
        + " \"versions\": \"vers:generic/1\"}], \"attribution\": [{\"actor\": \"A\", \"confidence\": 80}]}");
    assertThat(incident.id()).isEqualTo("2023");
    assertThat(incident.affected().get(0).product()).isEqualTo("7.10");
    assertThat(incident.affected().get(0).platform()).isEqualTo(Platform.ANY);
    assertThat(incident.attributions().get(0).confidence()).isEqualTo(80);
  }

  @Test
  void yaml_bomAndCrlf_areAccepted() throws IOException {
    Incident incident = only("\uFEFFid: X-1\r\ntitle: T\r\nreferences:\r\n  - https://example.org/a\r\n");
    assertThat(incident.id()).isEqualTo("X-1");
    assertThat(incident.references()).containsExactly("https://example.org/a");
  }

  @Test
  void yaml_minimalAdvisory_hasEmptyListsAndNoDates() throws IOException {
    Incident incident = only(HEAD + "caused_by:\n");
    assertThat(incident.disclosed()).isNull();
    assertThat(incident.causedBy()).isNull();
    assertThat(incident.compromiseWindow()).isNull();
    assertThat(incident.affected()).isEmpty();
    assertThat(incident.indicators()).isEmpty();
  }

  @Test
  void yaml_anchorsAndAliases_areResolved() throws IOException {
    Incident incident = only(HEAD + "affected:\n  - &app {vendor: 3CX, product: App, platform: windows, versions: vers:generic/1.0}\n"
        + "not_affected:\n  - *app\n");
    assertThat(incident.notAffected()).isEqualTo(incident.affected());
  }

  @Test
  void yaml_severalDocuments_giveSeveralIncidents() throws IOException {
    RecordingSink sink = parse("id: XTRADER-2022\ntitle: X_TRADER\n---\nid: 3CX-2023-03\ntitle: 3CX\ncaused_by: XTRADER-2022\n");
    assertThat(sink.incidents).extracting(Incident::id).containsExactly("XTRADER-2022", "3CX-2023-03");
  }

  @Test
  void yaml_repeatedIdAcrossDocuments_isRejected() {
    rejects(HEAD + "---\n" + HEAD, "a.yaml: line 4, column 1: repeats the advisory id 'X-1'");
  }

  @Test
  void yaml_unknownKeys_giveOneWarning() throws IOException {
    RecordingSink sink = parse(HEAD + "severity: high\nsummary: x\naffected:\n"
        + "  - {vendor: V, product: P, versions: vers:generic/1, arch: x64}\n");
    assertThat(sink.incidents).hasSize(1);
    assertThat(sink.warnings).containsExactly(
        "a.yaml: ignoring the unknown keys 'severity' (line 3, column 1), 'summary' (line 4, column 1), 'arch' (line 6, column 55)");
  }

  @Test
  void yaml_unknownPlatform_isRejectedAtTheValue() {
    rejects(HEAD + "affected:\n  - vendor: V\n    product: P\n    platform: beos\n    versions: vers:generic/1\n",
        "a.yaml: line 6, column 15: platform 'beos' is not one of windows, macos, linux, ios, android, any");
  }

  @Test
  void json_unknownPlatform_isRejectedAtItsPointer() {
    assertThatThrownBy(() -> parse("{\"id\": \"X\", \"title\": \"T\", \"fixed\": [{\"vendor\": \"V\", \"product\": \"P\","
        + " \"versions\": \"vers:generic/1\"}, {\"vendor\": \"V\", \"product\": \"P\", \"platform\": \"beos\", \"versions\": \"vers:generic/1\"}]}"))
        .hasMessage("a.yaml: /fixed/1/platform: platform 'beos' is not one of windows, macos, linux, ios, android, any");
  }

  @Test
  void yaml_badVers_isRejectedAtTheVersions() {
    assertThatThrownBy(() -> parse(HEAD + "affected:\n  - {vendor: V, product: P, versions: \"18.12.407\"}\n"))
        .isInstanceOf(InputRejected.class)
        .hasMessageStartingWith("a.yaml: line 4, column 39: versions '18.12.407' is not a vers string: ");
  }

  @Test
  void yaml_missingVersions_isRejectedAtTheEntry() {
    rejects(HEAD + "affected:\n  - {vendor: V, product: P}\n", "a.yaml: line 4, column 5: this entry of affected has no versions");
  }

  @Test
  void yaml_confidenceOutsideZeroToHundred_isRejected() {
    for (String bad : new String[] {"101", "-1", "high", "80.5", "1000"}) {
      rejects(HEAD + "attribution:\n  - actor: UNC4736\n    confidence: " + bad + "\n",
          "a.yaml: line 5, column 17: confidence '" + bad + "' is not a whole number from 0 to 100");
    }
  }

  @Test
  void yaml_badDates_areRejected() {
    rejects(HEAD + "disclosed: 2023-02-30\n", "a.yaml: line 3, column 12: disclosed '2023-02-30' is not a date (YYYY-MM-DD)");
    rejects(HEAD + "attribution:\n  - {actor: A, confidence: 1, date: 20.4.2023}\n",
        "a.yaml: line 4, column 37: date '20.4.2023' is not a date (YYYY-MM-DD)");
  }

  @Test
  void yaml_missingIdOrTitle_isRejected() {
    rejects("title: T\n", "a.yaml: line 1, column 1: the advisory has no id");
    rejects("id: X-1\naffected: []\n", "a.yaml: line 1, column 1: the advisory has no title");
    rejects("id: ''\ntitle: T\n", "a.yaml: line 1, column 5: id is empty");
  }

  @Test
  void yaml_causedByItself_isRejected() {
    rejects(HEAD + "caused_by: X-1\n", "a.yaml: line 3, column 12: caused_by names the incident itself (X-1)");
  }

  @Test
  void yaml_invertedCompromiseWindow_isRejected() {
    rejects(HEAD + "compromise_window: {from: 2023-03-29, to: 2022-12-01}\n",
        "a.yaml: line 3, column 20: compromise_window ends (2022-12-01) before it starts (2023-03-29)");
  }

  @Test
  void yaml_unknownIndicatorType_isRejected() {
    rejects(HEAD + "indicators:\n  - {type: domain, value: \"a[.]com\"}\n  - {type: mutex, value: x}\n",
        "a.yaml: line 5, column 12: indicator type 'mutex' is not one of "
            + "domain, hostname, ipv4, ipv6, cidr, url, url-prefix, md5, sha1, sha256, filename");
  }

  @Test
  void yaml_invalidIndicatorValue_isRejectedAtItsPlace() {
    rejects(HEAD + "indicators:\n  - {type: domain, value: \"a[.]com\"}\n  - {type: sha256, value: \"abc\"}\n",
        "a.yaml: line 5, column 27: the sha256 'abc' is not a SHA-256 hash: 3 hex digits instead of 64");
  }

  @Test
  void json_invalidIndicatorValue_isRejectedAtItsPointer() {
    assertThatThrownBy(() -> parser.parse(new io.chainwatch.ingest.Source("a.json", new java.io.ByteArrayInputStream(
        "{\"id\":\"X-1\",\"title\":\"T\",\"indicators\":[{\"type\":\"ipv4\",\"value\":\"1.2.3.400\"}]}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), io.chainwatch.ingest.ImportOptions.defaults()), new RecordingSink()))
        .isInstanceOf(InputRejected.class).hasMessageStartingWith("a.json: /indicators/0/value: the ipv4 '1.2.3.400' ");
  }

  @Test
  void yaml_wrongShapes_areRejected() {
    rejects(HEAD + "affected: 3CX\n", "a.yaml: line 3, column 11: affected must be a list, not text");
    rejects(HEAD + "affected:\n  - 3CX\n", "a.yaml: line 4, column 5: an entry of affected must be a mapping, not text");
    rejects(HEAD + "references: [[a]]\n", "a.yaml: line 3, column 14: an entry of references must be text, not a list");
    rejects("- id: X\n", "a.yaml: line 1, column 1: the advisory must be a mapping, not a list");
  }

  @Test
  void yaml_duplicateKey_isRejected() {
    rejects(HEAD + "id: X-2\n", "a.yaml: line 3, column 1: repeats the key 'id'");
  }

  @Test
  void json_duplicateKey_isRejected() {
    assertThatThrownBy(() -> parse("{\"id\": \"X\",\n \"id\": \"Y\", \"title\": \"T\"}"))
        .isInstanceOf(InputRejected.class)
        .hasMessageStartingWith("a.yaml: line 2, column ")
        .hasMessageContaining("is not valid JSON: Duplicate field 'id'");
  }

  @Test
  void json_syntaxError_isRejectedWithLineAndColumn() {
    assertThatThrownBy(() -> parse("{\"id\": \"X\",\n  \"title\": }"))
        .hasMessageStartingWith("a.yaml: line 2, column 12: is not valid JSON: ");
    assertThatThrownBy(() -> parse("{\"id\": \"X\", \"title\": \"T\"} {}"))
        .hasMessage("a.yaml: line 1, column 27: has more content after the JSON document");
  }

  @Test
  void yaml_syntaxError_isRejectedWithLineAndColumn() {
    assertThatThrownBy(() -> parse(HEAD + "affected: [\n  {vendor: V\n"))
        .isInstanceOf(InputRejected.class)
        .hasMessageStartingWith("a.yaml: line ")
        .hasMessageContaining("is not valid YAML: ");
  }

  @Test
  void yaml_billionLaughs_isRejectedQuickly() {
    StringBuilder bomb = new StringBuilder("id: X\ntitle: T\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int k = 0; k < 9; k++) bomb.append(k == 0 ? "" : ", ").append('*').append(previous);
      bomb.append("]\n");
      previous = c;
    }
    bomb.append("references: *i\n");
    long started = System.nanoTime();
    assertThatThrownBy(() -> parse(bomb.toString()))
        .isInstanceOf(InputRejected.class)
        .hasMessage("a.yaml: line 9, column 28: uses more than 50 aliases to mappings or lists, as an alias bomb does");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void yaml_aliasWithinItself_isRejected() {
    assertThatThrownBy(() -> parse(HEAD + "references: &r [a, *r]\n"))
        .isInstanceOf(InputRejected.class)
        .hasMessageStartingWith("a.yaml: line 3, column 13: ");
  }

  @Test
  void yaml_deepNesting_isRejectedBeforeComposing() {
    String deep = HEAD + "x: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    assertThatThrownBy(() -> parse(deep))
        .isInstanceOf(InputRejected.class)
        .hasMessage("a.yaml: line 3, column 67: nests mappings and lists more than 64 deep");
  }

  @Test
  void json_deepNesting_isRejected() {
    String deep = "{\"id\": \"X\", \"title\": \"T\", \"x\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThatThrownBy(() -> parse(deep)).isInstanceOf(InputRejected.class).hasMessageContaining("is not valid JSON: ");
  }

  @Test
  void advisory_invalidUtf8_isRejectedWithItsLine() {
    byte[] text = (HEAD + "references:\n  - \"caf\u00e9\"\n").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> parse(text)).hasMessage("a.yaml: line 4: is not valid UTF-8 text");
  }

  @Test
  void advisory_controlCharacter_isRejectedWithItsLine() {
    rejects(HEAD + "references: [\"a\u0007b\"]\n", "a.yaml: line 3: is not valid YAML: it holds the character U+0007, which YAML does not allow");
  }

  @Test
  void advisory_largerThan16MiB_isRejected() {
    byte[] big = new byte[(16 << 20) + 1];
    Arrays.fill(big, (byte) '#');
    assertThatThrownBy(() -> parse(big)).hasMessage("a.yaml: is larger than 16 MiB");
  }

  @Test
  void advisory_emptyStream_isRejected() {
    rejects("# nothing here\n", "a.yaml: holds no advisory");
    rejects("", "a.yaml: holds no advisory");
  }

  @Test
  void accepts_nativeAdvisories() throws IOException {
    assertThat(accepts(resource("3cx.yaml"))).isTrue();
    assertThat(accepts(resource("3cx.json"))).isTrue();
    assertThat(accepts("\uFEFF%YAML 1.2\n---\n# advisory\nid: X\naffected:\n")).isTrue();
    assertThat(accepts("{\"title\": \"T\", \"id\": \"X\"")).isTrue();
  }

  @Test
  void accepts_otherFormats_not() throws IOException {
    assertThat(accepts(resource("foreign/MAL-2024-10238.json"))).isFalse();
    assertThat(accepts(resource("foreign/dns_query_win_malware_3cx_compromise.yml"))).isFalse();
    assertThat(accepts(resource("foreign/malware-indicator-for-file-hash.json"))).isFalse();
    assertThat(accepts("{\"document\": {\"csaf_version\": \"2.0\", \"title\": \"T\"}, \"id\": \"x\", \"title\": \"t\"}")).isFalse();
    assertThat(accepts("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"id\": \"x\", \"title\": \"t\"}")).isFalse();
    assertThat(accepts("{\"spdxVersion\": \"SPDX-2.3\", \"id\": \"x\", \"title\": \"t\"}")).isFalse();
    assertThat(accepts("{\"Event\": {\"id\": \"1\", \"info\": \"3CX\"}}")).isFalse();
    assertThat(accepts("customer,asset,platform,vendor,product,version\n")).isFalse();
    assertThat(accepts("title: only a title\n")).isFalse();
    assertThat(accepts("")).isFalse();
  }

  @Nested
  class YamlContract extends ParserContractTest {
    @Override
    protected Parser parser() {
      return new AdvisoryParser();
    }

    @Override
    protected byte[] validSample() throws IOException {
      return resource("3cx.yaml");
    }
  }

  @Nested
  class JsonContract extends ParserContractTest {
    @Override
    protected Parser parser() {
      return new AdvisoryParser();
    }

    @Override
    protected byte[] validSample() throws IOException {
      return resource("3cx.json");
    }
  }
}
