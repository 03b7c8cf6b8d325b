package io.chainwatch.formats.telemetry.mapped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.formats.telemetry.CollectedTelemetry;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.InputRejected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedReaderTest {
  @TempDir Path dir;

  static final String MAPPING = """
      name: siem
      timestamp: _time
      source_address: src_ip
      destination_address: dest_ip
      destination_port: dest_port
      host: host
      domain: [query, dest_host]
      url: url
      hash: [file_hash]
      """;

  private static final class Collected extends CollectedTelemetry {}

  private MappedReader reader(String mapping) throws IOException {
    Path p = dir.resolve("mapping.yaml");
    Files.writeString(p, mapping);
    return new MappedReader(FieldMapping.load(p));
  }

  private static Collected read(MappedReader r, String name, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(r.accepts(new Head(name, bytes))).isTrue();
    Collected c = new Collected();
    r.read(name, new ByteArrayInputStream(bytes), c);
    return c;
  }

  @Test
  void csv_quotedCellsAndRoles_andBadLinesCountedNotFatal() throws IOException {
    Collected c = read(reader(MAPPING), "export.csv", String.join("\n",
        "_time,host,src_ip,dest_ip,dest_port,dest_host,url,file_hash,note",
        "2023-03-22T10:00:00Z,nb-sales-07,10.20.1.37,203.0.113.9,443,www.akamaicontainer.com,,,\"a, \"\"quoted\"\" note\"",
        "2023-03-22 10:00:05,nb-sales-07,10.20.1.37,203.0.113.9,443,,,7986BBAE,",
        "1679479262.5,,10.20.1.37,,,,,,",
        "1679479262500,,,,,,,,",
        "\"open quote,never closed",
        "a,b,c,d,e,f,g,h,i,j,k",
        ""));
    assertThat(c.events).hasSize(4);
    TelemetryEvent e = c.events.get(0);
    assertThat(e.kind()).isEqualTo("mapped.siem");
    assertThat(e.time()).isEqualTo(Instant.parse("2023-03-22T10:00:00Z"));
    assertThat(e.host()).isEqualTo("nb-sales-07");
    assertThat(e.sourceAddress()).isEqualTo("10.20.1.37");
    assertThat(e.destinationAddress()).isEqualTo("203.0.113.9");
    assertThat(e.destinationPort()).isEqualTo(443);
    assertThat(e.field("@domain:dest_host")).isEqualTo("www.akamaicontainer.com");
    assertThat(e.field("note")).isEqualTo("a, \"quoted\" note");
    assertThat(e.fields()).doesNotContainKey("@url:url"); // empty cells play no role
    assertThat(e.line()).isEqualTo(2);
    assertThat(c.events.get(1).time()).isEqualTo(Instant.parse("2023-03-22T10:00:05Z"));
    assertThat(c.events.get(1).field("@hash:file_hash")).isEqualTo("7986BBAE");
    assertThat(c.events.get(2).time()).isEqualTo(Instant.parse("2023-03-22T10:01:02.5Z"));
    assertThat(c.events.get(3).time()).isEqualTo(Instant.parse("2023-03-22T10:01:02.5Z"));
    assertThat(c.problems).extracting(ReadProblem::line).containsExactly(6L, 7L);
    assertThat(c.problems.get(0).detail()).isEqualTo("leaves a quoted field open; skipped");
    assertThat(c.problems.get(1).detail()).isEqualTo("has 11 cells for 9 columns; skipped");
  }

  @Test
  void jsonLines_nestedKeysAreDottedColumns() throws IOException {
    MappedReader r = reader("timestamp: \"@timestamp\"\nsource_address: source.ip\nhost: host.name\ndomain: dns.question.name\n");
    Collected c = read(r, "export.jsonl",
        "{\"@timestamp\":\"2023-03-22T10:00:00+01:00\",\"source\":{\"ip\":\"10.20.1.11\"},\"host\":{\"name\":\"nb-reception-01\"},\"dns\":{\"question\":{\"name\":\"pbxsources.com\"}}}\n"
            + "not json\n");
    assertThat(c.events).hasSize(1);
    TelemetryEvent e = c.events.get(0);
    assertThat(e.time()).isEqualTo(Instant.parse("2023-03-22T09:00:00Z"));
    assertThat(e.sourceAddress()).isEqualTo("10.20.1.11");
    assertThat(e.host()).isEqualTo("nb-reception-01");
    assertThat(e.field("@domain:dns.question.name")).isEqualTo("pbxsources.com");
    assertThat(c.problems).hasSize(1);
  }

  /**
   * The built-in {@code ecs} mapping on documents as Filebeat's Zeek module and Security Onion write them (nested) and
   * as Kibana exports them (dotted keys, CSV with dotted columns).
   */
  @Test
  void builtInEcsMapping_readsZeekAndNetworkDocumentsOfTheElasticCommonSchema() throws IOException {
    MappedReader r = new MappedReader(FieldMapping.builtIn("ecs").orElseThrow());
    Collected c = read(r, "security-onion.ndjson", String.join("\n",
        "{\"@timestamp\":\"2023-03-22T10:00:00.123Z\",\"event\":{\"module\":\"zeek\",\"dataset\":\"zeek.dns\"},"
            + "\"host\":{\"name\":\"so-sensor-01\"},\"source\":{\"ip\":\"10.20.1.11\",\"port\":53000},"
            + "\"destination\":{\"ip\":\"10.20.0.1\",\"port\":53},\"dns\":{\"question\":{\"name\":\"pbxsources.com\"},"
            + "\"resolved_ip\":[\"104.21.33.42\",\"172.67.1.1\"]}}",
        "{\"@timestamp\":\"2023-03-22T10:00:01Z\",\"event.dataset\":\"zeek.http\",\"source.ip\":\"10.20.1.37\","
            + "\"destination.ip\":\"203.0.113.9\",\"destination.port\":80,\"url.domain\":\"www.journalide.org\","
            + "\"url.original\":\"/index.php\"}",
        "{\"@timestamp\":\"2023-03-22T10:00:02Z\",\"event\":{\"dataset\":\"zeek.ssl\"},\"tls\":{\"client\":"
            + "{\"server_name\":\"akamaicontainer.com\"}},\"file\":{\"hash\":{\"sha256\":\"" + "ab".repeat(32) + "\"}}}",
        ""));

    assertThat(c.problems).isEmpty();
    assertThat(c.events).hasSize(3);
    TelemetryEvent dns = c.events.get(0);
    assertThat(dns.kind()).isEqualTo("mapped.ecs");
    assertThat(dns.time()).isEqualTo(Instant.parse("2023-03-22T10:00:00.123Z"));
    assertThat(dns.host()).isEqualTo("so-sensor-01");
    assertThat(dns.sourceAddress()).isEqualTo("10.20.1.11");
    assertThat(dns.destinationPort()).isEqualTo(53);
    assertThat(dns.field("@domain:dns.question.name")).isEqualTo("pbxsources.com");
    assertThat(dns.field("@address:dns.resolved_ip")).isEqualTo("104.21.33.42,172.67.1.1");
    assertThat(c.events.get(1).field("@domain:url.domain")).isEqualTo("www.journalide.org");
    assertThat(c.events.get(1).field("@url:url.original")).isEqualTo("/index.php");
    assertThat(c.events.get(2).field("@domain:tls.client.server_name")).isEqualTo("akamaicontainer.com");
    assertThat(c.events.get(2).field("@hash:file.hash.sha256")).isEqualTo("ab".repeat(32));

    Collected csv = read(r, "discover.csv", "\"@timestamp\",\"source.ip\",\"destination.ip\",\"dns.question.name\"\n"
        + "\"Mar 22, 2023 @ 10:00:00.000\",10.20.1.11,10.20.0.1,pbxsources.com\n"
        + "2023-03-22T10:00:00Z,10.20.1.11,10.20.0.1,msstorageazure.com\n");
    assertThat(csv.events).extracting(e -> e.field("@domain:dns.question.name")).containsExactly("pbxsources.com", "msstorageazure.com");
    // Kibana's own date format is no time it reads: reported, the event kept
    assertThat(csv.events.get(0).time()).isNull();
    assertThat(csv.problems).extracting(ReadProblem::kind, ReadProblem::line).containsExactly(org.assertj.core.groups.Tuple.tuple("bad-time", 2L));
    assertThat(csv.events.get(1).time()).isEqualTo(Instant.parse("2023-03-22T10:00:00Z"));
  }

  @Test
  void builtInMappings_areKnownByName_only() {
    assertThat(FieldMapping.BUILT_IN).containsExactly("ecs");
    assertThat(FieldMapping.builtIn("ecs")).hasValueSatisfying(m -> assertThat(m.timestamp()).isEqualTo("@timestamp"));
    assertThat(FieldMapping.builtIn("splunk")).isEmpty();
    assertThat(FieldMapping.builtIn("../ecs")).isEmpty();
  }

  @Test
  void accepts_onlyFilesNamingTheTimestampColumn() throws IOException {
    MappedReader r = reader(MAPPING);
    assertThat(r.accepts(new Head("x.csv", "time,host\n1,a\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(r.accepts(new Head("x.csv", "\"_time\",host\n".getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(r.accepts(new Head("x.json", "{\"ts\":1}\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
  }

  @Test
  void badTime_isReportedAndTheEventKeptWithoutTime() throws IOException {
    Collected c = read(reader(MAPPING), "export.csv", "_time,query\nyesterday,pbxsources.com\n");
    assertThat(c.events).hasSize(1);
    assertThat(c.events.get(0).time()).isNull();
    assertThat(c.problems.get(0).detail()).isEqualTo("has a time that is neither ISO 8601 nor epoch: 'yesterday'; read without time");
    assertThat(c.problems.get(0).kind()).as("read, not skipped").isEqualTo("bad-time");
  }

  /** A mapping written for another export names columns this one lacks: said once per file, and read all the same. */
  @Test
  void fileWithNoneOfTheIndicatorColumns_isReported_fileWithOneIsNot() throws IOException {
    Collected csv = read(reader(MAPPING), "export.csv", "_time,src_ip,domain_name\n2023-03-29T10:00:00Z,10.0.0.5,a.example\n");
    assertThat(csv.events).hasSize(1);
    assertThat(csv.problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ReadProblem.UNMAPPED);
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.detail()).contains("(query, dest_host, url, file_hash)");
    });
    Collected json = read(reader(MAPPING), "export.json", "{\"_time\":\"2023-03-29T10:00:00Z\",\"dns\":{\"name\":\"a.example\"}}\n"
        + "{\"_time\":\"2023-03-29T10:00:01Z\",\"src_ip\":\"10.0.0.5\"}\n");
    assertThat(json.problems).extracting(ReadProblem::kind).containsExactly(ReadProblem.UNMAPPED);
    Collected one = read(reader(MAPPING), "export.json", "{\"_time\":\"2023-03-29T10:00:00Z\",\"x\":1}\n"
        + "{\"_time\":\"2023-03-29T10:00:01Z\",\"query\":\"\"}\n");
    assertThat(one.problems).as("a record with the column, even empty").isEmpty();
  }

  @Test
  void mapping_withoutTimestamp_orWithAnUnknownKey_isRejectedWithItsPlace() throws IOException {
    Path p = dir.resolve("m.yaml");
    Files.writeString(p, "host: h\n");
    assertThatThrownBy(() -> FieldMapping.load(p)).isInstanceOf(InputRejected.class).hasMessageContaining("/timestamp");
    Files.writeString(p, "timestamp: t\ndomian: [q]\n");
    assertThatThrownBy(() -> FieldMapping.load(p)).isInstanceOf(InputRejected.class).hasMessageContaining("/domian");
    Files.writeString(p, "timestamp: t\ndomain: {a: b}\n");
    assertThatThrownBy(() -> FieldMapping.load(p)).isInstanceOf(InputRejected.class).hasMessageContaining("/domain");
    Files.writeString(p, "a: &x [1]\nb: *x\n");
    assertThatThrownBy(() -> FieldMapping.load(p)).isInstanceOf(InputRejected.class);
    Files.writeString(p, "timestamp: [a\n  b: :\n");
    assertThatThrownBy(() -> FieldMapping.load(p)).isInstanceOf(InputRejected.class)
        .hasMessageContaining("is not valid YAML").hasMessageContaining("line 2, column");
  }

  @Test
  void jsonArrayExport_indentedOrCompact_givesEveryElementWithItsLine() throws IOException {
    MappedReader r = reader(MAPPING);
    Collected indented = read(r, "export.json", String.join("\n", "[", "  {", "    \"_time\": \"2023-03-29T10:00:00Z\",",
        "    \"query\": \"a.akamaicontainer.com\"", "  },", "  {", "    \"_time\": \"2023-03-29T10:00:01Z\",",
        "    \"query\": \"[x],{y}\"", "  }", "]", ""));
    assertThat(indented.problems).isEmpty();
    assertThat(indented.events).extracting(TelemetryEvent::line).containsExactly(2L, 6L);
    assertThat(indented.events).extracting(e -> e.field("query")).containsExactly("a.akamaicontainer.com", "[x],{y}");
    Collected compact = read(r, "export.json",
        "[{\"_time\":\"2023-03-29T10:00:00Z\",\"query\":\"a.example\"},{\"_time\":1680084001,\"query\":\"b.example\"},7]\n");
    assertThat(compact.events).extracting(e -> e.field("query")).containsExactly("a.example", "b.example");
    assertThat(compact.events).extracting(TelemetryEvent::time)
        .containsExactly(Instant.parse("2023-03-29T10:00:00Z"), Instant.parse("2023-03-29T10:00:01Z"));
    assertThat(compact.problems).singleElement().satisfies(p -> assertThat(p.detail()).isEqualTo("is not a JSON object; skipped"));
  }
}
