package io.chainwatch.formats.csaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.VersionSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CsafParserTest {
  private final CsafParser parser = new CsafParser();

  @Nested
  class Contract extends ParserContractTest {
    @Override
    protected Parser parser() {
      return new CsafParser();
    }

    @Override
    protected byte[] validSample() throws IOException {
      return resource("3cx-2023-03.json");
    }
  }

  // --- real and hand-written documents ---

  @Test
  void csaf_3cxHandWritten_yieldsAffectedAndFixedWindowsReleases() throws IOException {
    RecordingSink sink = parse("3cx-2023-03.json");

    assertThat(sink.warnings).isEmpty();
    assertThat(sink.incidents).containsExactly(new Incident(
        "3CX-2023-03",
        "3CX Desktop App trojanised installers",
        LocalDate.of(2023, 3, 29),
        null,
        null,
        List.of(desktopApp("18.12.407"), desktopApp("18.12.416")),
        List.of(desktopApp("18.12.422")),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of("https://www.3cx.com/blog/news/desktopapp-security-alert/",
            "https://www.cisa.gov/news-events/alerts/2023/03/30/supply-chain-attack-against-3cxdesktopapp")));
  }

  private static ProductVersions desktopApp(String version) {
    return new ProductVersions("3CX", "3CX Desktop App", Platform.WINDOWS, VersionSet.parse("vers:generic/" + version),
        "vers:generic/" + version, "pkg:generic/3cx/3cx-desktopapp@" + version + "?os=windows", null);
  }

  @Test
  void csaf_oasisVex_productVersionRange_isVersSet() throws IOException {
    Incident incident = parse("2022-evd-uc-08-001.json").incidents.get(0);

    ProductVersions abcRange = statement(incident.affected(), "ABC", "vers:generic/>=2.9|<=4.1");
    assertThat(abcRange.vendor()).isEqualTo("Example Company");
    assertThat(abcRange.platform()).isEqualTo(Platform.ANY);
    assertThat(abcRange.versions()).isEqualTo(VersionSet.parse("vers:generic/>=2.9|<=4.1"));
    assertThat(texts(incident.affected(), "ABC")).containsExactly("vers:generic/2.4", "vers:generic/2.6", "vers:generic/>=2.9|<=4.1");
  }

  @Test
  void csaf_oasisVex_statusesOfTwoVulnerabilities_mergeWithAffectedWinning() throws IOException {
    RecordingSink sink = parse("2022-evd-uc-08-001.json");
    Incident incident = sink.incidents.get(0);

    assertThat(incident.id()).isEqualTo("2022-EVD-UC-08-001");
    assertThat(incident.title()).isEqualTo("Example VEX Document Use Case 8");
    assertThat(incident.disclosed()).isEqualTo(LocalDate.of(2022, 3, 3));
    assertThat(incident.references()).isEmpty();
    // JKL 5.1 is fixed for CVE-2021-44228 but affected by CVE-2021-45105: the release is affected.
    assertThat(texts(incident.affected(), "JKL")).containsExactly("vers:generic/>=4.5|<=5.0", "vers:generic/5.1");
    assertThat(incident.fixed()).extracting(ProductVersions::versionsText).containsExactly("vers:generic/5.2");
    assertThat(texts(incident.notAffected(), "ABC"))
        .containsExactly("vers:generic/4.2", "vers:generic/>=1.0|<=2.3", "vers:generic/2.5", "vers:generic/>=2.7|<=2.8");
    assertThat(texts(incident.notAffected(), "JKL")).containsExactly("vers:generic/>=1.0|<=4.4");
    assertThat(incident.underInvestigation()).isEmpty();
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void csaf_cisaAdvisory_versAllRange_isAffectedWithReferences() throws IOException {
    Incident incident = parse("icsa-24-030-03.json").incidents.get(0);

    assertThat(incident.id()).isEqualTo("ICSA-24-030-03");
    assertThat(incident.title()).isEqualTo("Mitsubishi Electric MELSEC WS Series Ethernet Interface Module");
    assertThat(incident.disclosed()).isEqualTo(LocalDate.of(2024, 1, 30));
    assertThat(incident.affected()).containsExactly(new ProductVersions("Mitsubishi Electric", "WS0-GETH00200", Platform.ANY,
        VersionSet.parse("vers:all/*"), "vers:all/*", null, null));
    assertThat(incident.fixed()).isEmpty();
    assertThat(incident.references()).hasSize(8)
        .startsWith("https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/2024/icsa-24-030-03.json");
    assertThat(incident.causedBy()).isNull();
    assertThat(incident.compromiseWindow()).isNull();
    assertThat(incident.attributions()).isEmpty();
    assertThat(incident.indicators()).isEmpty();
  }

  @Test
  void csaf_redHat_relationshipIds_mapToTheComponentPackages() throws IOException {
    RecordingSink sink = parse("rhsa-2022_0011.json");
    Incident incident = sink.incidents.get(0);

    assertThat(incident.id()).isEqualTo("RHSA-2022:0011");
    assertThat(incident.disclosed()).isEqualTo(LocalDate.of(2022, 1, 4));
    assertThat(incident.affected()).isEmpty();
    // 15 composite ids (3 RHEL streams x packages x architectures) name three packages of one version.
    assertThat(incident.fixed()).extracting(p -> p.vendor() + " / " + p.product() + " / " + p.platform() + " / " + p.versionsText())
        .containsExactly(
            "Red Hat / telnet / ANY / vers:rpm/1:0.17-65.el7_6",
            "Red Hat / telnet-debuginfo / ANY / vers:rpm/1:0.17-65.el7_6",
            "Red Hat / telnet-server / ANY / vers:rpm/1:0.17-65.el7_6");
    assertThat(incident.references()).contains("https://access.redhat.com/errata/RHSA-2022:0011").hasSize(3);
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void csaf_bsi_knownAffectedAndFirstFixed_becomeAffectedAndOneFixed() throws IOException {
    Incident incident = parse("bsi-2022-0001.json").incidents.get(0);

    assertThat(incident.id()).isEqualTo("BSI-2022-0001");
    assertThat(incident.affected()).extracting(ProductVersions::versionsText).containsExactly(
        "vers:generic/1.0.0-alpha", "vers:generic/1.0.0-dev1", "vers:generic/1.0.0-dev2", "vers:generic/1.0.0-dev3",
        "vers:generic/1.0.0-rc1");
    assertThat(incident.affected()).allSatisfy(p -> {
      assertThat(p.vendor()).isEqualTo("CSAF Tools");
      assertThat(p.product()).isEqualTo("CVRF-CSAF-Converter");
      assertThat(p.cpe()).startsWith("cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-");
    });
    // Listed under both "fixed" and "first_fixed": one statement.
    assertThat(incident.fixed()).containsExactly(new ProductVersions("CSAF Tools", "CVRF-CSAF-Converter", Platform.ANY,
        VersionSet.parse("vers:generic/1.0.0-rc2"), "vers:generic/1.0.0-rc2", null,
        "cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-rc2"));
    assertThat(incident.notAffected()).isEmpty();
  }

  @Test
  void csaf_samples_areAcceptedBySniff() throws IOException {
    for (String file : List.of("3cx-2023-03.json", "2022-evd-uc-08-001.json", "bsi-2022-0001.json", "icsa-24-030-03.json",
        "rhsa-2022_0011.json")) {
      assertThat(parser.accepts(new Head(file, resource(file)))).as(file).isTrue();
    }
  }

  @Test
  void csaf_sniff_refusesOtherJson() {
    assertThat(parser.accepts(head("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"}"))).isFalse();
    assertThat(parser.accepts(head("{\"document\": {\"category\": \"csaf_vex\"}}"))).isTrue();
    assertThat(parser.accepts(head("csaf_version,2.0\n"))).isFalse();
  }

  // --- versions ---

  @Test
  void csaf_productVersionRange_freeText_isUnknown() throws IOException {
    RecordingSink sink = parse(doc(leafTree("product_version_range", "all versions before 2.1"), status("known_affected", "P1")));

    ProductVersions statement = sink.incidents.get(0).affected().get(0);
    assertThat(statement.versions()).isNull();
    assertThat(statement.versionsText()).isEqualTo("all versions before 2.1");
    assertThat(sink.warnings).singleElement().asString()
        .contains("/product_tree/branches/0/branches/0/branches/0/product", "all versions before 2.1", "unknown");
  }

  @Test
  void csaf_productVersionRange_invalidVers_isUnknown() throws IOException {
    RecordingSink sink = parse(doc(leafTree("product_version_range", "vers:generic"), status("known_affected", "P1")));

    assertThat(sink.incidents.get(0).affected().get(0).versions()).isNull();
    assertThat(sink.warnings).hasSize(1);
  }

  @Test
  void csaf_productVersion_withVersSeparator_isPercentEncoded() throws IOException {
    RecordingSink sink = parse(doc(leafTree("product_version", "1.0|beta"), status("known_affected", "P1")));

    assertThat(sink.incidents.get(0).affected().get(0).versionsText()).isEqualTo("vers:generic/1.0%7Cbeta");
  }

  @Test
  void csaf_leafWithoutVersion_isUnknownWithWarning() throws IOException {
    String tree = """
        {"branches": [{"category": "vendor", "name": "Acme", "branches": [
          {"category": "product_name", "name": "Widget", "product": {"name": "Acme Widget", "product_id": "P1"}}]}]}""";
    RecordingSink sink = parse(doc(tree, status("under_investigation", "P1")));

    ProductVersions statement = sink.incidents.get(0).underInvestigation().get(0);
    assertThat(statement.vendor()).isEqualTo("Acme");
    assertThat(statement.product()).isEqualTo("Widget");
    assertThat(statement.versions()).isNull();
    assertThat(sink.warnings).singleElement().asString().contains("no version");
  }

  // --- product tree ---

  @Test
  void csaf_platformAndFamilyBranches_giveProductAndPlatform() throws IOException {
    String tree = """
        {"branches": [{"category": "vendor", "name": "Mitsubishi Electric", "branches": [
          {"category": "product_family", "name": "MELSEC", "branches": [
            {"category": "product_name", "name": "WS0-GETH00200", "branches": [
              {"category": "platform", "name": "macOS", "branches": [
                {"category": "architecture", "name": "arm64", "branches": [
                  {"category": "product_version", "name": "1.0", "product": {"name": "x", "product_id": "P1"}}]}]}]}]},
          {"category": "product_family", "name": "SIMATIC", "branches": [
            {"category": "product_name", "name": "SIMATIC S7-1500", "branches": [
              {"category": "architecture", "name": "x86_64", "branches": [
                {"category": "product_version", "name": "2.0", "product": {"name": "y", "product_id": "P2"}}]}]}]}]}]}""";
    Incident incident = parse(doc(tree, status("known_affected", "P1", "P2"))).incidents.get(0);

    assertThat(incident.affected()).extracting(p -> p.product() + " / " + p.platform())
        .containsExactly("MELSEC WS0-GETH00200 / MACOS", "SIMATIC S7-1500 / ANY");
  }

  @Test
  void csaf_fullProductNames_takeIdentityFromPurlOrCpeElseWholeName() throws IOException {
    String tree = """
        {"full_product_names": [
          {"name": "3CX Desktop App 18.12.416 for Windows", "product_id": "P1",
           "product_identification_helper": {"purl": "pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows"}},
          {"name": "Acme Widget 2", "product_id": "P2",
           "product_identification_helper": {"cpe": "cpe:2.3:a:acme:widget:2.0:*:*:*:*:macos:*:*"}},
          {"name": "Something Else 3", "product_id": "P3"}]}""";
    RecordingSink sink = parse(doc(tree, status("known_affected", "P1", "P2", "P3")));

    assertThat(sink.incidents.get(0).affected()).containsExactly(
        new ProductVersions("3cx", "3cx-desktopapp", Platform.WINDOWS, VersionSet.parse("vers:generic/18.12.416"),
            "vers:generic/18.12.416", "pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows", null),
        new ProductVersions("acme", "widget", Platform.MACOS, VersionSet.parse("vers:generic/2.0"), "vers:generic/2.0", null,
            "cpe:2.3:a:acme:widget:2.0:*:*:*:*:macos:*:*"),
        new ProductVersions("", "Something Else 3", Platform.ANY, null, "", null, null));
    assertThat(sink.warnings).singleElement().asString().contains("/product_tree/full_product_names/2", "no purl or CPE");
  }

  @Test
  void csaf_productGroupNamedByStatus_isExpanded() throws IOException {
    String tree = """
        {"full_product_names": [
          {"name": "a", "product_id": "P1", "product_identification_helper": {"purl": "pkg:npm/a@1.0.0"}},
          {"name": "b", "product_id": "P2", "product_identification_helper": {"purl": "pkg:npm/b@2.0.0"}}],
         "product_groups": [{"group_id": "G1", "product_ids": ["P1", "P2"]}]}""";
    Incident incident = parse(doc(tree, status("known_affected", "G1"))).incidents.get(0);

    assertThat(incident.affected()).extracting(ProductVersions::product).containsExactly("a", "b");
  }

  @Test
  void csaf_relationshipInstalledOnPlatform_takesTheHostsPlatform() throws IOException {
    String tree = """
        {"branches": [
          {"category": "vendor", "name": "Acme", "branches": [
            {"category": "product_name", "name": "Agent", "branches": [
              {"category": "product_version", "name": "5.1", "product": {"name": "Acme Agent 5.1", "product_id": "AGENT"}}]}]},
          {"category": "vendor", "name": "Microsoft", "branches": [
            {"category": "platform", "name": "Windows", "branches": [
              {"category": "product_name", "name": "Windows Server", "product": {"name": "Windows Server", "product_id": "WS"}}]}]}],
         "relationships": [
          {"category": "installed_on", "product_reference": "AGENT", "relates_to_product_reference": "WS",
           "full_product_name": {"name": "Acme Agent 5.1 on Windows Server", "product_id": "WS:AGENT"}}]}""";
    Incident incident = parse(doc(tree, status("known_affected", "WS:AGENT"))).incidents.get(0);

    assertThat(incident.affected()).containsExactly(new ProductVersions("Acme", "Agent", Platform.WINDOWS,
        VersionSet.parse("vers:generic/5.1"), "vers:generic/5.1", null, null));
  }

  // --- rejections ---

  @Test
  void csaf_identificationHelperNotAnObject_isRejectedWithPointer() {
    String tree = """
        {"full_product_names": [{"name": "a", "product_id": "P1", "product_identification_helper": "pkg:npm/a@1"}]}""";
    assertRejected(doc(tree, "[]"), "/product_tree/full_product_names/0/product_identification_helper", "must be a JSON object");
  }

  @Test
  void csaf_statusNamesUnknownProduct_isRejectedWithPointer() {
    assertRejected(doc(leafTree("product_version", "1.0"), status("known_affected", "P1", "P9")),
        "/vulnerabilities/0/product_status/known_affected/1", "P9");
  }

  @Test
  void csaf_relationshipToUnknownProduct_isRejectedWithPointer() {
    String tree = """
        {"full_product_names": [{"name": "a", "product_id": "P1"}],
         "relationships": [{"category": "installed_on", "product_reference": "P1", "relates_to_product_reference": "NOPE",
           "full_product_name": {"name": "a on nope", "product_id": "X"}}]}""";
    assertRejected(doc(tree, status("known_affected", "X")), "/product_tree/relationships/0/relates_to_product_reference", "NOPE");
  }

  @Test
  void csaf_duplicateProductId_isRejected() {
    String tree = """
        {"full_product_names": [{"name": "a", "product_id": "P1"}, {"name": "b", "product_id": "P1"}]}""";
    assertRejected(doc(tree, "[]"), "/product_tree/full_product_names/1/product_id", "second time");
  }

  @Test
  void csaf_missingRequiredFields_areRejectedWithPointer() {
    assertRejected("{\"hello\": [1, 2, 3]}", "/document", "missing");
    assertRejected(doc(leafTree("product_version", "1"), "[]").replace("\"id\": \"T-1\",", ""), "/document/tracking/id", "missing");
    assertRejected(doc(leafTree("product_version", "1"), "[]").replace("\"title\": \"Test\",", ""), "/document/title", "missing");
    assertRejected(doc(leafTree("product_version", "1"), "[]").replace("\"title\": \"Test\"", "\"title\": 42"), "/document/title",
        "must be a string");
    assertRejected(doc(leafTree("product_version", "1"), "[]").replace("\"csaf_version\": \"2.0\",", ""),
        "/document/csaf_version", "missing");
  }

  @Test
  void csaf_unknownCsafVersion_isRejectedByName() {
    assertRejected(doc(leafTree("product_version", "1"), "[]").replace("\"2.0\"", "\"2.1\""), "/document/csaf_version", "names version '2.1'");
  }

  @Test
  void csaf_malformedJson_isRejectedWithLineAndColumn() {
    InputRejected e = reject("{\n  \"document\": {\n    \"title\": oops\n  }\n}");
    assertThat(e.place()).isEqualTo("line 3, column 14");
    assertThat(e.problem()).startsWith("is not valid JSON");
  }

  @Test
  void csaf_duplicateKey_isRejected() {
    InputRejected e = reject("{\"document\": {}, \"document\": {}}");
    assertThat(e.place()).startsWith("line 1");
    assertThat(e.problem()).contains("Duplicate field 'document'");
  }

  @Test
  void csaf_trailingContent_isRejected() {
    assertThat(reject(doc(leafTree("product_version", "1"), "[]") + " {}").problem()).startsWith("is not valid JSON");
  }

  @Test
  void csaf_invalidUtf8InString_isRejectedAsSuch() {
    byte[] bad = "{\"document\": {\"title\": \"caf\u00e9\"}}".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bad, (byte) 0xC3);
    bad[at + 1] = (byte) 0x28;
    InputRejected e = reject(bad);
    assertThat(e.problem()).isEqualTo("is not valid UTF-8 text");
    assertThat(e.place()).startsWith("line 1, column");
  }

  @Test
  void csaf_utf16Document_isRejectedAsNotUtf8() {
    InputRejected e = reject(doc(leafTree("product_version", "1"), "[]").getBytes(StandardCharsets.UTF_16LE));
    assertThat(e.problem()).startsWith("is not valid UTF-8 text");
  }

  @Test
  void csaf_documentLargerThanBound_isRejected() {
    CsafParser small = new CsafParser(1024);
    byte[] big = doc(leafTree("product_version", "1"), "[]").replace("\"Test\"", "\"" + "x".repeat(2000) + "\"")
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> small.parse(source(big), new RecordingSink()))
        .isInstanceOfSatisfying(InputRejected.class, e -> assertThat(e.problem())
            .startsWith("exceeds a safety limit: Document length").contains("1024").doesNotContain("StreamReadConstraints"));
  }

  @Test
  void csaf_deeplyNestedBranches_areRejected() {
    String deep = "[".repeat(300) + "]".repeat(300);
    assertThat(reject("{\"document\": " + deep + "}").problem()).startsWith("exceeds a safety limit: Document nesting depth");
  }

  @Test
  void csaf_cancellationFromSink_propagates() {
    ImportSink cancelling = new ImportSink() {
      @Override public void customer(Customer customer) {}
      @Override public void installation(Installation installation) {}
      @Override public void incident(Incident incident) { throw new CancellationException("stop"); }
      @Override public void trustEdge(io.chainwatch.graph.TrustEdge edge) {}
      @Override public void intel(io.chainwatch.intel.IntelRecord record) {}
      @Override public void release(io.chainwatch.verify.ledger.ReleaseRecord release) {}
      @Override public void warning(String message) {}
    };
    assertThatThrownBy(() -> parser.parse(source(resource("3cx-2023-03.json")), cancelling))
        .isInstanceOf(CancellationException.class);
  }

  // --- helpers ---

  /** A tree of vendor Acme > product_name Widget > one leaf P1 of the given category and name. */
  private static String leafTree(String category, String name) {
    return """
        {"branches": [{"category": "vendor", "name": "Acme", "branches": [{"category": "product_name", "name": "Widget",
          "branches": [{"category": "%s", "name": "%s", "product": {"name": "Acme Widget", "product_id": "P1"}}]}]}]}"""
        .formatted(category, name);
  }

  private static String status(String key, String... ids) {
    return "[{\"product_status\": {\"" + key + "\": [\"" + String.join("\", \"", ids) + "\"]}}]";
  }

  private static String doc(String productTree, String vulnerabilities) {
    return """
        {"document": {"category": "csaf_base", "csaf_version": "2.0", "title": "Test",
          "publisher": {"category": "other", "name": "t", "namespace": "https://t.example"},
          "tracking": {"id": "T-1", "initial_release_date": "2024-02-01T00:00:00Z", "current_release_date": "2024-02-01T00:00:00Z",
            "revision_history": [], "status": "final", "version": "1"}},
         "product_tree": %s,
         "vulnerabilities": %s}""".formatted(productTree, vulnerabilities);
  }

  private static ProductVersions statement(List<ProductVersions> statements, String product, String versionsText) {
    return statements.stream().filter(p -> p.product().equals(product) && p.versionsText().equals(versionsText)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + product + " " + versionsText + " in " + statements));
  }

  private static List<String> texts(List<ProductVersions> statements, String product) {
    return statements.stream().filter(p -> p.product().equals(product)).map(ProductVersions::versionsText).toList();
  }

  private void assertRejected(String json, String place, String problemPart) {
    InputRejected e = reject(json);
    assertThat(e.place()).isEqualTo(place);
    assertThat(e.problem()).contains(problemPart);
    assertThat(e.getMessage()).startsWith("test.json: " + place + ": ");
  }

  private InputRejected reject(String json) {
    return reject(json.getBytes(StandardCharsets.UTF_8));
  }

  private InputRejected reject(byte[] bytes) {
    try {
      parser.parse(source(bytes), new RecordingSink());
    } catch (InputRejected e) {
      assertThat(e.file()).isEqualTo("test.json");
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("not rejected");
  }

  private RecordingSink parse(String jsonOrResource) throws IOException {
    byte[] bytes = jsonOrResource.endsWith(".json") ? resource(jsonOrResource) : jsonOrResource.getBytes(StandardCharsets.UTF_8);
    RecordingSink sink = new RecordingSink();
    parser.parse(source(bytes), sink);
    assertThat(sink.incidents).hasSize(1);
    return sink;
  }

  private static Source source(byte[] bytes) {
    return new Source("test.json", new ByteArrayInputStream(bytes), ImportOptions.defaults());
  }

  private static Head head(String text) {
    return new Head("x.json", text.getBytes(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
    throw new AssertionError("byte not found");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = CsafParserTest.class.getResourceAsStream("/csaf/" + name)) {
      if (in == null) throw new AssertionError("missing test resource /csaf/" + name);
      return in.readAllBytes();
    }
  }
}
