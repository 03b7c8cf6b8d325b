package io.chainwatch.formats.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.formats.sigma.SigmaRuleLoader;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.sigma.SigmaRule;
import io.chainwatch.ingest.Head;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TelemetryReadersTest {
  @org.junit.jupiter.api.io.TempDir Path dir;

  private static final Path DATA = Path.of("src/test/resources/telemetry");

  private static final class Collected extends CollectedTelemetry {
    String reader;
  }

  private static Collected read(String file) throws IOException {
    byte[] bytes = Files.readAllBytes(DATA.resolve(file));
    return read(file, bytes);
  }

  private static Collected read(String name, byte[] bytes) throws IOException {
    Head head = new Head(name, java.util.Arrays.copyOf(bytes, Math.min(bytes.length, Head.SIZE)));
    List<TelemetryReader> accepting = Telemetry.readers().stream().filter(r -> r.accepts(head)).toList();
    assertThat(accepting).as("readers accepting " + name).hasSize(1);
    Collected c = new Collected();
    c.reader = accepting.get(0).name();
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      accepting.get(0).read(name, in, c);
    }
    return c;
  }

  /** The events as {@code kind@line}. */
  private static List<String> kindsAt(Collected c) {
    return c.events.stream().map(e -> e.kind() + "@" + e.line()).toList();
  }

  /** The lines (each ended by a newline) read by the one reader that accepts them, which must be {@code reader}, without problems. */
  private static Collected readClean(String name, String reader, String... lines) throws IOException {
    Collected c = read(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(c.reader).isEqualTo(reader);
    assertThat(c.problems).isEmpty();
    return c;
  }

  @Test
  void zeekTsv_dnsWithoutCloseLine_readsEveryRecordWithEndpointsAndUtcTime() throws IOException {
    Collected c = read("zeek/dns.log");
    assertThat(c.reader).isEqualTo("telemetry/zeek-tsv");
    assertThat(c.problems).isEmpty();
    TelemetryEvent first = c.events.get(0);
    assertThat(first.kind()).isEqualTo("zeek.dns");
    assertThat(first.time()).isEqualTo(Instant.parse("2020-06-16T00:20:54.705260Z"));
    assertThat(first.sourceAddress()).isEqualTo("192.168.1.104");
    assertThat(first.destinationPort()).isEqualTo(53);
    assertThat(first.field("query")).isEqualTo("clientservices.googleapis.com");
    assertThat(first.fields()).doesNotContainKey("rtt"); // '-' is unset
  }

  @Test
  void zeekTsv_httpGetsACanonicalUrl_andEmptySetsAreEmptyStrings() throws IOException {
    Collected c = read("zeek/http.log");
    assertThat(c.events).isNotEmpty().allSatisfy(e -> assertThat(e.kind()).isEqualTo("zeek.http"));
    TelemetryEvent e = c.events.get(0);
    assertThat(e.field("url")).startsWith("http://" + e.field("host"));
    assertThat(read("zeek/ssl.log").events).anySatisfy(s -> assertThat(s.field("server_name")).isNotEmpty());
  }

  @Test
  void zeekTsv_maskedBtestTimestamps_haveNoTime_butKeepTheirHashes() throws IOException {
    Collected c = read("zeek/files.btest-canonified.log");
    assertThat(c.events).isNotEmpty().allSatisfy(e -> {
      assertThat(e.kind()).isEqualTo("zeek.files");
      assertThat(e.time()).isNull();
      assertThat(e.field("sha256")).hasSize(64);
    });
  }

  @Test
  void zeekTsv_separatorEscapesAndBadLines_areDecodedOrCountedWithTheirLine() throws IOException {
    String log = "#separator \\x09\n#path\tdns\n#fields\tts\tquery\n1.0\tx\\x2cy.example.com\nshort\n\u00ff\n";
    byte[] bytes = log.getBytes(StandardCharsets.ISO_8859_1);
    Collected c = read("dns.log", bytes);
    assertThat(c.events).singleElement().satisfies(e -> assertThat(e.field("query")).isEqualTo("x,y.example.com"));
    assertThat(c.problems).extracting(ReadProblem::line, ReadProblem::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(5L, ReadProblem.CORRUPT), org.assertj.core.groups.Tuple.tuple(6L, ReadProblem.BAD_UTF8));
  }

  /** Zeek escapes bytes: escaped UTF-8 is the characters it encodes, and any other escaped byte stays that byte's character. */
  /** A time that is none is reported with its line, and the record read without a time; a masked one is no problem. */
  @Test
  void zeek_unreadableTimes_areReported_maskedOnesAreNot() throws IOException {
    String tsv = "#separator \\x09\n#path\tdns\n#fields\tts\tid.orig_h\tquery\nnotatime\t10.1.0.11\takamaicontainer.com\n"
        + "XXXXXXXXXX.XXXXXX\t10.1.0.11\ta.example\n1714989600.1\t10.1.0.11\tb.example\n";
    String json = "{\"ts\":\"2024-13-01T00:00:00Z\",\"id.orig_h\":\"10.1.0.11\",\"query\":\"akamaicontainer.com\"}\n"
        + "{\"ts\":1714989600.1,\"id.orig_h\":\"10.1.0.11\",\"query\":\"b.example\"}\n";
    for (Collected c : List.of(read("dns.log", tsv.getBytes(StandardCharsets.UTF_8)),
        read("dns.json", json.getBytes(StandardCharsets.UTF_8)))) {
      assertThat(c.problems).singleElement().satisfies(p -> {
        assertThat(p.kind()).isEqualTo(ReadProblem.BAD_TIME);
        assertThat(p.line()).isEqualTo(c.reader.equals("telemetry/zeek-tsv") ? 4 : 1);
      });
      assertThat(c.events.get(0).field("query")).isEqualTo("akamaicontainer.com");
      assertThat(c.events.get(0).time()).isNull();
    }
  }

  @Test
  void zeekTsv_escapedUtf8_isDecodedAsUtf8_otherEscapedBytesAsThemselves() throws IOException {
    String log = "#separator \\x09\n#path\tdns\n#fields\tts\tquery\n"
        + "1.0\tb\\xc3\\xbccher-c2.de\n2.0\tx\\xffy\\x2e\\xe2\\x82\\xacz\n";
    Collected c = read("dns.log", log.getBytes(StandardCharsets.US_ASCII));
    assertThat(c.problems).isEmpty();
    assertThat(c.events).extracting(e -> e.field("query")).containsExactly("b\u00fccher-c2.de", "x\u00ffy.\u20acz");
  }

  @Test
  void lines_aLineOverTheBound_isSkippedAndReported_withoutHoldingIt() throws IOException {
    byte[] big = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    String tail = "\nlast\n";
    byte[] all = new byte[big.length + tail.length()];
    System.arraycopy(big, 0, all, 0, big.length);
    System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, all, big.length, tail.length());
    Collected c = new Collected();
    TelemetryLines lines = new TelemetryLines("big.log", new ByteArrayInputStream(all), c);
    assertThat(lines.next()).isEqualTo("last");
    assertThat(lines.number()).isEqualTo(2);
    assertThat(c.problems).singleElement().satisfies(p -> assertThat(p.kind()).isEqualTo(ReadProblem.LONG_LINE));
  }

  @Test
  void zeekJson_underscoreKeysAndKafkaWrapper_becomeDottedFieldsAndPaths() throws IOException {
    Collected otrf = read("zeek/SCRANTON_dns.log");
    assertThat(otrf.reader).isEqualTo("telemetry/zeek-json");
    assertThat(otrf.events.get(0).kind()).isEqualTo("zeek.dns");
    assertThat(otrf.events.get(0).sourceAddress()).isEqualTo("10.0.1.4");
    assertThat(otrf.events.get(0).field("query")).isEqualTo("newyork.dmevals.local");
    Collected wrapped = read("zeek/BroExampleOutput");
    Map<String, Long> kinds = wrapped.events.stream().collect(Collectors.groupingBy(TelemetryEvent::kind, Collectors.counting()));
    assertThat(kinds).containsEntry("zeek.http", 7L).containsEntry("zeek.dns", 3L).containsEntry("zeek.conn", 3L)
        .containsKeys("zeek.ssl", "zeek.files", "zeek.x509");
    assertThat(wrapped.events).filteredOn(e -> e.kind().equals("zeek.http")).first()
        .satisfies(e -> assertThat(e.field("url")).isEqualTo("http://www.cisco.com/"));
  }

  @Test
  void sysmon_flatOtrfExport_separatesSysmonFromSecurityChannel_andParsesHashes() throws IOException {
    Collected c = read("sysmon/cmd_sharpview_pcre_net_2020-10-2920232423.json");
    assertThat(c.problems).isEmpty();
    Map<String, Long> kinds = c.events.stream().collect(Collectors.groupingBy(TelemetryEvent::kind, Collectors.counting()));
    assertThat(kinds).containsEntry("sysmon.1", 1L).containsEntry("sysmon.3", 1L).containsEntry("sysmon.7", 85L)
        .containsEntry("sysmon.22", 3L).containsKey("windows.4688");
    TelemetryEvent net = c.events.stream().filter(e -> e.kind().equals("sysmon.3")).findFirst().orElseThrow();
    assertThat(net.destinationAddress()).isNotNull();
    assertThat(net.host()).isEqualTo("WORKSTATION5.theshire.local");
    TelemetryEvent load = c.events.stream().filter(e -> e.kind().equals("sysmon.7") && e.field("Hashes") != null).findFirst().orElseThrow();
    assertThat(load.fields()).containsKey("Hashes.SHA256");
  }

  /**
   * An export of the event data alone names neither channel nor provider: an event with a Sysmon id and Sysmon's own
   * UtcTime is Sysmon's, so that the Sigma rules of its category run on it; any other stays a Windows event.
   */
  @Test
  void sysmon_eventDataAlone_isSysmonByItsFields() throws IOException {
    Collected c = readClean("events.json", "telemetry/windows-json",
        "{\"EventID\":1,\"Computer\":\"ws-01\",\"UtcTime\":\"2023-03-22 01:00:01.000\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\"}",
        "{\"EventID\":\"22\",\"Computer\":\"ws-01\",\"UtcTime\":\"2023-03-22 01:00:02.000\",\"QueryName\":\"akamaicontainer.com\"}",
        "{\"EventID\":4688,\"Computer\":\"ws-01\",\"UtcTime\":\"2023-03-22 01:00:03.000\",\"NewProcessName\":\"C:\\\\x.exe\"}",
        "{\"EventID\":1,\"Computer\":\"ws-01\",\"Image\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\"}",
        "{\"EventID\":1,\"Channel\":\"System\",\"Computer\":\"ws-01\",\"UtcTime\":\"2023-03-22 01:00:05.000\"}");
    assertThat(kindsAt(c)).containsExactly("sysmon.1@1", "sysmon.22@2", "windows.4688@3", "windows.1@4", "windows.1@5");
  }

  @Test
  void sysmon_indentedEvtxDump_isOneEventWithSystemFields() throws IOException {
    Collected c = read("sysmon/df55196f-f105-44d3-a675-e9dfb6cc2f2b.json");
    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.1");
      assertThat(e.host()).isEqualTo("ar-win-1");
      assertThat(e.time()).isEqualTo(Instant.parse("2025-10-22T20:26:58.421Z"));
      assertThat(e.field("Hashes.IMPHASH")).isEqualTo("12CE1C0F3F5837ECC18A3782408FA975");
      assertThat(e.line()).isEqualTo(1);
    });
  }

  @Test
  void winlogbeatShape_readsEventData() throws IOException {
    String line = "{\"@timestamp\":\"2023-03-22T10:00:00Z\",\"winlog\":{\"event_id\":22,\"computer_name\":\"pc1\","
        + "\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_data\":{\"QueryName\":\"a.akamaicontainer.com\"}}}\n";
    Collected c = read("x.json", line.getBytes(StandardCharsets.UTF_8));
    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.22");
      assertThat(e.field("QueryName")).isEqualTo("a.akamaicontainer.com");
      assertThat(e.host()).isEqualTo("pc1");
    });
  }

  @Test
  void winlogbeat_withoutComputerName_takesTheEcsHostName() throws IOException {
    String line = "{\"@timestamp\":\"2023-03-22T10:00:00Z\",\"host\":{\"name\":\"acme-ws-02\"},\"winlog\":{\"event_id\":\"22\","
        + "\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_data\":{\"QueryName\":\"msstorageazure.com\"}}}\n";
    Collected c = read("winlogbeat.ndjson", line.getBytes(StandardCharsets.UTF_8));
    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.host()).isEqualTo("acme-ws-02");
      assertThat(e.time()).isEqualTo(Instant.parse("2023-03-22T10:00:00Z"));
    });
  }

  @Test
  void winlogbeat_flattenedToDottedKeys_readsEventDataAndHost() throws IOException {
    String line = "{\"@timestamp\":\"2023-03-22T10:00:00Z\",\"host.name\":\"brl-srv-09\",\"winlog.event_id\":3,"
        + "\"winlog.channel\":\"Microsoft-Windows-Sysmon/Operational\",\"winlog.computer_name\":\"BRL-SRV-09.borealis.local\","
        + "\"winlog.event_data.DestinationIp\":\"203.0.113.66\",\"winlog.event_data.DestinationPort\":\"443\","
        + "\"winlog.event_data.UtcTime\":\"2023-03-22 10:00:01.000\",\"winlog.event_data.Hashes\":\"MD5=AB,SHA256=CD\"}\n";
    Collected c = read("export.json", line.getBytes(StandardCharsets.UTF_8));
    assertThat(c.reader).isEqualTo("telemetry/windows-json");
    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.3");
      assertThat(e.host()).isEqualTo("BRL-SRV-09.borealis.local");
      assertThat(e.destinationAddress()).isEqualTo("203.0.113.66");
      assertThat(e.destinationPort()).isEqualTo(443);
      assertThat(e.field("DestinationIp")).isEqualTo("203.0.113.66");
      assertThat(e.field("Hashes.SHA256")).isEqualTo("CD");
      assertThat(e.time()).isEqualTo(Instant.parse("2023-03-22T10:00:01Z"));
    });
  }

  /**
   * Winlogbeat's Sysmon module moves the event data to ECS names in its ingest pipeline: documents exported from
   * Elasticsearch carry the query, the addresses and the hashes there only.
   */
  @Test
  void winlogbeatSysmonModule_ecsFields_areReadAsSysmonsOwn() throws IOException {
    String dns = "{\"@timestamp\":\"2024-05-06T10:01:40.000Z\",\"host\":{\"name\":\"laptop-carol.acme.local\"},"
        + "\"event\":{\"code\":\"22\",\"module\":\"sysmon\"},\"dns\":{\"question\":{\"name\":\"www.xn--80ak6aa92e.com\"}},"
        + "\"process\":{\"executable\":\"C:\\\\x.exe\"},\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
        + "\"computer_name\":\"LAPTOP-CAROL.acme.local\",\"event_id\":\"22\",\"event_data\":{\"QueryStatus\":\"0\"}}}";
    String image = "{\"@timestamp\":\"2024-05-06T10:01:41.000Z\",\"event\":{\"code\":\"7\"},\"file\":{\"path\":\"C:\\\\y\\\\evil.dll\","
        + "\"hash\":{\"sha256\":\"AB12\",\"md5\":\"00FF\"}},\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
        + "\"computer_name\":\"LAPTOP-CAROL.acme.local\",\"event_data\":{\"Signed\":\"false\"}}}";
    String flat = "{\"@timestamp\":\"2024-05-06T10:01:42.000Z\",\"winlog.event_id\":\"3\",\"winlog.channel\":"
        + "\"Microsoft-Windows-Sysmon/Operational\",\"host.name\":\"laptop-carol\",\"destination.ip\":\"2a05:d018:1:2::3\","
        + "\"destination.port\":443,\"source.ip\":\"10.1.0.12\",\"destination.domain\":\"c2.example.net\"}";
    Collected c = read("winlogbeat-ecs.ndjson", (dns + "\n" + image + "\n" + flat + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(c.problems).isEmpty();
    assertThat(c.events).hasSize(3);
    assertThat(c.events.get(0)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.22");
      assertThat(e.field("QueryName")).isEqualTo("www.xn--80ak6aa92e.com");
      assertThat(e.field("Image")).isEqualTo("C:\\x.exe");
      assertThat(e.host()).isEqualTo("LAPTOP-CAROL.acme.local");
    });
    assertThat(c.events.get(1)).satisfies(e -> {
      assertThat(e.kind()).as("the event id from event.code").isEqualTo("sysmon.7");
      assertThat(e.field("ImageLoaded")).isEqualTo("C:\\y\\evil.dll");
      assertThat(e.field("Hashes.SHA256")).isEqualTo("AB12");
      assertThat(e.field("Hashes.MD5")).isEqualTo("00FF");
    });
    assertThat(c.events.get(2)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.3");
      assertThat(e.destinationAddress()).isEqualTo("2a05:d018:1:2::3");
      assertThat(e.destinationPort()).isEqualTo(443);
      assertThat(e.sourceAddress()).isEqualTo("10.1.0.12");
      assertThat(e.field("DestinationHostname")).isEqualTo("c2.example.net");
      assertThat(e.host()).isEqualTo("laptop-carol");
    });
  }

  /** Splunk's JSON export of a search wraps each event's fields in {@code result}; its add-on names the id EventCode. */
  @Test
  void splunkExport_resultWrapperAndEventCode_areAnEvent() throws IOException {
    String line = "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"2024-05-06T12:05:01.111+02:00\",\"host\":\"ws-bob\","
        + "\"source\":\"XmlWinEventLog:Microsoft-Windows-Sysmon/Operational\",\"sourcetype\":\"XmlWinEventLog\","
        + "\"EventCode\":\"22\",\"Computer\":\"ws-bob.acme.local\",\"QueryName\":\"x.c2.wildcard-evil.com\"}}\n";
    Collected c = read("splunk-export.json", line.getBytes(StandardCharsets.UTF_8));
    assertThat(c.problems).isEmpty();
    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.kind()).as("sysmon by the channel in Splunk's source").isEqualTo("sysmon.22");
      assertThat(e.field("QueryName")).isEqualTo("x.c2.wildcard-evil.com");
      assertThat(e.host()).isEqualTo("ws-bob.acme.local");
      assertThat(e.time()).isEqualTo(Instant.parse("2024-05-06T10:05:01.111Z"));
    });
  }

  /**
   * Microsoft Sentinel's Event table keeps a Sysmon event's data as XML in one string (EventData), with the provider
   * in Source and the channel in EventLog; a raw Splunk export has only the event's XML (_raw).
   */
  @Test
  void sentinelAndRawSplunkExports_eventXmlInAString_isRead() throws IOException {
    String sentinel = "{\"TimeGenerated\":\"2024-05-06T10:05:00.5Z\",\"Computer\":\"ws-bob.acme.local\",\"EventID\":22,"
        + "\"Source\":\"Microsoft-Windows-Sysmon\",\"EventLog\":\"Microsoft-Windows-Sysmon/Operational\",\"EventData\":"
        + "\"<DataItem type=\\\"System.XmlData\\\"><EventData xmlns=\\\"http://schemas.microsoft.com/win/2004/08/events/event\\\">"
        + "<Data Name=\\\"RuleName\\\">-</Data><Data Name=\\\"UtcTime\\\">2024-05-06 10:05:00.111</Data>"
        + "<Data Name=\\\"QueryName\\\">c2.wildcard-evil.com</Data><Data Name=\\\"QueryResults\\\" />"
        + "<Data Name=\\\"Image\\\">C:\\\\A&amp;B\\\\x.exe</Data></EventData></DataItem>\"}";
    String raw = "{\"preview\":false,\"result\":{\"_raw\":\"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>"
        + "<System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f}'/><EventID>3</EventID>"
        + "<TimeCreated SystemTime='2024-05-06T10:06:00.1234567Z'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
        + "<Computer>ws-carol.acme.local</Computer></System><EventData><Data Name='DestinationIp'>203.0.113.9</Data>"
        + "<Data Name='DestinationHostname'>x.evil-c2.net</Data></EventData></Event>\",\"host\":\"ws-carol\"}}";
    Collected c = read("export.json", (sentinel + "\n" + raw + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(c.problems).isEmpty();
    assertThat(c.events).hasSize(2);
    assertThat(c.events.get(0)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.22");
      assertThat(e.field("QueryName")).isEqualTo("c2.wildcard-evil.com");
      assertThat(e.field("QueryResults")).isEmpty();
      assertThat(e.field("Image")).isEqualTo("C:\\A&B\\x.exe");
      assertThat(e.host()).isEqualTo("ws-bob.acme.local");
      assertThat(e.time()).isEqualTo(Instant.parse("2024-05-06T10:05:00.111Z"));
    });
    assertThat(c.events.get(1)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo("sysmon.3");
      assertThat(e.destinationAddress()).isEqualTo("203.0.113.9");
      assertThat(e.field("DestinationHostname")).isEqualTo("x.evil-c2.net");
      assertThat(e.host()).isEqualTo("ws-carol.acme.local");
      assertThat(e.time()).isEqualTo(Instant.parse("2024-05-06T10:06:00.1234567Z"));
    });
  }

  @Test
  void evtxDump_recordLinesBetweenIndentedEvents_areSkippedSilently_andEvent15HashIsSplit() throws IOException {
    Collected c = readClean("Microsoft-Windows-Sysmon%4Operational.json", "telemetry/windows-json",
        "Record 1",
        "{",
        "  \"Event\": {",
        "    \"System\": {\"EventID\": 15, \"Computer\": \"acme-ws-01\", \"Channel\": \"Microsoft-Windows-Sysmon/Operational\"},",
        "    \"EventData\": {\"UtcTime\": \"2023-03-29 10:00:00.000\", \"TargetFilename\": \"C:\\\\x.exe:Zone.Identifier\",",
        "      \"Hash\": \"SHA256=AB12,IMPHASH=00000000000000000000000000000000\"}",
        "  }",
        "}",
        "Record 2",
        "{",
        "  \"Event\": {\"System\": {\"EventID\": 22, \"Computer\": \"acme-ws-01\", \"Channel\": \"Microsoft-Windows-Sysmon/Operational\"},",
        "    \"EventData\": {\"QueryName\": \"msstorageazure.com\"}}",
        "}");
    assertThat(kindsAt(c)).containsExactly("sysmon.15@2", "sysmon.22@10");
    assertThat(c.events.get(0).field("Hashes.SHA256")).isEqualTo("AB12");
  }

  /**
   * JSON lines with a line cut short, in a string or after a comma (a writer that died, a truncated copy): that line is
   * reported and skipped, and every line after it is read. The record it began used to take every later line with it
   * (braces never balance again), and a hunt missed the hits there with a single problem reported.
   */
  @Test
  void jsonLines_aLineCutShort_isReportedAlone_andTheLinesAfterItAreRead() throws IOException {
    String dns = "{\"ts\":1714521600.0,\"uid\":\"C1\",\"id.orig_h\":\"10.1.1.10\",\"query\":\"c1.example.com\",\"qtype_name\":\"A\",\"trans_id\":1}";
    Collected c = read("dns.log", String.join("\n", dns,
        "{\"ts\":1714521601.0,\"uid\":\"C2\",\"id.orig_h\":\"10.1.1.10\",\"query\":\"broken.exam",
        dns.replace("C1", "C3"),
        "{\"ts\":1714521603.0,\"uid\":\"C4\",\"id.orig_h\":\"10.1.1.10\",",
        dns.replace("C1", "C5"),
        "").getBytes(StandardCharsets.UTF_8));
    assertThat(c.reader).isEqualTo("telemetry/zeek-json");
    assertThat(kindsAt(c)).containsExactly("zeek.dns@1", "zeek.dns@3", "zeek.dns@5");
    assertThat(c.problems).extracting(p -> p.line() + " " + p.kind() + " " + p.detail()).containsExactly(
        "2 corrupt-record is a JSON record cut short in a string; skipped",
        "4 corrupt-record starts a JSON record that the next line cuts short; skipped");

    String query = "{\"EventID\":22,\"Computer\":\"ws-1\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"QueryName\":\"a.example.com\"}";
    Collected sysmon = read("sysmon.json", String.join("\n", query, query.substring(0, 60), query, "")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(kindsAt(sysmon)).containsExactly("sysmon.22@1", "sysmon.22@3");
    assertThat(sysmon.problems).extracting(ReadProblem::line).containsExactly(2L);
  }

  /** A record spread over lines keeps them all, also when a nested line is a whole object, if it is indented. */
  @Test
  void anIndentedRecord_withNestedObjectsOnTheirOwnLines_isOneRecord() throws IOException {
    Collected c = readClean("events.json", "telemetry/windows-json",
        "{",
        "  \"EventID\": 22,",
        "  \"Computer\": \"acme-ws-01\",",
        "  \"Channel\": \"Microsoft-Windows-Sysmon/Operational\",",
        "  \"QueryName\": \"msstorageazure.com\",",
        "  \"Extra\":",
        "  {\"a\": 1}",
        "}");
    assertThat(kindsAt(c)).containsExactly("sysmon.22@1");
  }

  @Test
  void windowsEventsAsOneJsonArray_eachElementIsAnEvent() throws IOException {
    Collected c = readClean("sysmon-export.json", "telemetry/windows-json",
        "[",
        "    {",
        "        \"EventID\":  22,",
        "        \"Computer\":  \"acme-ws-01\",",
        "        \"Channel\":  \"Microsoft-Windows-Sysmon/Operational\",",
        "        \"QueryName\":  \"msstorageazure.com\"",
        "    },",
        "    {\"EventID\": 3, \"Computer\": \"acme-ws-01\", \"Provider_Name\": \"Microsoft-Windows-Sysmon\", \"DestinationIp\": \"203.0.113.66\"}",
        "]");
    assertThat(kindsAt(c)).containsExactly("sysmon.22@2", "sysmon.3@8");
  }

  @Test
  void zeekTsv_withoutPathHeader_isNamedByTheFile_elseByItsFields() throws IOException {
    String log = "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tconn_state\n"
        + "1679479262.0\tC1\t10.0.0.1\t1\t10.0.0.2\t443\tSF\n";
    assertThat(read("conn.2023-03-29-10-00-00.log", log.getBytes(StandardCharsets.UTF_8)).events)
        .singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("zeek.conn"));
    assertThat(read("sensor-export.txt", log.getBytes(StandardCharsets.UTF_8)).events)
        .singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("zeek.conn"));
    String bare = log.substring(log.indexOf('\n') + 1); // no #separator line either: the tab-separated #fields says it
    assertThat(read("conn.log", bare.getBytes(StandardCharsets.UTF_8)).events)
        .singleElement().satisfies(e -> assertThat(e.destinationAddress()).isEqualTo("10.0.0.2"));
  }

  @Test
  void zeekFiles_oldSchemaWithoutConnectionColumns_takesItsHostsFromRxAndTx() throws IOException {
    String log = "#separator \\x09\n#path\tfiles\n#fields\tts\tfuid\ttx_hosts\trx_hosts\tsha256\n"
        + "1679479262.0\tF1\t93.184.216.34\t10.0.0.5,10.0.0.6\tabc\n";
    assertThat(read("files.log", log.getBytes(StandardCharsets.UTF_8)).events).singleElement().satisfies(e -> {
      assertThat(e.sourceAddress()).isEqualTo("10.0.0.5");
      assertThat(e.destinationAddress()).isEqualTo("93.184.216.34");
    });
    String json = "{\"ts\":1679479262.0,\"fuid\":\"F1\",\"uid\":\"C1\",\"id.orig_h\":\"10.0.0.7\",\"id.resp_h\":\"93.184.216.35\","
        + "\"tx_hosts\":[\"93.184.216.34\"],\"rx_hosts\":[\"10.0.0.5\"],\"md5\":\"ab\"}\n";
    assertThat(read("files.log", json.getBytes(StandardCharsets.UTF_8)).events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("zeek.files");
      assertThat(e.sourceAddress()).as("the connection columns win").isEqualTo("10.0.0.7");
    });
  }

  @Test
  void zeekJson_x509WithoutUid_isRecognised() throws IOException {
    String json = "{\"ts\":1679479262.0,\"fingerprint\":\"0123abcd\",\"certificate.version\":3,"
        + "\"certificate.subject\":\"CN=www.example.org\",\"san.dns\":[\"www.example.org\",\"example.org\"]}\n";
    Collected c = read("x509.log", json.getBytes(StandardCharsets.UTF_8));
    assertThat(c.reader).isEqualTo("telemetry/zeek-json");
    assertThat(c.events).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("zeek.x509");
      assertThat(e.field("san.dns")).isEqualTo("www.example.org,example.org");
    });
    assertThat(read("certs.json", json.getBytes(StandardCharsets.UTF_8)).events)
        .singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("zeek.x509"));
  }

  @Test
  void squid_paddedAndSingleSpacedLines_giveProxyFields() throws IOException {
    Collected padded = read("proxy/SquidExampleOutput");
    assertThat(padded.events).hasSize(2);
    assertThat(padded.events.get(0).field("cs-host")).isEqualTo("www.cnn.com");
    assertThat(padded.events.get(0).field("sc-status")).isEqualTo("200");
    Collected single = read("proxy/SquidExampleOutput.txt");
    assertThat(single.events).hasSize(5);
    assertThat(single.events.get(2).field("url")).isEqualTo("http://www.aliexpress.com/af/shoes.html?");
    Collected connect = read("access.log", "1679479262.000 5 10.0.0.5 TCP_TUNNEL/200 100 CONNECT akamaicontainer.com:443 - HIER_DIRECT/1.2.3.4 -\n"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(connect.events).singleElement().satisfies(e -> {
      assertThat(e.field("cs-host")).isEqualTo("akamaicontainer.com");
      assertThat(e.fields()).doesNotContainKey("url");
      assertThat(e.destinationPort()).isEqualTo(443);
    });
  }

  @Test
  void squid_logStartingWithAPartialLine_isRecognised_andThePartialLineReported() throws IOException {
    String log = "TTP/1.1\" 200 -\n"
        + "1680088000.123    452 10.1.0.12 TCP_TUNNEL/200 6543 CONNECT pbxsources.com:443 - HIER_DIRECT/93.184.216.90 -\n";
    Collected c = read("access.log.1", log.getBytes(StandardCharsets.UTF_8));
    assertThat(c.reader).isEqualTo("telemetry/squid");
    assertThat(c.events).singleElement().satisfies(e -> assertThat(e.field("cs-host")).isEqualTo("pbxsources.com"));
    assertThat(c.problems).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(1));
  }

  @Test
  void bind_securityLinesPlainAndInSyslog_giveClientAndQueryName() throws IOException {
    Collected plain = read("dns/bind9-logs.log");
    assertThat(plain.events).hasSize(12).allSatisfy(e -> {
      assertThat(e.kind()).isEqualTo("dns.bind");
      assertThat(e.field("query")).isIn("example.com", "wr_test");
    });
    assertThat(plain.events.get(6).time()).isNull(); // a line without a timestamp
    assertThat(plain.events.get(0).time()).isEqualTo(Instant.parse("2022-10-19T05:34:02.425Z"));
    Collected syslog = read("dns/bind9-syslog.log");
    assertThat(syslog.events).anySatisfy(e -> assertThat(e.sourceAddress()).isEqualTo("2003:f8:733:b600:6018:bbe4:d0ed:22"));
    Collected query = read("q.log", "22-Mar-2023 10:01:02.123 queries: info: client @0x7f 10.0.0.5#5353 (x.msstorageboxes.com): query: x.msstorageboxes.com IN A +E(0)K (10.0.0.53)\n"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(query.events).singleElement().satisfies(e -> assertThat(e.field("query")).isEqualTo("x.msstorageboxes.com"));
  }

  /**
   * BIND logging through syslog (its default) writes syslog's time, without a year: the year is the file's last
   * write's, or the year before for a time after that write (a log rotated in January holds December's lines).
   */
  @Test
  void bind_syslogTimesWithoutYear_takeTheYearOfTheFilesLastWrite() throws IOException {
    Path log = dir.resolve("named.log");
    Files.writeString(log, "Dec 31 23:59:58 dns1 named[1234]: client @0x7f1c2c0a9d68 10.1.0.12#5353 (a.example): query: "
        + "a.example IN A +E(0)DC (10.1.0.2)\n<30>Jan  2 10:00:01 dns1 named[1234]: client 10.1.0.13#5354 (b.example): "
        + "query: b.example IN A + (10.1.0.2)\nFeb 30 10:00:01 dns1 named[1234]: client 10.1.0.13#5354 (c.example): "
        + "query: c.example IN A + (10.1.0.2)\n");
    Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.from(Instant.parse("2024-01-03T08:00:00Z")));
    Collected c = new Collected();
    try (InputStream in = Files.newInputStream(log)) {
      new io.chainwatch.formats.telemetry.bind.BindLogReader().read(log.toString(), in, c);
    }
    assertThat(c.events).extracting(TelemetryEvent::time)
        .containsExactly(Instant.parse("2023-12-31T23:59:58Z"), Instant.parse("2024-01-02T10:00:01Z"), null);
    assertThat(c.problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(ReadProblem.BAD_TIME);
      assertThat(p.line()).isEqualTo(3);
    });
  }

  @Test
  void bind_queryLogStartingWithOtherLines_andIsoOrOldForms_isRecognisedAndRead() throws IOException {
    Collected c = readClean("named.log", "telemetry/bind",
        "29-Mar-2023 09:59:59.000 general: info: zone voxline.test/IN: loaded serial 7",
        "2023-03-29T10:00:06.500Z queries: info: client @0x7f8b2c0a1b22 172.16.5.9#4002 (pbxsources.com): query: pbxsources.com IN A +E(0)K (10.1.0.2)",
        "2023-03-29T12:00:07.000+02:00 client 10.1.0.12#53001: query: Update.Voxline.IO IN AAAA + (10.1.0.2)",
        "client 10.1.0.99#4001 (pbxsources.com): view internal: query: pbxsources.com IN A + (10.1.0.2)");
    assertThat(c.events).extracting(TelemetryEvent::line).containsExactly(2L, 3L, 4L);
    assertThat(c.events).extracting(TelemetryEvent::time).containsExactly(Instant.parse("2023-03-29T10:00:06.500Z"),
        Instant.parse("2023-03-29T10:00:07Z"), null);
    assertThat(c.events).extracting(TelemetryEvent::sourceAddress).containsExactly("172.16.5.9", "10.1.0.12", "10.1.0.99");
    assertThat(c.events).extracting(e -> e.field("query")).containsExactly("pbxsources.com", "Update.Voxline.IO", "pbxsources.com");
  }

  @Test
  void sigma_regressionEvents_matchTheirRules_andOnlyThem() throws IOException {
    SigmaRuleLoader.Loaded loaded = SigmaRuleLoader.load(DATA.resolve("sigma"));
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.rules()).hasSize(13);
    assertThat(fired(loaded.rules(), "sysmon/df55196f-f105-44d3-a675-e9dfb6cc2f2b.json")).containsExactly("df55196f-f105-44d3-a675-e9dfb6cc2f2b");
    assertThat(fired(loaded.rules(), "sysmon/d7a63acb-1284-49bc-bfea-7771146c8b1c.json")).containsExactly("d7a63acb-1284-49bc-bfea-7771146c8b1c");
    assertThat(fired(loaded.rules(), "sysmon/cmd_sharpview_pcre_net_2020-10-2920232423.json")).isEmpty();
  }

  @Test
  void sigma_3cxRules_fireOnPlantedEvents_andNotOnLookAlikes() throws IOException {
    List<SigmaRule> rules = SigmaRuleLoader.load(DATA.resolve("sigma/3cx")).rules();
    String dns = "{\"EventID\":22,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"pc1\",\"UtcTime\":\"2023-03-22 10:00:00.000\","
        + "\"Image\":\"C:\\\\Users\\\\u\\\\AppData\\\\Local\\\\Programs\\\\C3XDesktopApp\\\\3CXDesktopApp.exe\",\"QueryName\":\"www.akamaicontainer.com\"}\n";
    assertThat(fired(rules, "dns.json", dns)).contains("bd03a0dc-5d93-49eb-b2e8-2dfd268600f8");
    String ico = "1679479262.000 5 10.0.0.5 TCP_MISS/200 100 GET https://raw.githubusercontent.com/IconStorages/images/main/icon3.ico - HIER_DIRECT/1.2.3.4 image/x-icon\n";
    assertThat(fired(rules, "access.log", ico)).isNotEmpty();
    String clean = "1679479262.000 5 10.0.0.5 TCP_MISS/200 100 GET https://www.3cx.com/blog/event-trainings/ - HIER_DIRECT/1.2.3.4 text/html\n";
    assertThat(fired(rules, "access.log", clean)).isEmpty();
  }

  private static List<String> fired(List<SigmaRule> rules, String file) throws IOException {
    return fired(rules, file, Files.readString(DATA.resolve(file)));
  }

  private static List<String> fired(List<SigmaRule> rules, String name, String text) throws IOException {
    Collected c = read(name, text.getBytes(StandardCharsets.UTF_8));
    List<String> ids = new ArrayList<>();
    for (TelemetryEvent e : c.events) {
      for (SigmaRule r : rules) if (r.matches(e, new SigmaRule.Match()) && !ids.contains(r.id())) ids.add(r.id());
    }
    return ids;
  }
}
