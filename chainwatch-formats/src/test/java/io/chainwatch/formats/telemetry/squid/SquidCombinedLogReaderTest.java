package io.chainwatch.formats.telemetry.squid;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.formats.telemetry.Telemetry;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.formats.telemetry.CollectedTelemetry;
import io.chainwatch.ingest.Head;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Squid set to {@code logformat combined} or {@code common} (Squid's own definitions:
 * {@code %>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %<st "%{Referer}>h" "%{User-Agent}>h" %Ss:%Sh}, the quoted
 * headers in {@code combined} only).
 */
class SquidCombinedLogReaderTest {
  private static final class Collected extends CollectedTelemetry {}

  /** The readers that recognise the text as a file's head. */
  private static List<String> accepting(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Head head = new Head("access.log", Arrays.copyOf(bytes, Math.min(bytes.length, Head.SIZE)));
    return Telemetry.readers().stream().filter(r -> r.accepts(head)).map(TelemetryReader::name).toList();
  }

  private static Collected read(String text) throws IOException {
    Collected c = new Collected();
    new SquidCombinedLogReader().read("access.log", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), c);
    return c;
  }

  @Test
  void combinedLines_giveProxyFields_timesInUtc() throws IOException {
    String log = """
        10.20.1.37 - - [22/Mar/2023:11:00:01 +0100] "GET http://www.journalide.org/index.php?v=2 HTTP/1.1" 200 4215 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) 3CXDesktopApp/18.12.416" TCP_MISS:HIER_DIRECT
        10.20.1.38 - alice [22/Mar/2023:10:05:00 +0000] "CONNECT akamaicontainer.com:443 HTTP/1.1" 200 6543 "-" "Mozilla/5.0" TCP_TUNNEL:HIER_DIRECT
        """;
    assertThat(accepting(log)).containsExactly("telemetry/squid-combined");
    Collected c = read(log);

    assertThat(c.problems).isEmpty();
    assertThat(c.events).hasSize(2);
    TelemetryEvent get = c.events.get(0);
    assertThat(get.kind()).isEqualTo("proxy.squid");
    assertThat(get.time()).isEqualTo(Instant.parse("2023-03-22T10:00:01Z"));
    assertThat(get.sourceAddress()).isEqualTo("10.20.1.37");
    assertThat(get.field("cs-host")).isEqualTo("www.journalide.org");
    assertThat(get.field("url")).isEqualTo("http://www.journalide.org/index.php?v=2");
    assertThat(get.field("cs-method")).isEqualTo("GET");
    assertThat(get.field("sc-status")).isEqualTo("200");
    assertThat(get.field("sc-bytes")).isEqualTo("4215");
    assertThat(get.field("c-useragent")).isEqualTo("Mozilla/5.0 (Windows NT 10.0; Win64; x64) 3CXDesktopApp/18.12.416");
    assertThat(get.fields()).doesNotContainKeys("cs-referrer", "cs-username");
    assertThat(get.field("action")).isEqualTo("TCP_MISS");
    assertThat(get.field("hierarchy")).isEqualTo("HIER_DIRECT");

    TelemetryEvent connect = c.events.get(1);
    assertThat(connect.field("cs-host")).isEqualTo("akamaicontainer.com");
    assertThat(connect.fields()).doesNotContainKey("url");
    assertThat(connect.destinationPort()).isEqualTo(443);
    assertThat(connect.field("cs-username")).isEqualTo("alice");
    assertThat(connect.line()).isEqualTo(2);
  }

  @Test
  void commonLines_withoutHeaders_andEscapedQuotes_areRead() throws IOException {
    String log = "192.168.7.9 - - [01/Apr/2023:23:59:59 -0230] \"GET http://[2001:db8::1]:8080/a HTTP/1.0\" 304 0 TCP_IMS_HIT:HIER_NONE\n"
        + "192.168.7.9 - - [01/Apr/2023:23:59:59 +0000] \"GET http://example.org/ HTTP/1.1\" 200 10 \"http://r.example/?q=\\\"x\\\"\" \"UA \\\"quoted\\\"\" TCP_MISS:HIER_DIRECT\n";
    assertThat(accepting(log)).containsExactly("telemetry/squid-combined");
    Collected c = read(log);

    assertThat(c.problems).isEmpty();
    assertThat(c.events.get(0).time()).isEqualTo(Instant.parse("2023-04-02T02:29:59Z"));
    assertThat(c.events.get(0).field("cs-host")).isEqualTo("2001:db8::1");
    assertThat(c.events.get(1).field("cs-referrer")).isEqualTo("http://r.example/?q=\"x\"");
    assertThat(c.events.get(1).field("c-useragent")).isEqualTo("UA \"quoted\"");
  }

  @Test
  void aWebServersAccessLog_isNoProxyLog_andNotRecognised() {
    String log = "203.0.113.5 - - [22/Mar/2023:10:00:01 +0000] \"GET /index.html HTTP/1.1\" 200 512 \"-\" \"curl/8.0\"\n";
    assertThat(accepting(log)).isEmpty();
  }

  @Test
  void badLines_areReportedWithTheirNumbers_theRestRead() throws IOException {
    String log = """
        10.0.0.1 - - [22/Mar/2023:10:00:01 +0000] "GET http://a.example/ HTTP/1.1" 200 1 "-" "x" TCP_MISS:HIER_DIRECT
        10.0.0.1 - - [31/Feb/2023:10:00:01 +0000] "GET http://b.example/ HTTP/1.1" 200 1 "-" "x" TCP_MISS:HIER_DIRECT
        10.0.0.1 - - [22/Mar/2023:10:00:01 +0000] "GET http://c.example/ HTTP/1.1
        garbage
        10.0.0.1 - - [22/Mar/2023:10:00:02 +0000] "GET http://d.example/ HTTP/1.1" 200 1 "-" "x" TCP_MISS:HIER_DIRECT
        """;
    Collected c = read(log);

    assertThat(c.events).extracting(e -> e.field("cs-host")).containsExactly("a.example", "d.example");
    assertThat(c.problems).extracting(ReadProblem::line).containsExactly(2L, 3L, 4L);
    assertThat(c.problems).allSatisfy(p -> assertThat(p.kind()).isEqualTo(ReadProblem.CORRUPT));
  }

  @Test
  void aRequestLineThatIsNoRequest_keepsTheLine_withoutHost() throws IOException {
    // Squid logs what a client sent, also a request line it could not parse ("-" or bytes of another protocol)
    Collected c = read("10.0.0.1 - - [22/Mar/2023:10:00:01 +0000] \"-\" 400 0 \"-\" \"-\" NONE_NONE:HIER_NONE\n");

    assertThat(c.problems).isEmpty();
    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.fields()).doesNotContainKeys("cs-host", "cs-method", "url", "c-useragent");
      assertThat(e.field("sc-status")).isEqualTo("400");
    });
  }

  @Test
  void timesOutsideTheCalendar_areNoTimes() {
    assertThat(SquidCombinedLogReader.time("22/Mar/2023:10:00:01 +0000")).isEqualTo(Instant.parse("2023-03-22T10:00:01Z"));
    assertThat(SquidCombinedLogReader.time("22/Mar/2023:24:00:01 +0000")).isNull();
    assertThat(SquidCombinedLogReader.time("22/Foo/2023:10:00:01 +0000")).isNull();
    assertThat(SquidCombinedLogReader.time("22/Mar/2023:10:00:01 +1900")).isNull();
    assertThat(SquidCombinedLogReader.time("22/Mar/2023:10:00:01")).isNull();
    assertThat(SquidCombinedLogReader.time("2a/Mar/2023:10:00:01 +0000")).isNull();
  }
}
