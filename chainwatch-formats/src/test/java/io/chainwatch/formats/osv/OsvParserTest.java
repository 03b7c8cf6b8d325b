package io.chainwatch.formats.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.Containment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OsvParserTest extends ParserContractTest {
  @Override
  protected Parser parser() {
    return new OsvParser();
  }

  @Override
  protected byte[] validSample() throws IOException {
    return resource("PYSEC-2023-74.json");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = OsvParserTest.class.getResourceAsStream("/osv/" + name)) {
      return in.readAllBytes();
    }
  }

  private Incident incident(byte[] bytes) throws IOException {
    RecordingSink sink = parse(bytes);
    assertThat(sink.incidents).hasSize(1);
    return sink.incidents.get(0);
  }

  private static String record(String affected) {
    return "{\"id\":\"OSV-TEST-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[" + affected + "]}";
  }

  @Test
  void goStdlib_twoIntroducedFixedPairs_giveExactlyTwoStretches() throws IOException {
    Incident i = incident(resource("GO-2024-2963.json"));
    assertThat(i.id()).isEqualTo("GO-2024-2963");
    assertThat(i.disclosed()).hasToString("2024-07-02");
    assertThat(i.affected()).hasSize(1);
    ProductVersions go = i.affected().get(0);
    assertThat(go.vendor()).isEqualTo("Go");
    assertThat(go.product()).isEqualTo("stdlib");
    assertThat(go.purl()).isEqualTo("pkg:golang/stdlib");
    assertThat(go.versionsText()).isEqualTo("vers:golang/<1.21.12|>=1.22.0-0|<1.22.5");
    assertThat(go.contains("1.20.0", Platform.LINUX)).isEqualTo(Containment.IN);
    assertThat(go.contains("1.21.11", Platform.LINUX)).isEqualTo(Containment.IN);
    assertThat(go.contains("1.21.12", Platform.LINUX)).isEqualTo(Containment.OUT);
    assertThat(go.contains("1.21.99", Platform.LINUX)).isEqualTo(Containment.OUT);
    assertThat(go.contains("1.22.0", Platform.LINUX)).isEqualTo(Containment.IN);
    assertThat(go.contains("1.22.4", Platform.LINUX)).isEqualTo(Containment.IN);
    assertThat(go.contains("1.22.5", Platform.LINUX)).isEqualTo(Containment.OUT);
    assertThat(go.contains("1.23.0", Platform.LINUX)).isEqualTo(Containment.OUT);
    assertThat(i.references()).startsWith("CVE-2024-24791").contains("https://go.dev/cl/591255");
  }

  @Test
  void pypiRequests_gitRangeIgnoredWithAWarning_ecosystemRangeAndVersionListKept() throws IOException {
    RecordingSink sink = parse(resource("PYSEC-2023-74.json"));
    Incident i = sink.incidents.get(0);
    assertThat(sink.warnings).singleElement().asString().contains("/affected/0/ranges/0").contains("GIT");
    assertThat(i.affected()).hasSize(2);
    ProductVersions range = i.affected().get(0);
    assertThat(range.versionsText()).isEqualTo("vers:pypi/>=2.3.0|<2.31.0");
    assertThat(range.purl()).isEqualTo("pkg:pypi/requests");
    assertThat(range.vendor()).isEqualTo("PyPI");
    assertThat(range.product()).isEqualTo("requests");
    assertThat(range.contains("2.30.0", Platform.ANY)).isEqualTo(Containment.IN);
    assertThat(range.contains("2.31.0", Platform.ANY)).isEqualTo(Containment.OUT);
    assertThat(range.contains("2.2.1", Platform.ANY)).isEqualTo(Containment.OUT);
    ProductVersions exact = i.affected().get(1);
    assertThat(exact.contains("2.9.2", Platform.ANY)).isEqualTo(Containment.IN);
    assertThat(exact.contains("2.9.3", Platform.ANY)).isEqualTo(Containment.OUT);
    assertThat(i.references()).startsWith("CVE-2023-32681", "GHSA-j8r2-6x86-q33q");
  }

  @Test
  void maliciousPackage_versionsOnly_isAnExactSet() throws IOException {
    Incident i = incident(resource("MAL-2024-10238.json"));
    assertThat(i.title()).isEqualTo("Malicious code in 123bla (PyPI)");
    assertThat(i.affected()).singleElement().satisfies(p -> {
      assertThat(p.versionsText()).isEqualTo("vers:pypi/0.0.1");
      assertThat(p.purl()).isEqualTo("pkg:pypi/123bla");
      assertThat(p.contains("0.0.1", Platform.WINDOWS)).isEqualTo(Containment.IN);
      assertThat(p.contains("0.0.2", Platform.WINDOWS)).isEqualTo(Containment.OUT);
    });
  }

  @Test
  void introducedZeroAlone_isEveryVersion() throws IOException {
    Incident i = incident(record("{\"package\":{\"ecosystem\":\"npm\",\"name\":\"@ctrl/tinycolor\"},"
        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}").getBytes(StandardCharsets.UTF_8));
    ProductVersions p = i.affected().get(0);
    assertThat(p.versionsText()).isEqualTo("vers:npm/*");
    assertThat(p.vendor()).isEqualTo("@ctrl");
    assertThat(p.product()).isEqualTo("tinycolor");
    assertThat(p.purl()).isEqualTo("pkg:npm/%40ctrl/tinycolor");
  }

  @Test
  void lastAffected_isInclusive_andEventsOutOfOrderAreSorted() throws IOException {
    Incident i = incident(record("{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"org.example:lib\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"last_affected\":\"2.0\"},{\"introduced\":\"1.5\"}]}]}")
        .getBytes(StandardCharsets.UTF_8));
    ProductVersions p = i.affected().get(0);
    assertThat(p.versionsText()).isEqualTo("vers:maven/>=1.5|<=2.0");
    assertThat(p.vendor()).isEqualTo("org.example");
    assertThat(p.contains("2.0", Platform.ANY)).isEqualTo(Containment.IN);
    assertThat(p.contains("2.0.1", Platform.ANY)).isEqualTo(Containment.OUT);
  }

  @Test
  void unknownEcosystemRange_isKeptAsTextAndUnknown() throws IOException {
    RecordingSink sink = parse(record("{\"package\":{\"ecosystem\":\"Alpine:v3.18\",\"name\":\"openssl\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.1.4-r1\"}]}]}")
        .getBytes(StandardCharsets.UTF_8));
    ProductVersions p = sink.incidents.get(0).affected().get(0);
    assertThat(p.versions()).isNull();
    assertThat(p.contains("3.1.0-r0", Platform.LINUX)).isEqualTo(Containment.UNKNOWN);
    assertThat(sink.warnings).singleElement().asString().contains("no version order");
  }

  @Test
  void withdrawn_importsNoAffectedReleases() throws IOException {
    RecordingSink sink = parse(("{\"id\":\"GHSA-xxxx-yyyy-zzzz\",\"modified\":\"2024-01-02T00:00:00Z\",\"withdrawn\":\"2024-01-02T00:00:00Z\","
        + "\"summary\":\"s\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"x\"},\"versions\":[\"1.0.0\"]}]}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(sink.incidents.get(0).affected()).isEmpty();
    assertThat(sink.incidents.get(0).title()).startsWith("(withdrawn)");
    assertThat(sink.warnings).anySatisfy(w -> assertThat(w).contains("withdrawn"));
  }

  @Test
  void rangeWithoutIntroduced_isRejectedAtItsEvents() {
    assertThatThrownBy(() -> parse(record("{\"package\":{\"ecosystem\":\"npm\",\"name\":\"x\"},"
        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"fixed\":\"1.0.0\"}]}]}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/affected/0/ranges/0/events").hasMessageContaining("introduced");
  }

  @Test
  void fixedAndLastAffectedInOneRange_areRejected() {
    assertThatThrownBy(() -> parse(record("{\"package\":{\"ecosystem\":\"npm\",\"name\":\"x\"},"
        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"},{\"last_affected\":\"2.0.0\"}]}]}")
        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("last_affected");
  }

  @Test
  void missingModified_isRejected() {
    assertThatThrownBy(() -> parse("{\"id\":\"X-1\",\"summary\":\"s\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/modified");
  }

  @Test
  void missingPackageName_isRejectedAtItsPointer() {
    assertThatThrownBy(() -> parse(record("{\"package\":{\"ecosystem\":\"npm\"},\"versions\":[\"1.0.0\"]}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/affected/0/package/name");
  }
}
