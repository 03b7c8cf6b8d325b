package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.intel.Indicator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorDetectorTest {
  private final IndicatorDetector detector = new IndicatorDetector(List.of(
      new Indicator("domain", "akamaicontainer.com"),
      new Indicator("hostname", "exact.example.org"),
      new Indicator("ipv4", "203.0.113.7"),
      new Indicator("cidr", "198.51.100.0/24"),
      new Indicator("url-prefix", "https://raw.githubusercontent.com/IconStorages/"),
      new Indicator("sha256", "7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896"),
      new Indicator("filename", "ffmpeg.dll")));

  private List<Hit> hits(String field, String value) {
    Map<String, String> fields = new HashMap<>();
    fields.put(field, value);
    List<Hit> out = new ArrayList<>();
    detector.inspect(new TelemetryEvent("zeek.dns", null, null, -1, null, -1, null, fields, "f", 1), out::add);
    return out;
  }

  @Test
  void domain_matchesItselfAndSubdomains_caseAndTrailingDotIgnored() {
    assertThat(hits("query", "akamaicontainer.com")).singleElement().satisfies(h -> assertThat(h.indicatorValue()).isEqualTo("akamaicontainer.com"));
    assertThat(hits("query", "WWW.AkamaiContainer.com.")).hasSize(1);
    assertThat(hits("server_name", "a.b.akamaicontainer.com")).hasSize(1);
  }

  @Test
  void domain_lookAlikes_areNotHits() {
    assertThat(hits("query", "notakamaicontainer.com")).isEmpty();
    assertThat(hits("query", "akamaicontainer.com.example.net")).isEmpty();
    assertThat(hits("uri", "/?q=akamaicontainer.com")).isEmpty(); // not a name field
  }

  @Test
  void hostname_isExact() {
    assertThat(hits("host", "exact.example.org")).hasSize(1);
    assertThat(hits("host", "www.exact.example.org")).isEmpty();
  }

  @Test
  void addresses_matchEndpointsAndNetworks() {
    assertThat(hits("id.resp_h", "203.0.113.7")).singleElement().satisfies(h -> assertThat(h.indicatorType()).isEqualTo("ipv4"));
    assertThat(hits("DestinationIp", "198.51.100.200")).singleElement().satisfies(h -> assertThat(h.indicatorValue()).isEqualTo("198.51.100.0/24"));
    assertThat(hits("id.resp_h", "198.51.101.1")).isEmpty();
    assertThat(hits("id.resp_h", "::ffff:203.0.113.7")).hasSize(1);
  }

  @Test
  void prefilterAddress_fromBytes_agreesWithTheDetector() {
    IndicatorDetector.Prefilter pre = detector.prefilter();
    for (String a : List.of("203.0.113.7", "198.51.100.200", "198.51.100.0", "198.51.101.1", "10.0.0.1", "203.0.113.07",
        "203.0.113.7 ", "255.255.255.255", "::ffff:203.0.113.7", "2001:db8::1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "-")) {
      byte[] b = ("x" + a + "y").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(pre.address(b, 1, b.length - 1)).as(a).isEqualTo(!hits("id.resp_h", a).isEmpty());
    }
  }

  /**
   * A scanner asks of each HTTP request's host whether its URL may hit; a no must mean the detector finds nothing, for
   * any path on that host, whatever the case, trailing dots, port or defanging of the host as the log wrote it.
   */
  @Test
  void prefilterUrlHost_saysNoOnlyWhenNoUrlOnThatHostCanHit() {
    IndicatorDetector.Prefilter pre = detector.prefilter();
    int hitting = 0;
    for (String host : List.of("raw.githubusercontent.com", "RAW.GitHubUserContent.com.", "raw.githubusercontent.com:443",
        "raw.githubusercontent[.]com", "raw.githubusercontent.com:8080", "user@raw.githubusercontent.com", "other.com",
        "githubusercontent.com", "raw.githubusercontent.com.example", "-", "")) {
      byte[] b = ("x" + host + "y").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      boolean may = pre.urlHost(b, 1, b.length - 1);
      boolean hit = !hits("url", "https://" + host + "/IconStorages/images/main/icon1.ico").isEmpty();
      if (hit) {
        hitting++;
        assertThat(may).as(host).isTrue();
      }
    }
    // as written, in other case with a trailing dot, with the default port, defanged
    assertThat(hitting).as("hosts written in other ways that still hit").isEqualTo(4);
    byte[] other = "other.com".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(pre.urlHost(other, 0, other.length)).isFalse();
  }

  /**
   * A URL whose path escapes an unreserved character ({@code %70} for {@code p}) names the same resource (RFC 3986,
   * 6.2.2.2), whichever side escapes it: the event's, or a URL stored before the normaliser decoded such escapes.
   */
  @Test
  void url_escapedUnreservedCharacters_matchTheirPlainSpelling_onEitherSide() {
    IndicatorDetector urls = new IndicatorDetector(List.of(
        new Indicator("url", "https://cdn.evil-files.net/payload/stage2.bin"),
        new Indicator("url", "https://cdn.evil-files.net/%7Eold/%73tage1.bin"),
        new Indicator("url-prefix", "https://cdn.evil-files.net/%64rop/")));
    List<String> found = new ArrayList<>();
    for (String u : List.of("http://cdn.evil-files.net/%70ayload/stage2.bin", "http://cdn.evil-files.net/~old/stage1.bin",
        "http://cdn.evil-files.net/drop/x.bin", "http://cdn.evil-files.net/pay%2Fload/stage2.bin")) {
      urls.inspect(new TelemetryEvent("proxy", null, null, -1, null, -1, null, Map.of("url", u), "f", 1),
          h -> found.add(h.indicatorType() + " " + h.indicatorValue()));
    }
    assertThat(found).containsExactly("url https://cdn.evil-files.net/payload/stage2.bin",
        "url https://cdn.evil-files.net/%7Eold/%73tage1.bin", "url-prefix https://cdn.evil-files.net/%64rop/");
  }

  @Test
  void urlPrefix_matchesWhateverTheScheme_andHashesAnyCase_butFileNamesAloneNever() {
    assertThat(hits("url", "http://raw.githubusercontent.com/IconStorages/images/main/icon1.ico")).hasSize(1);
    assertThat(hits("url", "https://raw.githubusercontent.com/other/images/main/icon1.ico")).isEmpty();
    assertThat(hits("Hashes.SHA256", "7986BBAEE8940DA11CE089383521AB420C443AB7B15ED42AED91FD31CE833896")).hasSize(1);
    assertThat(hits("ImageLoaded", "C:\\\\Program Files\\\\3CX\\\\ffmpeg.dll")).isEmpty();
  }

  @Test
  void mappedEvent_onlyMappedColumnsHaveRoles_reportedUnderTheColumnName() {
    Map<String, String> fields = new HashMap<>();
    fields.put("host", "akamaicontainer.com"); // an export's computer column, not an HTTP Host
    fields.put("dest", "www.akamaicontainer.com");
    fields.put("@domain:dest", "www.akamaicontainer.com");
    fields.put("@hash:h", "7986BBAEE8940DA11CE089383521AB420C443AB7B15ED42AED91FD31CE833896");
    fields.put("@address:ip", "198.51.100.4");
    fields.put("@url:u", "http://raw.githubusercontent.com/IconStorages/x");
    fields.put("@other:x", "akamaicontainer.com");
    List<Hit> out = new ArrayList<>();
    detector.inspect(new TelemetryEvent("mapped.siem", null, null, -1, null, -1, null, fields, "f", 1), out::add);
    assertThat(out).extracting(h -> h.field() + "=" + h.indicatorType())
        .containsExactlyInAnyOrder("dest=domain", "h=sha256", "ip=cidr", "u=url-prefix");
  }
}
