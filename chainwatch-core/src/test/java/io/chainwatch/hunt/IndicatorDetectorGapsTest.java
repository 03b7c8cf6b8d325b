package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.intel.Indicator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field forms real telemetry writes in name fields: a host with a port, a set of names, an address literal. The
 * parallel scanner's byte pre-test ({@code Prefilter.name}) must agree with the detector on each.
 */
class IndicatorDetectorGapsTest {
  private final IndicatorDetector detector = new IndicatorDetector(List.of(
      new Indicator("domain", "akamaicontainer.com"),
      new Indicator("hostname", "update.voxline.io"),
      new Indicator("ipv4", "203.0.113.66")));

  private List<Hit> hits(String kind, Map<String, String> fields) {
    List<Hit> out = new ArrayList<>();
    detector.inspect(new TelemetryEvent(kind, null, null, -1, null, -1, null, fields, "f", 1), out::add);
    return out;
  }

  private boolean prefilter(String name) {
    byte[] b = name.getBytes(StandardCharsets.US_ASCII);
    return detector.prefilter().name(b, 0, b.length);
  }

  @Test
  void httpHostWithPort_isTheNameWithoutThePort() {
    assertThat(hits("zeek.http", Map.of("host", "akamaicontainer.com:8080"))).singleElement()
        .satisfies(h -> assertThat(h.indicatorValue()).isEqualTo("akamaicontainer.com"));
    assertThat(hits("zeek.http", Map.of("host", "UPDATE.voxline.io:443"))).hasSize(1);
    assertThat(prefilter("akamaicontainer.com:8080")).isTrue();
    assertThat(hits("zeek.http", Map.of("host", "notakamaicontainer.com:8080"))).isEmpty();
  }

  @Test
  void setValuedNameField_eachElementIsAName() {
    assertThat(hits("zeek.x509", Map.of("san.dns", "akamaicontainer.com,www.example.org"))).singleElement()
        .satisfies(h -> assertThat(h.indicatorValue()).isEqualTo("akamaicontainer.com"));
    assertThat(hits("zeek.x509", Map.of("san.dns", "www.example.org,*.akamaicontainer.com"))).hasSize(1);
    assertThat(hits("zeek.x509", Map.of("san.dns", "notakamaicontainer.com,akamaicontainer.com.example.net"))).isEmpty();
  }

  @Test
  void addressLiteralInANameField_isTestedAsAnAddress() {
    assertThat(hits("proxy.squid", Map.of("cs-host", "203.0.113.66", "c-ip", "10.1.0.11"))).singleElement()
        .satisfies(h -> assertThat(h.indicatorType()).isEqualTo("ipv4"));
    assertThat(hits("proxy.squid", Map.of("cs-host", "203.0.113.6", "c-ip", "10.1.0.11"))).isEmpty();
  }

  @Test
  void aDnsQuestionForAnAddressLiteral_isNoContactWithIt() {
    assertThat(hits("zeek.dns", Map.of("query", "203.0.113.66"))).isEmpty();
    assertThat(hits("sysmon.22", Map.of("QueryName", "203.0.113.66"))).isEmpty();
    assertThat(hits("zeek.ssl", Map.of("server_name", "203.0.113.66"))).hasSize(1);
  }
}
