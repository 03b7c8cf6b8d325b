package io.chainwatch.formats.spdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chainwatch.formats.RecordingSink;
import io.chainwatch.graph.Relation;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A vendor's SPDX SBOM of its product (no --customer/--asset): bundles edges from the described package. */
class SpdxProductSbomTest {
  private static final ImportOptions VENDOR = new ImportOptions(null, null, null, null, false);

  private static RecordingSink parse(byte[] bytes) throws IOException {
    RecordingSink sink = new RecordingSink();
    new SpdxParser().parse(new Source("sbom.spdx.json", new ByteArrayInputStream(bytes), VENDOR), sink);
    return sink;
  }

  private static RecordingSink parse(String text) throws IOException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SpdxProductSbomTest.class.getResourceAsStream("/spdx/" + name)) {
      return in.readAllBytes();
    }
  }

  private static List<String> edges(RecordingSink sink) {
    return sink.trustEdges.stream().map(e -> e.from() + " -> " + e.to()).collect(Collectors.toList());
  }

  private static String document(String describes, String packages, String relationships) {
    return "{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\",\"name\":\"doc\",\"dataLicense\":\"CC0-1.0\","
        + (describes.isEmpty() ? "" : "\"documentDescribes\":[" + describes + "],")
        + "\"packages\":[" + packages + "],\"relationships\":[" + relationships + "]}";
  }

  private static String pkg(String id, String supplier, String version) {
    return "{\"SPDXID\":\"" + id + "\",\"name\":\"" + id.substring("SPDXRef-".length()) + "\",\"downloadLocation\":\"NOASSERTION\","
        + "\"supplier\":\"Organization: " + supplier + "\"" + (version.isEmpty() ? "" : ",\"versionInfo\":\"" + version + "\"") + "}";
  }

  private static String rel(String element, String type, String related) {
    return "{\"spdxElementId\":\"" + element + "\",\"relationshipType\":\"" + type + "\",\"relatedSpdxElement\":\"" + related + "\"}";
  }

  @Test
  void example11_theDescribedServerBundlesItsThreeCrates() throws IOException {
    RecordingSink sink = parse(resource("example11-sbom.spdx.json"));
    assertThat(sink.installations).isEmpty();
    assertThat(edges(sink)).containsExactlyInAnyOrder(
        "release:debian/hello-server-src@0.1.0 -> release:/pretty_env_logger@0.4.0",
        "release:debian/hello-server-src@0.1.0 -> release:/tokio@1.19.2",
        "release:debian/hello-server-src@0.1.0 -> release:/hyper@0.14");
    assertThat(sink.trustEdges).allSatisfy(e -> {
      assertThat(e.relation()).isEqualTo(Relation.BUNDLES);
      assertThat(e.confidence()).isEqualTo(100);
      assertThat(e.source()).isEqualTo("sbom.spdx.json");
    });
  }

  @Test
  void exampleMaven_describesRelationship_dynamicLinksBundled_testDependencyNot() throws IOException {
    RecordingSink sink = parse(resource("examplemaven-0.0.1-enriched.spdx.json"));
    assertThat(edges(sink)).hasSize(4).allSatisfy(e -> assertThat(e).startsWith("release:SPDX/examplemaven@0.0.1 -> "));
    assertThat(edges(sink)).noneMatch(e -> e.contains("JUnit"));
  }

  @Test
  void specExample_describedGlibcBundlesSaxon_filesAreNotComponents() throws IOException {
    RecordingSink sink = parse(resource("SPDXJSONExample-v2.3.spdx.json"));
    assertThat(edges(sink)).containsExactly("release:Jane Doe/glibc@2.11.1 -> release:/Saxon@8.8");
  }

  @Test
  void inverseRelationships_areNormalised_andFollowedTransitively_throughCycles() throws IOException {
    RecordingSink sink = parse(document("\"SPDXRef-app\"",
        String.join(",", pkg("SPDXRef-app", "Acme", "2.0"), pkg("SPDXRef-a", "A Inc", "1"), pkg("SPDXRef-b", "B Inc", ""),
            pkg("SPDXRef-c", "C Inc", "3"), pkg("SPDXRef-d", "D Inc", "4"), pkg("SPDXRef-t", "T Inc", "5"), pkg("SPDXRef-u", "U Inc", "6")),
        String.join(",", rel("SPDXRef-a", "DEPENDENCY_OF", "SPDXRef-app"), rel("SPDXRef-a", "STATIC_LINK", "SPDXRef-b"),
            rel("SPDXRef-c", "CONTAINED_BY", "SPDXRef-b"), rel("SPDXRef-c", "DEPENDS_ON", "SPDXRef-a"),
            rel("SPDXRef-d", "RUNTIME_DEPENDENCY_OF", "SPDXRef-c"), rel("SPDXRef-t", "TEST_DEPENDENCY_OF", "SPDXRef-app"),
            rel("SPDXRef-u", "DEPENDS_ON", "SPDXRef-a"))));
    assertThat(edges(sink)).containsExactly(
        "release:Acme/app@2.0 -> release:A Inc/a@1", "release:Acme/app@2.0 -> product:B Inc/b",
        "release:Acme/app@2.0 -> release:C Inc/c@3", "release:Acme/app@2.0 -> release:D Inc/d@4");
  }

  @Test
  void describedPackageWithoutRelationships_bundlesEveryOtherPackage() throws IOException {
    RecordingSink sink = parse(document("", String.join(",", pkg("SPDXRef-app", "Acme", "2.0"), pkg("SPDXRef-a", "A Inc", "1")),
        rel("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-app")));
    assertThat(edges(sink)).containsExactly("release:Acme/app@2.0 -> release:A Inc/a@1");
  }

  @Test
  void nothingDescribed_isRejected() {
    InputRejected e = catchThrowableOfType(InputRejected.class,
        () -> parse(document("", pkg("SPDXRef-app", "Acme", "2.0"), "")));
    assertThat(e).isNotNull();
    assertThat(e.place()).isEqualTo("/documentDescribes");
    assertThat(e.problem()).contains("without --customer and --asset");
  }

  @Test
  void relationshipWithoutType_isRejectedAtItsPointer() {
    InputRejected e = catchThrowableOfType(InputRejected.class, () -> parse(document("\"SPDXRef-app\"",
        pkg("SPDXRef-app", "Acme", "2.0"), "{\"spdxElementId\":\"SPDXRef-app\",\"relatedSpdxElement\":\"SPDXRef-a\"}")));
    assertThat(e).isNotNull();
    assertThat(e.place()).isEqualTo("/relationships/0/relationshipType");
  }
}
