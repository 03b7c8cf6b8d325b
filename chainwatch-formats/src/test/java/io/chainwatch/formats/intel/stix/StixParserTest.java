package io.chainwatch.formats.intel.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.intel.ActorStatement;
import io.chainwatch.intel.AttributionStatement;
import io.chainwatch.intel.IndicatorStatement;
import io.chainwatch.intel.SightingStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StixParserTest extends ParserContractTest {
  @Override
  protected Parser parser() {
    return new StixParser();
  }

  @Override
  protected byte[] validSample() throws IOException {
    return resource("indicators-for-C2-with-COA.json");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = StixParserTest.class.getResourceAsStream("/intel/stix/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void apt1_cidrPatternsBecomeCidrs_certificatesAreContext() throws IOException {
    RecordingSink sink = parse(resource("apt1.json"));
    var indicators = sink.intel(IndicatorStatement.class);
    assertThat(indicators).anySatisfy(i -> {
      assertThat(i.indicator().type()).isEqualTo("cidr");
      assertThat(i.indicator().value()).isEqualTo("223.166.0.0/15");
      assertThat(i.huntable()).isTrue();
    });
    assertThat(indicators).anySatisfy(i -> {
      assertThat(i.indicator().type()).isEqualTo("pattern");
      assertThat(i.notHuntableReason()).contains("AND");
    });
    assertThat(sink.intel(ActorStatement.class)).extracting(ActorStatement::name).contains("APT1", "Ugly Gorilla");
    assertThat(sink.intel(AttributionStatement.class)).isNotEmpty();
  }

  @Test
  void samples_allImport() throws IOException {
    for (String f : new String[] {"defining-campaigns-threat-actors-intrusion-sets.json", "malware-indicator-for-file-hash.json",
        "sighting-of-observed-data.json"}) {
      parse(resource(f));
    }
    var hashes = parse(resource("malware-indicator-for-file-hash.json")).intel(IndicatorStatement.class);
    assertThat(hashes).singleElement().satisfies(i -> assertThat(i.indicator().type()).isEqualTo("sha256"));
  }

  @Test
  void pattern_operatorsAndQualifiers_parse() throws Exception {
    StixPattern.parse("[file:hashes.'SHA-256' = 'ab' OR file:name IN ('a', 'b')] AND [url:value LIKE 'x%'] WITHIN 300 SECONDS");
    StixPattern.parse("[ipv4-addr:value ISSUBSET '10.0.0.0/8'] FOLLOWEDBY [process:name MATCHES '^a' AND process:pid != 4]"
        + " REPEATS 5 TIMES START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'");
    StixPattern.parse("[file:name NOT LIKE 'a%' AND (file:size > 3 OR file:size <= 10)]");
    assertThatThrownBy(() -> StixPattern.parse("[file:name = 'a'")).isInstanceOf(StixPattern.SyntaxError.class);
    assertThatThrownBy(() -> StixPattern.parse("[file:name ~ 'a']")).isInstanceOf(StixPattern.SyntaxError.class);
  }

  @Test
  void pattern_reduction_equalitiesAndPrefixesOnly() throws Exception {
    assertThat(PatternIndicators.reduce(StixPattern.parse("[ipv4-addr:value = '1.2.3.4/32']")).indicators())
        .singleElement().hasToString("Indicator[type=ipv4, value=1.2.3.4]");
    assertThat(PatternIndicators.reduce(StixPattern.parse("[url:value LIKE 'https://x.org/y/%']")).indicators())
        .singleElement().hasToString("Indicator[type=url-prefix, value=https://x.org/y/]");
    assertThat(PatternIndicators.reduce(StixPattern.parse("[domain-name:value = 'a.com'] FOLLOWEDBY [domain-name:value = 'b.com']")).reason())
        .contains("FOLLOWEDBY");
    assertThat(PatternIndicators.reduce(StixPattern.parse("[domain-name:value != 'a.com']")).reason()).contains("!=");
  }

  @Test
  void unknownSpecVersion_isRejected() {
    String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\",\"spec_version\":\"2.0\",\"objects\":[]}";
    assertThatThrownBy(() -> parse(bundle.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/spec_version");
  }

  @Test
  void danglingRelationship_isRejectedWithPointer() throws IOException {
    String text = new String(resource("malware-indicator-for-file-hash.json"), StandardCharsets.UTF_8)
        .replace("malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111\"\n", "malware--00000000-b67c-41e3-b0b9-f01faf20d111\"\n");
    String dangling = text.replaceFirst("\"target_ref\": \"malware--[0-9a-f-]+\"", "\"target_ref\": \"malware--00000000-0000-4000-8000-000000000000\"");
    assertThatThrownBy(() -> parse(dangling.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("target_ref").hasMessageContaining("not in the bundle");
  }

  @Test
  void sighting_ofAFileHashIndicator() throws IOException {
    RecordingSink sink = parse(resource("sighting-of-observed-data.json"));
    assertThat(sink.intel(SightingStatement.class).stream().map(s -> s.indicator().type()).collect(Collectors.toList()))
        .doesNotContain("pattern");
  }
}
