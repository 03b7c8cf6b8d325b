package io.chainwatch.formats.cyclonedx;

import static io.chainwatch.formats.cyclonedx.CycloneDxSamples.ASSET;
import static io.chainwatch.formats.cyclonedx.CycloneDxSamples.CUSTOMER;
import static io.chainwatch.formats.cyclonedx.CycloneDxSamples.assetOptions;
import static io.chainwatch.formats.cyclonedx.CycloneDxSamples.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chainwatch.formats.RecordingSink;
import io.chainwatch.formats.text.BoundedDocument;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CycloneDxParserTest {
  private final CycloneDxParser parser = new CycloneDxParser();

  private RecordingSink parse(byte[] bytes, ImportOptions options) throws IOException {
    RecordingSink sink = new RecordingSink();
    parser.parse(new Source("bom", new ByteArrayInputStream(bytes), options), sink);
    return sink;
  }

  private RecordingSink parse(byte[] bytes) throws IOException {
    return parse(bytes, assetOptions());
  }

  private RecordingSink parse(String text) throws IOException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private InputRejected rejection(String text) {
    return rejection(text.getBytes(StandardCharsets.UTF_8), assetOptions());
  }

  private InputRejected rejection(byte[] bytes, ImportOptions options) {
    InputRejected e = catchThrowableOfType(InputRejected.class, () -> parse(bytes, options));
    assertThat(e).as("expected the input to be rejected").isNotNull();
    assertThat(e.file()).isEqualTo("bom");
    return e;
  }

  private static String jsonBom(String components) {
    return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":[" + components + "]}";
  }

  private static Installation only(RecordingSink sink) {
    assertThat(sink.installations).hasSize(1);
    return sink.installations.get(0);
  }

  /** What must agree between the JSON and XML forms of one BOM. */
  private static Set<String> identities(RecordingSink sink) {
    return sink.installations.stream()
        .map(i -> String.join("|", i.vendor(), i.product(), i.version(), String.valueOf(i.purl()), String.valueOf(i.cpe()),
            String.valueOf(i.sha256()), String.valueOf(i.observedAt())))
        .collect(Collectors.toSet());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "valid-bom-1.6.json", "valid-bom-1.6.xml", "valid-bom-1.5.json", "valid-component-types-1.6.json",
      "laravel-7.12.0.bom.1.4.json", "laravel-7.12.0.bom.1.4.xml"})
  void cyclonedx_referenceBom_isAcceptedAndGivesInstallationsOnTheNamedAsset(String file) throws IOException {
    byte[] bytes = resource(file);
    assertThat(parser.accepts(new Head(file, Arrays.copyOf(bytes, Math.min(bytes.length, Head.SIZE))))).isTrue();
    RecordingSink sink = parse(bytes);
    assertThat(sink.installations).isNotEmpty().allSatisfy(i -> {
      assertThat(i.customer()).isEqualTo(CUSTOMER);
      assertThat(i.asset()).isEqualTo(ASSET);
      assertThat(i.platform()).isEqualTo(Platform.ANY);
      assertThat(i.product()).isNotBlank();
      assertThat(i.installPath()).isNull();
      if (i.sha256() != null) assertThat(i.sha256()).matches("[0-9a-f]{64}");
    });
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void cyclonedx_validBom16_jsonAndXml_giveTheSameInstallations() throws IOException {
    RecordingSink json = parse(resource("valid-bom-1.6.json"));
    RecordingSink xml = parse(resource("valid-bom-1.6.xml"));
    assertThat(identities(xml)).isEqualTo(identities(json));
    assertThat(xml.installations).hasSameSizeAs(json.installations);
  }

  @Test
  void cyclonedx_laravel14_jsonAndXml_giveTheSameInstallations() throws IOException {
    RecordingSink json = parse(resource("laravel-7.12.0.bom.1.4.json"));
    RecordingSink xml = parse(resource("laravel-7.12.0.bom.1.4.xml"));
    assertThat(identities(xml)).isEqualTo(identities(json));
    // 62 components plus the metadata component, the application itself.
    assertThat(json.installations).hasSize(63);
    assertThat(xml.installations).hasSize(63);
  }

  @Test
  void cyclonedx_metadataComponent_isAnInstallationToo() throws IOException {
    RecordingSink sink = parse(resource("valid-bom-1.6.json"));
    Installation app = sink.installations.get(0);
    assertThat(app.product()).isEqualTo("Acme Application");
    assertThat(app.version()).isEqualTo("9.1.1");
    assertThat(app.vendor()).isEqualTo("Acme Super Heros");
    assertThat(app.observedAt()).isEqualTo(Instant.parse("2020-04-13T20:20:39Z"));
  }

  @Test
  void cyclonedx_validBom16_takesSupplierFirstAndTheSha256() throws IOException {
    RecordingSink sink = parse(resource("valid-bom-1.6.json"));
    Installation mylibrary = sink.installations.stream().filter(i -> i.product().equals("mylibrary")).findFirst().orElseThrow();
    assertThat(mylibrary.vendor()).isEqualTo("Example, Inc.");
    assertThat(mylibrary.purl()).isEqualTo("pkg:maven/com.example/myapplication@1.0.0?packaging=war");
    assertThat(mylibrary.cpe()).isEqualTo("cpe:/a:example:myapplication:1.0.0");
    assertThat(mylibrary.sha256()).matches("[0-9a-f]{64}");
    Installation tomcat = sink.installations.stream().filter(i -> i.product().equals("tomcat-catalina")).findFirst().orElseThrow();
    assertThat(tomcat.vendor()).isEqualTo("Acme Inc");
    assertThat(tomcat.version()).isEqualTo("9.0.14");
  }

  @Test
  void cyclonedx_laravel_componentWithoutAuthor_takesThePurlNamespace() throws IOException {
    RecordingSink sink = parse(resource("laravel-7.12.0.bom.1.4.json"));
    Installation math = sink.installations.stream().filter(i -> i.product().equals("math")).findFirst().orElseThrow();
    assertThat(math.vendor()).isEqualTo("brick");
    assertThat(math.version()).isEqualTo("0.9.3");
    assertThat(math.purl()).isEqualTo("pkg:composer/brick/math@0.9.3");
    assertThat(math.observedAt()).isNull();
  }

  @Test
  void cyclonedx_vendor_fallsBackInTheDocumentedOrder() throws IOException {
    assertThat(only(parse(jsonBom("{\"type\":\"library\",\"name\":\"a\",\"manufacturer\":{\"name\":\"Maker\"},\"publisher\":\"Pub\"}"))).vendor())
        .isEqualTo("Maker");
    assertThat(only(parse(jsonBom("{\"type\":\"library\",\"name\":\"a\",\"publisher\":\"Pub\",\"author\":\"Ann\"}"))).vendor())
        .isEqualTo("Pub");
    assertThat(only(parse(jsonBom("{\"type\":\"library\",\"name\":\"a\",\"authors\":[{\"email\":\"x@y\"},{\"name\":\"Bob\"}],\"group\":\"g\"}"))).vendor())
        .isEqualTo("Bob");
    assertThat(only(parse(jsonBom("{\"type\":\"library\",\"name\":\"a\",\"purl\":\"pkg:npm/%40angular/core@1.0.0\",\"group\":\"g\"}"))).vendor())
        .isEqualTo("@angular");
    assertThat(only(parse(jsonBom("{\"type\":\"library\",\"name\":\"a\",\"purl\":\"pkg:npm/left-pad@1.0.0\",\"group\":\"g\"}"))).vendor())
        .isEqualTo("g");
    Installation bare = only(parse(jsonBom("{\"type\":\"library\",\"name\":\"a\"}")));
    assertThat(bare.vendor()).isEmpty();
    assertThat(bare.version()).isEmpty();
    assertThat(bare.purl()).isNull();
    assertThat(bare.sha256()).isNull();
  }

  @Test
  void cyclonedx_nestedComponents_areFlattenedAfterTheirParent() throws IOException {
    RecordingSink sink = parse(jsonBom(
        "{\"type\":\"application\",\"name\":\"outer\",\"components\":[{\"type\":\"library\",\"name\":\"inner\","
            + "\"components\":[{\"type\":\"library\",\"name\":\"innermost\"}]}]},{\"type\":\"library\",\"name\":\"next\"}"));
    assertThat(sink.installations).extracting(Installation::product).containsExactly("outer", "inner", "innermost", "next");
  }

  @Test
  void cyclonedx_sha256_isLowerCased() throws IOException {
    String upper = "A74F733635A19AEFB1F73E5947CEF59CD7440C6952EF0F03D09D974274CBD6DF";
    Installation i = only(parse(jsonBom("{\"type\":\"library\",\"name\":\"a\",\"hashes\":[{\"alg\":\"SHA-1\",\"content\":"
        + "\"25ed8e31b995bb927966616df2a42b979a2717f0\"},{\"alg\":\"SHA-256\",\"content\":\"" + upper + "\"}]}")));
    assertThat(i.sha256()).isEqualTo(upper.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void cyclonedx_sha256_notHex_isRejectedWithItsPointer() {
    InputRejected e = rejection(jsonBom("{\"type\":\"library\",\"name\":\"a\"},{\"type\":\"library\",\"name\":\"b\","
        + "\"hashes\":[{\"alg\":\"SHA-256\",\"content\":\"not-a-hash\"}]}"));
    assertThat(e.place()).isEqualTo("/components/1/hashes/0");
    assertThat(e.problem()).contains("64 hexadecimal digits");
  }

  @Test
  void cyclonedx_componentWithoutName_json_isRejectedWithItsPointer() {
    InputRejected e = rejection(jsonBom("{\"type\":\"library\",\"name\":\"a\",\"components\":[{\"type\":\"library\",\"version\":\"1\"}]}"));
    assertThat(e.place()).isEqualTo("/components/0/components/0/name");
    assertThat(e.problem()).isEqualTo("a component needs a name");
  }

  @Test
  void cyclonedx_componentWithoutName_xml_isRejectedWithItsLine() {
    String xml = "<?xml version=\"1.0\"?>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" version=\"1\">\n"
        + "  <metadata><component type=\"application\"><name>app</name></component></metadata>\n"
        + "  <components>\n"
        + "    <component type=\"library\"><name>a</name></component>\n"
        + "    <component type=\"library\"><version>2</version></component>\n"
        + "  </components>\n"
        + "</bom>\n";
    InputRejected e = rejection(xml);
    assertThat(e.place()).isEqualTo("line 6");
    assertThat(e.problem()).isEqualTo("a component needs a name");
  }

  @Test
  void cyclonedx_nullComponent_json_isRejectedWithItsPointer() {
    assertThat(rejection(jsonBom("{\"type\":\"library\",\"name\":\"a\"},null")).place()).isEqualTo("/components/1/name");
  }

  @Test
  void cyclonedx_emptyComponentElement_xml_isRejectedWithItsLine() {
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>\n<component type=\"library\"><name>a</name></component>\n"
        + "<component/>\n</components>\n</bom>";
    InputRejected e = rejection(xml);
    assertThat(e.place()).isEqualTo("line 4");
  }

  @Test
  void cyclonedx_emptyComponentsElement_xml_givesOnlyTheMetadataComponent() throws IOException {
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><metadata><component type=\"application\"><name>app</name>"
        + "<version>2.0</version></component></metadata><components/></bom>";
    Installation app = only(parse(xml));
    assertThat(app.product()).isEqualTo("app");
    assertThat(app.version()).isEqualTo("2.0");
  }

  @Test
  void cyclonedx_xml_predefinedEntitiesAndCdata_areRead() throws IOException {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\"><components>"
        + "<component type=\"library\"><publisher>AT&amp;T</publisher><name><![CDATA[a<b]]></name><version>1</version></component>"
        + "</components></bom>";
    Installation i = only(parse(xml));
    assertThat(i.vendor()).isEqualTo("AT&T");
    assertThat(i.product()).isEqualTo("a<b");
  }

  @Test
  void cyclonedx_xmlExternalEntity_isRejectedAndNeverExpanded() throws IOException {
    String passwd = Files.exists(Path.of("/etc/passwd")) ? Files.readString(Path.of("/etc/passwd")) : "root:x:0:0";
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\"><components>"
        + "<component type=\"library\"><name>&x;</name><version>1</version></component></components></bom>";
    RecordingSink sink = new RecordingSink();
    InputRejected e = catchThrowableOfType(InputRejected.class,
        () -> parser.parse(new Source("bom", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), assetOptions()), sink));
    assertThat(e).isNotNull();
    assertThat(e.place()).startsWith("line 2");
    assertThat(e.problem()).contains("DOCTYPE");
    String firstLine = passwd.lines().findFirst().orElse("root:x:0:0");
    assertThat(e.getMessage()).doesNotContain(firstLine);
    assertThat(sink.installations).noneMatch(i -> i.product().contains(firstLine) || i.product().contains("root:"));
  }

  @Test
  void cyclonedx_xmlEntityExpansionBomb_isRejected() {
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\"><name>&b;</name>"
        + "</component></components></bom>";
    assertThat(rejection(xml).problem()).contains("DOCTYPE");
  }

  @Test
  void cyclonedx_xmlUndeclaredEntity_isRejected() {
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\"><name>&x;</name>"
        + "</component></components></bom>";
    assertThat(rejection(xml).place()).startsWith("line 1");
  }

  @Test
  void cyclonedx_json17_isRejectedByName() {
    InputRejected e = rejection("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.7\",\"version\":1,\"components\":[]}");
    assertThat(e.place()).isEqualTo("/specVersion");
    assertThat(e.problem()).isEqualTo("CycloneDX 1.7 is not supported; this build reads 1.4 to 1.6");
  }

  @Test
  void cyclonedx_xml17_isRejectedByName() {
    InputRejected e = rejection("<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.7\" version=\"1\"/>");
    assertThat(e.place()).startsWith("line 2");
    assertThat(e.problem()).isEqualTo("CycloneDX 1.7 is not supported; this build reads 1.4 to 1.6");
  }

  @Test
  void cyclonedx_json13_isRejectedByName() {
    assertThat(rejection("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.3\",\"version\":1}").problem())
        .isEqualTo("CycloneDX 1.3 is not supported; this build reads 1.4 to 1.6");
  }

  @Test
  void cyclonedx_jsonWithoutSpecVersion_isRejected() {
    InputRejected e = rejection("{\"bomFormat\":\"CycloneDX\",\"version\":1}");
    assertThat(e.place()).isEqualTo("/specVersion");
  }

  @Test
  void cyclonedx_jsonOfAnotherFormat_isRejectedAtBomFormat() {
    InputRejected e = rejection("{\"bomFormat\":\"SPDX\",\"specVersion\":\"1.6\"}");
    assertThat(e.place()).isEqualTo("/bomFormat");
  }

  @Test
  void cyclonedx_missingCustomer_isRejected() throws IOException {
    InputRejected e = rejection(resource("valid-bom-1.6.json"), new ImportOptions(null, null, "web-01", null, false));
    assertThat(e.problem()).isEqualTo("an SBOM needs --customer and --asset to say whose asset it describes");
  }

  @Test
  void cyclonedx_missingAsset_isRejected() throws IOException {
    InputRejected e = rejection(resource("valid-bom-1.6.xml"), new ImportOptions(null, "Acme Corp", " ", null, false));
    assertThat(e.problem()).isEqualTo("an SBOM needs --customer and --asset to say whose asset it describes");
  }

  @Test
  void cyclonedx_largerThanTheLimit_isRejectedBySize() throws IOException {
    CycloneDxParser small = new CycloneDxParser(1024);
    byte[] bytes = resource("valid-bom-1.6.json");
    assertThatThrownBy(() -> small.parse(new Source("bom", new ByteArrayInputStream(bytes), assetOptions()), new RecordingSink()))
        .isInstanceOfSatisfying(InputRejected.class, e -> assertThat(e.problem()).isEqualTo("is larger than 1 KiB"));
    assertThat(Utf8Text.describeSize(BoundedDocument.MAX_BYTES)).isEqualTo("256 MiB");
  }

  @Test
  void cyclonedx_invalidUtf8_isRejectedWithLineAndColumn() {
    byte[] text = ("{\"bomFormat\":\"CycloneDX\",\n\"specVersion\":\"1.6\",\n\"components\":[{\"type\":\"library\",\"name\":\"\u00e9X\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    // Cut the two-byte é in half: its lead byte stays, followed by 'X', which is no continuation byte.
    byte[] bad = text.clone();
    int lead = indexOf(bad, (byte) 0xC3);
    bad[lead + 1] = 'X';
    InputRejected e = rejection(bad, assetOptions());
    assertThat(e.place()).isEqualTo("line 3, column 41");
    assertThat(e.problem()).isEqualTo("is not valid UTF-8 text");
  }

  @Test
  void cyclonedx_utf8Surrogate_isRejected() {
    byte[] text = jsonBom("{\"type\":\"library\",\"name\":\"ab\"}").getBytes(StandardCharsets.UTF_8);
    int at = indexOf(text, (byte) 'a');
    byte[] bad = new byte[text.length + 3];
    System.arraycopy(text, 0, bad, 0, at);
    bad[at] = (byte) 0xED; // U+D800, a surrogate, is not a UTF-8 character
    bad[at + 1] = (byte) 0xA0;
    bad[at + 2] = (byte) 0x80;
    System.arraycopy(text, at, bad, at + 3, text.length - at);
    assertThat(rejection(bad, assetOptions()).problem()).isEqualTo("is not valid UTF-8 text");
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
    throw new AssertionError("byte not found");
  }

  @Test
  void cyclonedx_malformedTimestamp_isRejectedAtItsPlace() {
    InputRejected json = rejection("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"metadata\":{\"timestamp\":\"yesterday\"}}");
    assertThat(json.place()).isEqualTo("/metadata/timestamp");
    InputRejected xml = rejection("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">\n<metadata>\n<timestamp>yesterday</timestamp>"
        + "</metadata></bom>");
    assertThat(xml.place()).isEqualTo("line 3");
  }

  @Test
  void cyclonedx_timestampWithoutZone_isTakenAsUtc() throws IOException {
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><metadata><timestamp>2023-03-29T10:00:00</timestamp>"
        + "</metadata><components><component type=\"library\"><name>a</name></component></components></bom>";
    assertThat(only(parse(xml)).observedAt()).isEqualTo(Instant.parse("2023-03-29T10:00:00Z"));
  }

  @Test
  void cyclonedx_truncatedJson_isRejectedWithALine() {
    InputRejected e = rejection("{\"bomFormat\":\"CycloneDX\",\n\"specVersion\":\"1.6\",\n\"components\":[{\"name\":");
    assertThat(e.place()).startsWith("line 3");
    assertThat(e.problem()).isEqualTo("ends before the JSON document is complete");
  }

  @Test
  void cyclonedx_componentsOfTheWrongShape_isRejectedWithThePointer() {
    InputRejected e = rejection("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[{\"type\":\"no-such-type\",\"name\":\"a\"}]}");
    assertThat(e.place()).isEqualTo("/components/0/type");
    assertThat(e.problem()).startsWith("does not fit the CycloneDX 1.6 model");
  }

  @Test
  void cyclonedx_deepNesting_isRejectedAsALimit() {
    String deep = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(rejection(deep).problem()).startsWith("exceeds a safety limit");
  }

  @Test
  void cyclonedx_deepXmlNesting_isRejected() {
    String deep = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">" + "<x>".repeat(5000) + "</x>".repeat(5000) + "</bom>";
    assertThat(rejection(deep).problem()).contains("deeper than");
  }

  @Test
  void cyclonedx_accepts_sniffsJsonAndXmlButNotOtherFormats() {
    assertThat(parser.accepts(head("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"}"))).isTrue();
    assertThat(parser.accepts(head("\uFEFF  <?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>"))).isTrue();
    assertThat(parser.accepts(head("{\"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\"}"))).isFalse();
    assertThat(parser.accepts(head("<?xml version=\"1.0\"?><root/>"))).isFalse();
    assertThat(parser.accepts(head("customer,asset\n"))).isFalse();
    assertThat(parser.accepts(new Head("empty", new byte[0]))).isFalse();
  }

  private static Head head(String text) {
    return new Head("h", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void cyclonedx_everyInstallation_listsComponentsInDocumentOrder() throws IOException {
    List<String> products = parse(resource("valid-component-types-1.6.json")).installations.stream()
        .map(Installation::product).collect(Collectors.toList());
    assertThat(products).startsWith("application-a", "library-a", "framework-a");
  }
}
