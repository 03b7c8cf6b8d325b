package io.chainwatch.formats.spdx;

import static io.chainwatch.formats.spdx.SpdxSamples.ASSET;
import static io.chainwatch.formats.spdx.SpdxSamples.CUSTOMER;
import static io.chainwatch.formats.spdx.SpdxSamples.assetOptions;
import static io.chainwatch.formats.spdx.SpdxSamples.resource;
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
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpdxParserTest {
  private final SpdxParser parser = new SpdxParser();

  private RecordingSink parse(byte[] bytes, ImportOptions options) throws IOException {
    RecordingSink sink = new RecordingSink();
    parser.parse(new Source("sbom", new ByteArrayInputStream(bytes), options), sink);
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
    assertThat(e.file()).isEqualTo("sbom");
    return e;
  }

  private static String document(String packages) {
    return "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"doc\",\"dataLicense\":\"CC0-1.0\","
        + "\"creationInfo\":{\"created\":\"2024-11-18T10:22:12Z\",\"creators\":[\"Tool: test\"]},\"packages\":[" + packages + "]}";
  }

  private static String pkg(String id, String members) {
    return "{\"SPDXID\":\"" + id + "\",\"name\":\"" + id.toLowerCase(java.util.Locale.ROOT) + "\",\"downloadLocation\":\"NOASSERTION\""
        + (members.isEmpty() ? "" : "," + members) + "}";
  }

  private static Installation only(RecordingSink sink) {
    assertThat(sink.installations).hasSize(1);
    return sink.installations.get(0);
  }

  private static Installation product(RecordingSink sink, String name) {
    return sink.installations.stream().filter(i -> i.product().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SPDXJSONExample-v2.3.spdx.json", "example11-sbom.spdx.json", "examplemaven-0.0.1-enriched.spdx.json"})
  void spdx_referenceDocument_isAcceptedAndEveryPackageIsAnInstallation(String file) throws IOException {
    byte[] bytes = resource(file);
    assertThat(parser.accepts(new Head(file, Arrays.copyOf(bytes, Math.min(bytes.length, Head.SIZE))))).isTrue();
    RecordingSink sink = parse(bytes);
    assertThat(sink.installations).isNotEmpty().allSatisfy(i -> {
      assertThat(i.customer()).isEqualTo(CUSTOMER);
      assertThat(i.asset()).isEqualTo(ASSET);
      assertThat(i.platform()).isEqualTo(Platform.ANY);
      assertThat(i.installPath()).isNull();
      assertThat(i.observedAt()).isNotNull();
      if (i.sha256() != null) assertThat(i.sha256()).matches("[0-9a-f]{64}");
    });
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void spdx_toolsJavaExample_mapsSupplierCpeAndChecksum() throws IOException {
    RecordingSink sink = parse(resource("SPDXJSONExample-v2.3.spdx.json"));
    assertThat(sink.installations).extracting(Installation::product)
        .containsExactly("glibc", "Apache Commons Lang", "Jena", "Saxon");
    Installation glibc = product(sink, "glibc");
    assertThat(glibc.vendor()).isEqualTo("Jane Doe");
    assertThat(glibc.version()).isEqualTo("2.11.1");
    assertThat(glibc.cpe()).isEqualTo("cpe:2.3:a:pivotal_software:spring_framework:4.1.0:*:*:*:*:*:*:*");
    assertThat(glibc.sha256()).isEqualTo("11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd");
    assertThat(glibc.observedAt()).isEqualTo(Instant.parse("2010-01-29T18:30:22Z"));
    Installation jena = product(sink, "Jena");
    assertThat(jena.purl()).isEqualTo("pkg:maven/org.apache.jena/apache-jena@3.12.0");
    assertThat(jena.vendor()).isEqualTo("org.apache.jena");
    Installation lang = product(sink, "Apache Commons Lang");
    assertThat(lang.version()).isEmpty();
    assertThat(lang.vendor()).isEmpty();
  }

  @Test
  void spdx_mavenExample_noSupplier_takesTheOriginator() throws IOException {
    RecordingSink sink = parse(resource("examplemaven-0.0.1-enriched.spdx.json"));
    assertThat(product(sink, "JUnit").vendor()).isEqualTo("JUnit");
    assertThat(product(sink, "examplemaven").vendor()).isEqualTo("SPDX");
  }

  @Test
  void spdx_example11_purlWithoutNamespace_leavesTheVendorEmpty() throws IOException {
    Installation tokio = product(parse(resource("example11-sbom.spdx.json")), "tokio");
    assertThat(tokio.purl()).isEqualTo("pkg:cargo/tokio@1.19.2");
    assertThat(tokio.vendor()).isEmpty();
    assertThat(tokio.version()).isEqualTo("1.19.2");
    assertThat(tokio.sha256()).matches("[0-9a-f]{64}");
  }

  @Test
  void spdx_supplierNoAssertion_fallsBackToOriginatorThenPurlNamespace() throws IOException {
    assertThat(only(parse(document(pkg("A", "\"supplier\":\"NOASSERTION\",\"originator\":\"Person: Ann Lee (ann@example.com)\"")))).vendor())
        .isEqualTo("Ann Lee");
    assertThat(only(parse(document(pkg("A", "\"supplier\":\"NOASSERTION\",\"externalRefs\":[{\"referenceCategory\":"
        + "\"PACKAGE_MANAGER\",\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:npm/%40scope/thing@1.0.0\"}]")))).vendor())
        .isEqualTo("@scope");
    assertThat(only(parse(document(pkg("A", "\"supplier\":\"Organization: 3CX Ltd\"")))).vendor()).isEqualTo("3CX Ltd");
  }

  @Test
  void spdx_packageManagerWithUnderscore_givesThePurl() throws IOException {
    Installation i = only(parse(document(pkg("A", "\"externalRefs\":[{\"referenceCategory\":\"PACKAGE_MANAGER\","
        + "\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows\"}]"))));
    assertThat(i.purl()).isEqualTo("pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows");
    assertThat(i.vendor()).isEqualTo("3cx");
  }

  @Test
  void spdx_cpe23_isPreferredOverCpe22() throws IOException {
    Installation i = only(parse(document(pkg("A", "\"externalRefs\":["
        + "{\"referenceCategory\":\"SECURITY\",\"referenceType\":\"cpe22Type\",\"referenceLocator\":\"cpe:/a:3cx:3cx:18.12\"},"
        + "{\"referenceCategory\":\"SECURITY\",\"referenceType\":\"cpe23Type\",\"referenceLocator\":\"cpe:2.3:a:3cx:3cx:18.12:*:*:*:*:*:*:*\"}]"))));
    assertThat(i.cpe()).isEqualTo("cpe:2.3:a:3cx:3cx:18.12:*:*:*:*:*:*:*");
    Installation only22 = only(parse(document(pkg("A", "\"externalRefs\":["
        + "{\"referenceCategory\":\"SECURITY\",\"referenceType\":\"cpe22Type\",\"referenceLocator\":\"cpe:/a:3cx:3cx:18.12\"}]"))));
    assertThat(only22.cpe()).isEqualTo("cpe:/a:3cx:3cx:18.12");
  }

  @Test
  void spdx_sha256_isLowerCasedAndOtherAlgorithmsIgnored() throws IOException {
    String upper = "A74F733635A19AEFB1F73E5947CEF59CD7440C6952EF0F03D09D974274CBD6DF";
    Installation i = only(parse(document(pkg("A", "\"checksums\":[{\"algorithm\":\"SHA1\",\"checksumValue\":\"25ed8e31b995bb927966616df2a42b979a2717f0\"},"
        + "{\"algorithm\":\"SHA256\",\"checksumValue\":\"" + upper + "\"}]"))));
    assertThat(i.sha256()).isEqualTo(upper.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void spdx_sha256NotHex_isRejectedWithItsPointer() {
    InputRejected e = rejection(document(pkg("A", "") + "," + pkg("B", "\"checksums\":[{\"algorithm\":\"SHA256\",\"checksumValue\":\"xyz\"}]")));
    assertThat(e.place()).isEqualTo("/packages/1/checksums/0/checksumValue");
  }

  @Test
  void spdx_missingSpdxVersion_isRejectedWithItsPointer() {
    InputRejected e = rejection("{\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"doc\",\"packages\":[]}");
    assertThat(e.place()).isEqualTo("/spdxVersion");
    assertThat(e.problem()).isEqualTo("is missing or empty");
  }

  @Test
  void spdx_missingDocumentSpdxId_isRejectedWithItsPointer() {
    assertThat(rejection("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"doc\"}").place()).isEqualTo("/SPDXID");
  }

  @Test
  void spdx_missingDocumentName_isRejectedWithItsPointer() {
    assertThat(rejection("{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\"}").place()).isEqualTo("/name");
  }

  @Test
  void spdx_packageWithoutSpdxId_isRejectedWithItsPointer() {
    InputRejected e = rejection(document(pkg("A", "") + ",{\"name\":\"b\",\"downloadLocation\":\"NONE\"}"));
    assertThat(e.place()).isEqualTo("/packages/1/SPDXID");
  }

  @Test
  void spdx_packageWithoutName_isRejectedWithItsPointer() {
    InputRejected e = rejection(document("{\"SPDXID\":\"SPDXRef-A\",\"name\":\"  \"}"));
    assertThat(e.place()).isEqualTo("/packages/0/name");
  }

  @Test
  void spdx_fieldOfTheWrongType_isRejectedWithItsPointer() {
    InputRejected e = rejection(document(pkg("A", "\"versionInfo\":3")));
    assertThat(e.place()).isEqualTo("/packages/0/versionInfo");
    assertThat(e.problem()).isEqualTo("must be a string");
  }

  @Test
  void spdx_otherMajorVersion_isRejectedByName() {
    InputRejected e = rejection("{\"spdxVersion\":\"SPDX-3.0\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"doc\"}");
    assertThat(e.place()).isEqualTo("/spdxVersion");
    assertThat(e.problem()).isEqualTo("SPDX-3.0 is not supported; this build reads SPDX-2.2 and SPDX-2.3");
  }

  @Test
  void spdx_version22_isRead() throws IOException {
    assertThat(parse(document(pkg("A", "")).replace("SPDX-2.3", "SPDX-2.2")).installations).hasSize(1);
  }

  @Test
  void spdx_malformedCreated_isRejectedWithItsPointer() {
    InputRejected e = rejection(document(pkg("A", "")).replace("2024-11-18T10:22:12Z", "last tuesday"));
    assertThat(e.place()).isEqualTo("/creationInfo/created");
  }

  @Test
  void spdx_missingCustomerOrAsset_isRejected() throws IOException {
    byte[] bytes = resource("example11-sbom.spdx.json");
    assertThat(rejection(bytes, new ImportOptions(null, null, ASSET, null, false)).problem())
        .isEqualTo("an SBOM needs --customer and --asset to say whose asset it describes");
    assertThat(rejection(bytes, new ImportOptions(null, CUSTOMER, null, null, false)).problem())
        .isEqualTo("an SBOM needs --customer and --asset to say whose asset it describes");
  }

  @Test
  void spdx_largerThanTheLimit_isRejectedBySize() throws IOException {
    SpdxParser small = new SpdxParser(2048);
    byte[] bytes = resource("SPDXJSONExample-v2.3.spdx.json");
    assertThatThrownBy(() -> small.parse(new Source("sbom", new ByteArrayInputStream(bytes), assetOptions()), new RecordingSink()))
        .isInstanceOfSatisfying(InputRejected.class, e -> assertThat(e.problem()).isEqualTo("is larger than 2 KiB"));
    assertThat(Utf8Text.describeSize(BoundedDocument.MAX_BYTES)).isEqualTo("256 MiB");
  }

  @Test
  void spdx_truncated_isRejectedWithALine() {
    InputRejected e = rejection("{\"spdxVersion\":\"SPDX-2.3\",\n\"packages\":[");
    assertThat(e.place()).startsWith("line 2");
    assertThat(e.problem()).isEqualTo("ends before the JSON document is complete");
  }

  @Test
  void spdx_duplicateKey_isRejected() {
    assertThat(rejection("{\"spdxVersion\":\"SPDX-2.3\",\"spdxVersion\":\"SPDX-2.2\"}").problem()).contains("Duplicate");
  }

  @Test
  void spdx_deepNesting_isRejectedAsALimit() {
    String deep = "{\"spdxVersion\":\"SPDX-2.3\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(rejection(deep).problem()).startsWith("exceeds a safety limit");
  }

  @Test
  void spdx_invalidUtf8_isRejectedAsSuch() {
    byte[] bytes = document(pkg("A", "")).getBytes(StandardCharsets.UTF_8);
    bytes[bytes.length - 10] = (byte) 0xFF;
    InputRejected e = rejection(bytes, assetOptions());
    assertThat(e.problem()).isEqualTo("is not valid UTF-8 text");
    assertThat(e.place()).startsWith("line 1, column ");
  }

  @Test
  void spdx_accepts_sniffsSpdxJsonButNotCycloneDx() {
    assertThat(parser.accepts(head("{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"SPDXID\": \"SPDXRef-DOCUMENT\"}"))).isTrue();
    assertThat(parser.accepts(head("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}"))).isFalse();
    assertThat(parser.accepts(head("{\"spdxVersion\":\"SPDX-3.0\"}"))).isFalse();
    assertThat(parser.accepts(head("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n"))).isFalse();
  }

  private static Head head(String text) {
    return new Head("h", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void spdx_party_stripsTypeAndContact() {
    assertThat(SpdxParser.party("Organization: ExampleCodeInspect (contact@example.com)")).isEqualTo("ExampleCodeInspect");
    assertThat(SpdxParser.party("Person: Jane Doe")).isEqualTo("Jane Doe");
    assertThat(SpdxParser.party("NOASSERTION")).isNull();
    assertThat(SpdxParser.party("  ")).isNull();
  }
}
