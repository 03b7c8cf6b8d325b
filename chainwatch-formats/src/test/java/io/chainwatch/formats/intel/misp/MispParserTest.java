package io.chainwatch.formats.intel.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.intel.IndicatorStatement;
import io.chainwatch.intel.SightingStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MispParserTest extends ParserContractTest {
  @Override
  protected Parser parser() {
    return new MispParser();
  }

  @Override
  protected byte[] validSample() throws IOException {
    return resource("sighting_1.json");
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = MispParserTest.class.getResourceAsStream("/intel/misp/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void feedEvent_toIdsDecides_linkIsNeverAnIndicator() throws IOException {
    RecordingSink sink = parse(resource("57c4445b-c548-4654-af0b-4be3950d210f.json"));
    var indicators = sink.intel(IndicatorStatement.class);
    assertThat(indicators).extracting(i -> i.indicator().type()).containsExactly("filename", "md5", "sha1", "sha256");
    assertThat(indicators).allSatisfy(i -> assertThat(i.huntable()).isTrue());
  }

  @Test
  void sightings_areImportedWithTheirVerdicts() throws IOException {
    RecordingSink sink = parse(resource("sighting_1.json"));
    assertThat(sink.intel(SightingStatement.class)).extracting(SightingStatement::verdict)
        .containsExactly("seen", "false-positive", "false-positive", "expiration", "false-positive", "seen");
  }

  @Test
  void objects_attributesAreRead() throws IOException {
    RecordingSink sink = parse(resource("mainly_objects_2.json"));
    assertThat(sink.intel(IndicatorStatement.class)).extracting(i -> i.indicator().type()).contains("sha256", "md5", "filename");
  }

  @Test
  void composites_splitOnce_portDropped() throws IOException {
    String event = "{\"Event\":{\"info\":\"x\",\"Attribute\":["
        + "{\"type\":\"ip-dst|port\",\"value\":\"1.2.3.4|443\",\"to_ids\":true},"
        + "{\"type\":\"filename|sha256\",\"value\":\"a.exe|" + "A".repeat(64) + "\",\"to_ids\":true},"
        + "{\"type\":\"hostname\",\"value\":\"Www.Example[.]com.\",\"to_ids\":true}]}}";
    var indicators = parse(event.getBytes(StandardCharsets.UTF_8)).intel(IndicatorStatement.class);
    assertThat(indicators).extracting(i -> i.indicator().toString()).containsExactly(
        "Indicator[type=ipv4, value=1.2.3.4]", "Indicator[type=filename, value=a.exe]",
        "Indicator[type=sha256, value=" + "a".repeat(64) + "]", "Indicator[type=hostname, value=www.example.com]");
  }

  @Test
  void unknownAttributeType_isRejectedWithPointer() {
    String event = "{\"response\":[{\"Event\":{\"info\":\"x\",\"Attribute\":[{\"type\":\"domain\",\"value\":\"a.com\"},"
        + "{\"type\":\"quantum-hash\",\"value\":\"q\"}]}}]}";
    assertThatThrownBy(() -> parse(event.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/response/0/Event/Attribute/1/type");
  }
}
