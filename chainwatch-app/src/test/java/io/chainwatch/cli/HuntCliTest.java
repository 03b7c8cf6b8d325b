package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hunt}, {@code hunts} and {@code hunt show} from the command line, over small Zeek and Sysmon files with
 * planted hits and decoys, against the 3CX demo portfolio and advisory.
 */
class HuntCliTest {
  @TempDir Path dir;
  CliRun cli;
  Path logs;
  final ObjectMapper json = new ObjectMapper();

  /** Zeek DNS, TSV: a subdomain hit from an inventory address, two decoys, one clean lookup. */
  static final String DNS_TSV = String.join("\n",
      "#separator \\x09",
      "#set_separator\t,",
      "#empty_field\t(empty)",
      "#unset_field\t-",
      "#path\tdns",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tquery\tqtype_name",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tstring",
      "1679479262.000000\tC1\t10.20.1.11\t53001\t10.20.0.1\t53\tudp\twww.akamaicontainer.com\tA",
      "1679479322.500000\tC2\t10.20.1.11\t53002\t10.20.0.1\t53\tudp\tAkamaiContainer.com.\tA",
      "1679479400.000000\tC3\t10.20.1.37\t53003\t10.20.0.1\t53\tudp\tnotakamaicontainer.com\tA",
      "1679479401.000000\tC4\t10.20.1.37\t53004\t10.20.0.1\t53\tudp\takamaicontainer.com.example.net\tA",
      "1679479402.000000\tC5\t10.20.1.37\t53005\t10.20.0.1\t53\tudp\twww.3cx.com\tA",
      "") ;

  /** Zeek HTTP, JSON lines: the GitHub dead drop (a hit), github.com and the vendor's blog (not hits). */
  /** A folder "logs" in {@code dir} holding {@link #HTTP_JSON} as http.log. */
  static Path httpLogs(Path dir) throws java.io.IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("http.log"), HTTP_JSON, java.nio.charset.StandardCharsets.UTF_8);
    return logs;
  }

  static final String HTTP_JSON = String.join("\n",
      "{\"ts\":\"2023-03-22T10:05:00Z\",\"uid\":\"H1\",\"id.orig_h\":\"10.20.1.37\",\"id.orig_p\":49152,\"id.resp_h\":\"185.199.108.133\",\"id.resp_p\":80,\"method\":\"GET\",\"host\":\"raw.githubusercontent.com\",\"uri\":\"/IconStorages/images/main/icon3.ico\"}",
      "{\"ts\":\"2023-03-22T10:06:00Z\",\"uid\":\"H2\",\"id.orig_h\":\"10.20.1.37\",\"id.orig_p\":49153,\"id.resp_h\":\"140.82.121.4\",\"id.resp_p\":80,\"method\":\"GET\",\"host\":\"github.com\",\"uri\":\"/IconStorages/images\"}",
      "{\"ts\":\"2023-03-22T10:07:00Z\",\"uid\":\"H3\",\"id.orig_h\":\"10.20.1.37\",\"id.orig_p\":49154,\"id.resp_h\":\"104.18.1.1\",\"id.resp_p\":80,\"method\":\"GET\",\"host\":\"www.3cx.com\",\"uri\":\"/blog/event-trainings/\"}",
      "");

  /** Zeek SSL, TSV: SNI of a C2 domain from a host the inventory does not know. */
  static final String SSL_TSV = String.join("\n",
      "#separator \\x09",
      "#path\tssl",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_name",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring",
      "1679479500.000000\tS1\t192.168.77.5\t50000\t203.0.113.9\t443\tTLSv12\tpbxsources.com",
      "1679479560.000000\tS2\t192.168.77.5\t50001\t203.0.113.9\t443\tTLSv12\tpbxsources.com",
      "1679479620.000000\tS3\t192.168.77.5\t50002\t203.0.113.10\t443\tTLSv12\tpbxsources.com.evil.example",
      "");

  /** Sysmon, flat JSON lines: a DNS query (22) and an image load (7) of the trojanised ffmpeg.dll, host by name. */
  static final String SYSMON_JSON = String.join("\n",
      "{\"EventID\":22,\"Computer\":\"nb-sales-07\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"UtcTime\":\"2023-03-22 11:00:00.000\",\"Image\":\"C:\\\\Users\\\\sales7\\\\AppData\\\\Local\\\\Programs\\\\3CXDesktopApp\\\\3CXDesktopApp.exe\",\"QueryName\":\"msstorageazure.com\",\"QueryStatus\":\"0\"}",
      "{\"EventID\":22,\"Computer\":\"nb-sales-07\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"UtcTime\":\"2023-03-22 11:00:01.000\",\"Image\":\"C:\\\\Windows\\\\explorer.exe\",\"QueryName\":\"notakamaicontainer.com\",\"QueryStatus\":\"0\"}",
      "{\"EventID\":7,\"Computer\":\"nb-sales-07\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"UtcTime\":\"2023-03-22 10:59:58.000\",\"Image\":\"C:\\\\Users\\\\sales7\\\\AppData\\\\Local\\\\Programs\\\\3CXDesktopApp\\\\3CXDesktopApp.exe\",\"ImageLoaded\":\"C:\\\\Users\\\\sales7\\\\AppData\\\\Local\\\\Programs\\\\3CXDesktopApp\\\\ffmpeg.dll\",\"Hashes\":\"MD5=74BC2D0B6680FAA1A5A76B27E5479CBC,SHA256=7986BBAEE8940DA11CE089383521AB420C443AB7B15ED42AED91FD31CE833896\"}",
      "");

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    cli.importDemo(dir);
    logs = Files.createDirectories(dir.resolve("logs"));
    write("zeek/dns.log", DNS_TSV);
    write("zeek/http.log", HTTP_JSON);
    write("zeek/ssl.log", SSL_TSV);
    write("sysmon/sysmon.json", SYSMON_JSON);
  }

  private void write(String name, String content) throws IOException {
    Path p = logs.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  /** The expected document, with the log folder written as {@code LOGS}. */
  private JsonNode expected(String text) throws IOException {
    return json.readTree(text.replace("LOGS", logs.toString().replace("\\", "\\\\")));
  }

  static final String EXPECTED_SIGHTINGS = """
      [
       {"detector":"ioc","indicator":{"type":"domain","value":"akamaicontainer.com"},
        "customer":"Northbridge Precision Engineering Ltd","host":"nb-reception-01",
        "first_seen":"2023-03-22T10:01:02Z","last_seen":"2023-03-22T10:02:02.500Z","count":2,
        "evidence":[{"file":"LOGS/zeek/dns.log","line":8,"field":"query","value":"www.akamaicontainer.com"},
                    {"file":"LOGS/zeek/dns.log","line":9,"field":"query","value":"AkamaiContainer.com."}]},
       {"detector":"ioc","indicator":{"type":"domain","value":"msstorageazure.com"},
        "customer":"Northbridge Precision Engineering Ltd","host":"nb-sales-07",
        "first_seen":"2023-03-22T11:00:00Z","last_seen":"2023-03-22T11:00:00Z","count":1,
        "evidence":[{"file":"LOGS/sysmon/sysmon.json","line":1,"field":"QueryName","value":"msstorageazure.com"}]},
       {"detector":"ioc","indicator":{"type":"domain","value":"pbxsources.com"},
        "customer":null,"host":"192.168.77.5",
        "first_seen":"2023-03-22T10:05:00Z","last_seen":"2023-03-22T10:06:00Z","count":2,
        "evidence":[{"file":"LOGS/zeek/ssl.log","line":5,"field":"server_name","value":"pbxsources.com"},
                    {"file":"LOGS/zeek/ssl.log","line":6,"field":"server_name","value":"pbxsources.com"}]},
       {"detector":"ioc","indicator":{"type":"sha256","value":"7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896"},
        "customer":"Northbridge Precision Engineering Ltd","host":"nb-sales-07",
        "first_seen":"2023-03-22T10:59:58Z","last_seen":"2023-03-22T10:59:58Z","count":1,
        "evidence":[{"file":"LOGS/sysmon/sysmon.json","line":3,"field":"Hashes.SHA256",
                     "value":"7986BBAEE8940DA11CE089383521AB420C443AB7B15ED42AED91FD31CE833896"}]},
       {"detector":"ioc","indicator":{"type":"url-prefix","value":"https://raw.githubusercontent.com/IconStorages/images/main/"},
        "customer":"Northbridge Precision Engineering Ltd","host":"nb-sales-07",
        "first_seen":"2023-03-22T10:05:00Z","last_seen":"2023-03-22T10:05:00Z","count":1,
        "evidence":[{"file":"LOGS/zeek/http.log","line":1,"field":"url",
                     "value":"http://raw.githubusercontent.com/IconStorages/images/main/icon3.ico"}]}
      ]""";

  @Test
  void huntJson_planted3cxHits_exactSightingsWithHostsAndNoDecoys() throws IOException {
    CliRun.Result r = cli.run("hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode doc = json.readTree(r.out());
    assertThat(doc.get("sightings")).isEqualTo(expected(EXPECTED_SIGHTINGS));
    assertThat(doc.get("stats")).isEqualTo(expected("""
        {"files":4,"events":14,"bytes":%d,"outside_window":0,"problems":{},"indicators":34,"rules":0}"""
        .formatted(bytes())));
    assertThat(doc.get("parameters")).isEqualTo(expected("""
        {"logs":["LOGS"],"incident":"3CX-2023-03","customer":null,"since":null,"until":null,"rules":null,"beacons":"threshold 0.7, min-timing 0.6, min-dispersion 0.5, min-connections 4"}"""));
    assertThat(doc.get("hunt").asLong()).isPositive();
  }

  private long bytes() throws IOException {
    long n = 0;
    for (String s : new String[] {DNS_TSV, HTTP_JSON, SSL_TSV, SYSMON_JSON}) n += s.getBytes(StandardCharsets.UTF_8).length;
    return n;
  }

  /**
   * Zeek's own sample logs, with beacon scoring on: their times span years, so series active in less than half of the
   * span are scored again over their own time, and the hunt ended on an internal error there (an index past the end
   * of the grouped times) instead of reporting.
   */
  @Test
  void hunt_zeeksOwnSamplesSpanningYears_withBeacons_endsNormally() throws IOException {
    Path samples = Files.createDirectories(dir.resolve("samples"));
    for (String name : new String[] {"conn.log", "ssl.log"}) {
      try (var in = HuntCliTest.class.getResourceAsStream("/cli/zeek/" + name)) {
        Files.copy(in, samples.resolve(name));
      }
    }
    CliRun.Result r = cli.run("hunt", "--logs", samples.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = json.readTree(r.out());
    assertThat(doc.get("stats").get("files").asInt()).isEqualTo(2);
    assertThat(doc.get("stats").get("problems").size()).isZero();
  }

  @Test
  void hunt_unknownIncident_exits3AndStoresNothing() {
    CliRun.Result r = cli.run("hunt", "--logs", logs.toString(), "--incident", "NOPE-1999");
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("NOPE-1999");
    assertThat(r.out()).isEmpty();
    assertThat(cli.run("hunts").out()).contains("No hunts yet");
  }

  @Test
  void hunt_missingLogPath_exits3() {
    CliRun.Result r = cli.run("hunt", "--logs", dir.resolve("absent").toString(), "--incident", "3CX-2023-03");
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
  }

  @Test
  void hunt_withoutLogs_isAUsageError() {
    assertThat(cli.run("hunt", "--incident", "3CX-2023-03").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void hunt_sinceWindow_skipsEarlierEventsAndCountsThem() throws IOException {
    CliRun.Result r = cli.run("hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03", "--since",
        "2023-03-22T10:30:00Z", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = json.readTree(r.out());
    assertThat(doc.get("stats").get("outside_window").asLong()).isEqualTo(11);
    assertThat(doc.get("sightings")).hasSize(2);
    assertThat(doc.get("sightings").get(0).get("indicator").get("value").asText()).isEqualTo("msstorageazure.com");
  }

  @Test
  void hunts_listsStoredHunts_andHuntShowRereadsTheSameSightings() throws IOException {
    CliRun.Result first = cli.run("hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03", "--format", "json");
    assertThat(first.exit()).as(first.err()).isZero();
    long id = json.readTree(first.out()).get("hunt").asLong();

    CliRun.Result list = cli.run("hunts", "--format", "json");
    assertThat(list.exit()).isZero();
    JsonNode hunts = json.readTree(list.out()).get("hunts");
    assertThat(hunts).hasSize(1);
    assertThat(hunts.get(0).get("hunt").asLong()).isEqualTo(id);
    assertThat(hunts.get(0).get("parameters").get("incident").asText()).isEqualTo("3CX-2023-03");
    assertThat(hunts.get(0).get("started").asText()).isEqualTo("2026-11-26T12:00:00Z");
    assertThat(hunts.get(0).has("sightings")).isFalse();

    CliRun.Result table = cli.run("hunts");
    assertThat(table.out()).contains("3CX-2023-03").contains(logs.toString());

    CliRun.Result show = cli.run("hunt", "show", Long.toString(id), "--format", "json");
    assertThat(show.exit()).as(show.err()).isZero();
    JsonNode shown = json.readTree(show.out());
    assertThat(shown.get("sightings")).isEqualTo(expected(EXPECTED_SIGHTINGS));
    assertThat(shown.get("stats")).isEqualTo(json.readTree(first.out()).get("stats"));
  }

  @Test
  void huntShow_anIdThatIsNoNumber_isAUsageError_pointingAtTheSubcommandsHelp() {
    CliRun.Result r = cli.run("hunt", "show", "abc");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'abc' is not a long").contains("See 'chainwatch hunt show --help'.");
    assertThat(cli.run("hunt", "--bogus").err()).contains("See 'chainwatch hunt --help'.");
    assertThat(cli.run("--bogus").err()).contains("See 'chainwatch --help'.");
  }

  /** A window that ends before it begins holds no event: a mistake, not a hunt that finds nothing. */
  @Test
  void hunt_sinceAfterUntil_isAUsageError_andStoresNothing() {
    CliRun.Result r = cli.run("hunt", "--logs", logs.toString(), "--since", "2023-03-23", "--until", "2023-03-22T12:00:00Z");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--since 2023-03-23 is after --until 2023-03-22T12:00:00Z");
    assertThat(cli.run("hunts").out()).contains("No hunts yet");
    assertThat(cli.run("hunt", "--logs", logs.toString(), "--since", "2023-03-22", "--until", "2023-03-22").exit()).isZero();
  }

  @Test
  void huntShow_unknownId_exits3() {
    CliRun.Result r = cli.run("hunt", "show", "999");
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("no such hunt");
  }

  @Test
  void huntTable_namesDetectorIndicatorHostAndFirstEvidence() {
    CliRun.Result r = cli.run("hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("domain akamaicontainer.com").contains("nb-reception-01")
        .contains("query=www.akamaicontainer.com").doesNotContain("notakamaicontainer");
  }

  /** Zeek SSL: the implant's HTTPS to a C2 name every 60 s for six hours, and a browser's few irregular visits. */
  private Path beaconLogs() throws IOException {
    StringBuilder ssl = new StringBuilder("#separator \\x09\n#path\tssl\n"
        + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tserver_name\n"
        + "#types\ttime\tstring\taddr\tport\taddr\tport\tstring\n");
    long start = 1679479200; // 2023-03-22T10:00:00Z
    for (int i = 0; i < 360; i++) {
      ssl.append(start + 60L * i).append(".250000\tS").append(i).append("\t10.20.1.11\t").append(50000 + i)
          .append("\t203.0.113.9\t443\tpbxsources.com\n");
    }
    for (long offset : new long[] {5, 17, 900, 4000, 4010, 12000, 21000}) {
      ssl.append(start + offset).append(".000000\tB").append(offset).append("\t10.20.1.37\t40000\t198.51.100.5\t443\twww.example.org\n");
    }
    Path beacon = Files.createDirectories(dir.resolve("beacon"));
    Files.writeString(beacon.resolve("ssl.log"), ssl.toString(), StandardCharsets.UTF_8);
    return beacon;
  }

  @Test
  void hunt_periodicHttps_isABeaconOnTheInventoryHost_withExplanation() throws IOException {
    Path beacon = beaconLogs();
    CliRun.Result r = cli.run("hunt", "--logs", beacon.toString(), "--incident", "3CX-2023-03", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode sightings = json.readTree(r.out()).get("sightings");
    assertThat(sightings).hasSize(2);
    JsonNode b = sightings.get(0);
    assertThat(b.get("detector").asText()).isEqualTo("beacon");
    assertThat(b.get("indicator")).isEqualTo(json.readTree("{\"type\":\"hostname\",\"value\":\"pbxsources.com\"}"));
    assertThat(b.get("level").asText()).isEqualTo("high");
    assertThat(b.get("host").asText()).isEqualTo("nb-reception-01");
    assertThat(b.get("customer").asText()).isEqualTo("Northbridge Precision Engineering Ltd");
    assertThat(b.get("count").asLong()).isEqualTo(360);
    assertThat(b.get("first_seen").asText()).isEqualTo("2023-03-22T10:00:00.250Z");
    assertThat(b.get("last_seen").asText()).isEqualTo("2023-03-22T15:59:00.250Z");
    JsonNode why = b.get("evidence").get(0);
    assertThat(why.get("field").asText()).isEqualTo("beacon");
    assertThat(why.get("value").asText()).startsWith("score 1.00 (timing 1.00, dispersion 1.00, size n/a, histogram 1.00, duration 1.00): 360 connections,"
        + " mean interval 60.0 s, median 60.0 s, jitter 0.0 s (MAD)");
    assertThat(b.get("evidence").get(1).get("line").asLong()).isEqualTo(5);
    assertThat(sightings.get(1).get("detector").asText()).isEqualTo("ioc");
    assertThat(sightings.get(1).get("count").asLong()).isEqualTo(360);

    long id = json.readTree(r.out()).get("hunt").asLong();
    JsonNode shown = json.readTree(cli.run("hunt", "show", Long.toString(id), "--format", "json").out());
    assertThat(shown.get("sightings")).isEqualTo(sightings);
    // the table shows each sighting's level: a beacon's says how regular it is
    assertThat(cli.run("hunt", "show", Long.toString(id)).out())
        .containsPattern("DETECTOR +LEVEL +INDICATOR")
        .containsPattern("\\nbeacon +high +hostname pbxsources.com +Northbridge")
        .containsPattern("\\nioc +- +domain pbxsources.com");
  }

  @Test
  void hunt_beaconOptions_disableOrRaiseTheBar() throws IOException {
    Path beacon = beaconLogs();
    JsonNode off = json.readTree(cli.run("hunt", "--logs", beacon.toString(), "--no-beacons", "--format", "json").out());
    assertThat(off.get("sightings")).noneMatch(s -> s.get("detector").asText().equals("beacon"));
    JsonNode many = json.readTree(cli.run("hunt", "--logs", beacon.toString(), "--beacon-min-connections", "361",
        "--format", "json").out());
    assertThat(many.get("sightings")).noneMatch(s -> s.get("detector").asText().equals("beacon"));
    // The settings are stored with each hunt, so a hunt re-read later says how its beacons were judged.
    JsonNode shownOff = json.readTree(cli.run("hunt", "show", off.get("hunt").asText(), "--format", "json").out());
    assertThat(shownOff.get("parameters").get("beacons").asText()).isEqualTo("off");
    JsonNode shownMany = json.readTree(cli.run("hunt", "show", many.get("hunt").asText(), "--format", "json").out());
    assertThat(shownMany.get("parameters").get("beacons").asText())
        .isEqualTo("threshold 0.7, min-timing 0.6, min-dispersion 0.5, min-connections 361");
    assertThat(cli.run("hunt", "show", many.get("hunt").asText()).out()).contains("beacons: threshold 0.7, min-timing 0.6, min-dispersion 0.5, min-connections 361");
    assertThat(cli.run("hunt", "--logs", beacon.toString(), "--beacon-threshold", "1.5").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("hunt", "--logs", beacon.toString(), "--beacon-min-connections", "3").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void emitJson_splunk3cx_onePerSource_withTheIncidentsIndicators() throws IOException {
    CliRun.Result r = cli.run("hunt", "--emit", "splunk", "--incident", "3CX-2023-03", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = json.readTree(r.out());
    assertThat(doc.get("language").asText()).isEqualTo("splunk");
    assertThat(doc.get("incident").asText()).isEqualTo("3CX-2023-03");
    JsonNode queries = doc.get("queries");
    assertThat(queries).extracting(q -> q.get("source").asText()).containsExactly("dns", "web", "files");
    assertThat(queries.get(0).get("query").asText()).contains("DNS.query=\"*.msedgeupdate.net\"").doesNotContain("3cx.com");
    assertThat(queries.get(1).get("query").asText()).contains("Web.url=\"https://raw.githubusercontent.com/iconstorages/images/main/*\"");
    assertThat(queries.get(2).get("query").asText()).contains("\"8ab3a5eaaf8c296080fadf56b265194681d7da5da7c02562953a4cb60e147423\"");
    assertThat(cli.run("hunts").out()).contains("No hunts yet"); // emitting is no hunt
  }

  @Test
  void emitText_kqlAndEsql_commentHeadersThenQueries() {
    CliRun.Result kql = cli.run("hunt", "--emit", "kql", "--incident", "XTRADER-2022");
    assertThat(kql.exit()).as(kql.err()).isZero();
    assertThat(kql.out()).startsWith("// endpoint-network: endpoint connections (Defender DeviceNetworkEvents), incident XTRADER-2022\nDeviceNetworkEvents\n")
        .contains("MD5 in~ (\"ef4ab22e565684424b4142b1294f1f4d\")").doesNotContain("X_TRADER_r7");
    CliRun.Result esql = cli.run("hunt", "--emit", "esql");
    assertThat(esql.exit()).as(esql.err()).isZero();
    assertThat(esql.out()).startsWith("// dns: DNS lookups (ECS dns.question.name)\nFROM logs-*\n")
        .contains("ENDS_WITH(q, \".akamaicontainer.com\")").contains("\"fbc50755913de619fb830fb95882e9703dbfda67dbd0f75bc17eadc9eda61370\"");
  }

  @Test
  void emit_unknownIncidentExits3_unknownLanguageOrLogsAreUsageErrors() {
    assertThat(cli.run("hunt", "--emit", "kql", "--incident", "NOPE-1999").exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(cli.run("hunt", "--emit", "sql", "--incident", "3CX-2023-03").exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("hunt", "--emit", "kql", "--logs", logs.toString()).exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void hunt_mappedSiemCsv_findsHitsInMappedColumns_namesTheHost_skipsDecoys() throws IOException {
    Path mapping = dir.resolve("siem.yaml");
    Files.writeString(mapping, "name: siem\ntimestamp: _time\nsource_address: src\nhost: computer\ndomain: [dest_host]\nhash: sha256\n");
    Path export = Files.createDirectories(dir.resolve("siem")).resolve("export.csv");
    Files.writeString(export, String.join("\n",
        "_time,computer,src,dest_host,sha256,comment",
        "2023-03-22T12:00:00Z,,10.20.1.11,cdn.officestoragebox.com,,\"mentions akamaicontainer.com in free text\"",
        "2023-03-22T12:00:01Z,MCP-OPS-01,,notakamaicontainer.com,,",
        "2023-03-22T12:00:02Z,mcp-ops-01,,,11BE1803E2E307B647A8A7E02D128335C448FF741BF06BF52B332E0BBF423B03,",
        ""));
    CliRun.Result r = cli.run("hunt", "--logs", export.getParent().toString(), "--mapping", mapping.toString(),
        "--incident", "3CX-2023-03", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = json.readTree(r.out());
    assertThat(doc.get("sightings")).isEqualTo(json.readTree(("""
        [{"detector":"ioc","indicator":{"type":"domain","value":"officestoragebox.com"},
          "customer":"Northbridge Precision Engineering Ltd","host":"nb-reception-01",
          "first_seen":"2023-03-22T12:00:00Z","last_seen":"2023-03-22T12:00:00Z","count":1,
          "evidence":[{"file":"EXPORT","line":2,"field":"dest_host","value":"cdn.officestoragebox.com"}]},
         {"detector":"ioc","indicator":{"type":"sha256","value":"11be1803e2e307b647a8a7e02d128335c448ff741bf06bf52b332e0bbf423b03"},
          "customer":"Meridian Capital Partners","host":"mcp-ops-01",
          "first_seen":"2023-03-22T12:00:02Z","last_seen":"2023-03-22T12:00:02Z","count":1,
          "evidence":[{"file":"EXPORT","line":4,"field":"sha256","value":"11BE1803E2E307B647A8A7E02D128335C448FF741BF06BF52B332E0BBF423B03"}]}]
        """).replace("EXPORT", export.toString())));
    assertThat(doc.get("stats").get("events").asLong()).isEqualTo(3);
  }

  /** {@code --mapping ecs}: Zeek data exported from Elastic or Security Onion, by the built-in mapping. */
  @Test
  void hunt_builtInEcsMapping_findsHitsWithTheirHosts_skipsDecoys() throws IOException {
    Path export = Files.createDirectories(dir.resolve("elastic")).resolve("zeek-dns.ndjson");
    Files.writeString(export, String.join("\n",
        "{\"@timestamp\":\"2023-03-22T12:00:00Z\",\"event\":{\"dataset\":\"zeek.dns\"},\"source\":{\"ip\":\"10.20.1.11\"},"
            + "\"dns\":{\"question\":{\"name\":\"cdn.officestoragebox.com\"}},\"message\":\"akamaicontainer.com\"}",
        "{\"@timestamp\":\"2023-03-22T12:00:01Z\",\"event\":{\"dataset\":\"zeek.dns\"},\"source\":{\"ip\":\"10.20.1.11\"},"
            + "\"dns\":{\"question\":{\"name\":\"notakamaicontainer.com\"}}}",
        ""));
    CliRun.Result r = cli.run("hunt", "--logs", export.getParent().toString(), "--mapping", "ecs", "--incident", "3CX-2023-03",
        "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode sightings = json.readTree(r.out()).get("sightings");
    assertThat(sightings).hasSize(1);
    assertThat(sightings.get(0).get("indicator").get("value").asText()).isEqualTo("officestoragebox.com");
    assertThat(sightings.get(0).get("host").asText()).isEqualTo("nb-reception-01");
    assertThat(sightings.get(0).get("evidence").get(0).get("field").asText()).isEqualTo("dns.question.name");

    // a file of that name is read as a mapping file, as any other (this one names no column of the export)
    Path file = dir.resolve("ecs");
    Files.writeString(file, "timestamp: ts\n");
    CliRun.Result own = cli.run("hunt", "--logs", export.getParent().toString(), "--mapping", file.toString(), "--incident",
        "3CX-2023-03", "--format", "json");
    assertThat(own.exit()).as(own.err()).isZero();
    assertThat(json.readTree(own.out()).get("sightings")).isEmpty();
  }

  @Test
  void hunt_badMapping_exits3() throws IOException {
    Path mapping = dir.resolve("bad.yaml");
    Files.writeString(mapping, "host: computer\n");
    CliRun.Result r = cli.run("hunt", "--logs", logs.toString(), "--mapping", mapping.toString());
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("/timestamp");
  }
}
