package io.chainwatch.formats.intel.warninglist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.Warninglist;
import io.chainwatch.intel.WarninglistMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WarninglistParserTest extends ParserContractTest {
  @Override
  protected Parser parser() {
    return new WarninglistParser();
  }

  @Override
  protected byte[] validSample() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/intel/warninglist/google-gcp.list.json")) {
      return in.readAllBytes();
    }
  }

  private Warninglist only(String json) throws IOException {
    RecordingSink sink = parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(sink.intel(Warninglist.class)).hasSize(1);
    return sink.intel(Warninglist.class).get(0);
  }

  @Test
  void googleCloudList_isReadWithItsAddressScope() throws IOException {
    Warninglist w = only(new String(validSample(), StandardCharsets.UTF_8));
    assertThat(w.name()).isEqualTo("List of known GCP (Google Cloud Platform) IP address ranges");
    assertThat(w.matchType()).isEqualTo("cidr");
    assertThat(w.entries()).hasSize(471).contains("104.154.113.0/24");
    assertThat(w.appliesTo()).containsExactly("cidr", "domain", "ipv4", "ipv6");
  }

  @Test
  void googleCloudList_marksAnAddressInsideAndNotOneOutside() throws IOException {
    Warninglist w = only(new String(validSample(), StandardCharsets.UTF_8));
    WarninglistMatcher m = new WarninglistMatcher();
    for (String e : w.entries()) m.add(w.name(), w.matchType(), w.appliesTo(), e);
    assertThat(m.matches(new Indicator("ipv4", "104.154.113.9"))).containsExactly(w.name());
    assertThat(m.matches(new Indicator("ipv4", "104.21.16.1"))).isEmpty();
  }

  @Test
  void matchingAttributes_limitTheTypesAListIsCheckedAgainst() throws IOException {
    Warninglist w = only("{\"name\":\"n\",\"version\":1,\"description\":\"d\",\"type\":\"string\","
        + "\"matching_attributes\":[\"filename\"],\"list\":[\"github.com\"]}");
    WarninglistMatcher m = new WarninglistMatcher();
    m.add(w.name(), w.matchType(), w.appliesTo(), w.entries().get(0));
    assertThat(m.matches(new Indicator("filename", "github.com"))).containsExactly("n");
    assertThat(m.matches(new Indicator("domain", "github.com"))).isEmpty();
  }

  @Test
  void noMatchingAttributes_appliesToEveryType() throws IOException {
    Warninglist w = only("{\"description\":\"d\",\"list\":[\"3cx.com\"],\"name\":\"n\",\"type\":\"hostname\",\"version\":3}");
    assertThat(w.appliesTo()).isNull();
    assertThat(w.version()).isEqualTo(3);
  }

  @Test
  void onlyForeignAttributeTypes_warnsThatTheListMarksNothing() throws IOException {
    RecordingSink sink = parse(("{\"name\":\"n\",\"version\":1,\"description\":\"d\",\"type\":\"string\","
        + "\"matching_attributes\":[\"email-src\"],\"list\":[\"a@b.c\"]}").getBytes(StandardCharsets.UTF_8));
    assertThat(sink.warnings).singleElement().asString().contains("email-src").contains("mark nothing");
    assertThat(sink.intel(Warninglist.class).get(0).appliesTo()).isEmpty();
  }

  @Test
  void badCidrEntry_isSkippedWithAWarningNamingIt() throws IOException {
    RecordingSink sink = parse(("{\"name\":\"n\",\"version\":1,\"description\":\"d\",\"type\":\"cidr\","
        + "\"list\":[\"10.0.0.0/8\",\"10.0.0.0/99\"]}").getBytes(StandardCharsets.UTF_8));
    assertThat(sink.warnings).singleElement().asString().contains("/list/1").contains("10.0.0.0/99");
    assertThat(sink.intel(Warninglist.class).get(0).entries()).containsExactly("10.0.0.0/8");
  }

  @Test
  void unknownType_isRejectedAtItsPointer() {
    assertThatThrownBy(() -> parse(("{\"name\":\"n\",\"version\":1,\"description\":\"d\",\"type\":\"glob\",\"list\":[]}")
        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/type").hasMessageContaining("glob");
  }

  @Test
  void missingName_isRejectedAtItsPointer() {
    assertThatThrownBy(() -> parse("{\"version\":1,\"description\":\"d\",\"type\":\"cidr\",\"list\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/name");
  }

  @Test
  void versionNotANumber_isRejected() {
    assertThatThrownBy(() -> parse("{\"name\":\"n\",\"version\":\"1\",\"description\":\"d\",\"type\":\"cidr\",\"list\":[]}"
        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InputRejected.class).hasMessageContaining("/version");
  }

  @Test
  void sniff_leavesStixBundlesAlone() {
    byte[] stix = "{\"type\":\"bundle\",\"id\":\"bundle--x\",\"objects\":[{\"list\": []}]}".getBytes(StandardCharsets.UTF_8);
    assertThat(parser().accepts(new Head("b.json", stix))).isFalse();
  }
}
