package io.chainwatch.formats.cyclonedx;

import static io.chainwatch.formats.cyclonedx.CycloneDxSamples.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chainwatch.formats.RecordingSink;
import io.chainwatch.graph.Relation;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A vendor's CycloneDX SBOM of its product (no --customer/--asset): bundles edges from the product release. */
class CycloneDxProductSbomTest {
  private static final ImportOptions VENDOR = new ImportOptions(null, null, null, null, false);
  private static final String LARAVEL_DEMO = "release:Jan Kowalleck/cyclonedx-php-composer-demo@dev-master";

  private static RecordingSink parse(byte[] bytes) throws IOException {
    RecordingSink sink = new RecordingSink();
    new CycloneDxParser().parse(new Source("dir/product.cdx.json", new ByteArrayInputStream(bytes), VENDOR), sink);
    return sink;
  }

  private static RecordingSink parse(String text) throws IOException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> targets(RecordingSink sink) {
    return sink.trustEdges.stream().map(e -> e.to().toString()).collect(Collectors.toList());
  }

  private static String bom(String metadataComponent, String components, String dependencies) {
    return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
        + (metadataComponent.isEmpty() ? "" : "\"metadata\":{\"component\":" + metadataComponent + "},")
        + "\"components\":[" + components + "]" + (dependencies.isEmpty() ? "" : ",\"dependencies\":[" + dependencies + "]") + "}";
  }

  private static String component(String ref, String supplier, String name, String version, String extra) {
    return "{\"type\":\"library\",\"bom-ref\":\"" + ref + "\",\"supplier\":{\"name\":\"" + supplier + "\"},\"name\":\"" + name + "\""
        + (version.isEmpty() ? "" : ",\"version\":\"" + version + "\"") + extra + "}";
  }

  private static String dep(String ref, String... on) {
    return "{\"ref\":\"" + ref + "\",\"dependsOn\":[" + (on.length == 0 ? "" : "\"" + String.join("\",\"", on) + "\"") + "]}";
  }

  @Test
  void laravel_everyComponentOfTheSixLevelGraph_isBundledByTheDemoRelease() throws IOException {
    RecordingSink sink = parse(resource("laravel-7.12.0.bom.1.4.json"));
    assertThat(sink.installations).isEmpty();
    assertThat(sink.trustEdges).hasSize(62).allSatisfy(e -> {
      assertThat(e.from().toString()).isEqualTo(LARAVEL_DEMO);
      assertThat(e.relation()).isEqualTo(Relation.BUNDLES);
      assertThat(e.confidence()).isEqualTo(100);
      assertThat(e.source()).isEqualTo("product.cdx.json");
      assertThat(e.validFrom()).isNull();
      assertThat(e.validTo()).isNull();
    });
    // Depth 1 (laravel/laravel), 2 (laravel/framework) and 6 (psr/event-dispatcher, through laravel-cors, http-kernel,
    // event-dispatcher and its contracts) alike.
    assertThat(targets(sink)).contains(
        "release:laravel/laravel@v7.12.0",
        "release:Taylor Otwell/framework@v7.30.6",
        "release:PHP-FIG/event-dispatcher@1.0.0",
        "release:Fabien Potencier, Symfony Community/http-foundation@v5.4.16");
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void laravel_jsonAndXml_giveTheSameEdges() throws IOException {
    List<TrustEdge> json = parse(resource("laravel-7.12.0.bom.1.4.json")).trustEdges;
    List<TrustEdge> xml = parse(resource("laravel-7.12.0.bom.1.4.xml")).trustEdges;
    assertThat(xml).containsExactlyInAnyOrderElementsOf(json);
  }

  @Test
  void dependencyGraph_onlyWhatTheProductNeedsIsBundled_throughCycles() throws IOException {
    RecordingSink sink = parse(bom(
        component("app", "Acme", "App", "2.0", ""),
        String.join(",",
            component("a", "Liba Inc", "liba", "1.0", ""),
            component("b", "Libb Inc", "libb", "", ""),
            component("c", "Libc Inc", "libc", "3.1", ""),
            component("tool", "Tools Inc", "devtool", "9", ""),
            component("x", "Gone Inc", "excluded-lib", "1", ",\"scope\":\"excluded\"")),
        String.join(",", dep("app", "a", "x"), dep("a", "b"), dep("b", "c"), dep("c", "a", "app"), dep("tool", "a"))));
    assertThat(sink.trustEdges).allSatisfy(e -> assertThat(e.from().toString()).isEqualTo("release:Acme/App@2.0"));
    assertThat(targets(sink)).containsExactly("release:Liba Inc/liba@1.0", "product:Libb Inc/libb", "release:Libc Inc/libc@3.1");
  }

  @Test
  void noDependencyGraph_everyListedComponentIsBundled_onceEach() throws IOException {
    RecordingSink sink = parse(bom(
        component("app", "Acme", "App", "", ""),
        String.join(",", component("a", "Liba Inc", "liba", "1.0", ""), component("a2", "Liba Inc.", "liba", "1.0", ""),
            component("self", "Acme", "App", "", "")),
        ""));
    assertThat(sink.trustEdges).extracting(e -> e.from().toString()).containsOnly("product:Acme/App");
    assertThat(targets(sink)).containsExactly("release:Liba Inc/liba@1.0");
  }

  @Test
  void dependencyOnAnUnlistedRef_isLeftOutWithAWarning() throws IOException {
    RecordingSink sink = parse(bom(component("app", "Acme", "App", "1", ""), component("a", "Liba Inc", "liba", "1.0", ""),
        dep("app", "a", "urn:elsewhere")));
    assertThat(targets(sink)).containsExactly("release:Liba Inc/liba@1.0");
    assertThat(sink.warnings).singleElement().asString().contains("/dependencies", "1 bom-ref");
  }

  @Test
  void withoutMetadataComponent_isRejected() {
    InputRejected e = catchThrowableOfType(InputRejected.class,
        () -> parse(bom("", component("a", "Liba Inc", "liba", "1.0", ""), "")));
    assertThat(e).isNotNull();
    assertThat(e.place()).isEqualTo("/metadata/component");
    assertThat(e.problem()).contains("without --customer and --asset");
  }

  @Test
  void componentWithoutName_isRejectedAtItsPointer() {
    InputRejected e = catchThrowableOfType(InputRejected.class,
        () -> parse(bom(component("app", "Acme", "App", "1", ""), "{\"type\":\"library\",\"bom-ref\":\"a\"}", dep("app", "a"))));
    assertThat(e).isNotNull();
    assertThat(e.place()).isEqualTo("/components/0/name");
  }
}
