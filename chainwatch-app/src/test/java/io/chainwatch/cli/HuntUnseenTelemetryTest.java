package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainwatch.app.Chainwatch;
import io.chainwatch.common.Progress;
import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.hunt.beacon.BeaconDetector;
import io.chainwatch.hunt.beacon.BeaconSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hunt over telemetry shaped the way real deployments export it, none of it from the repository's other tests: Zeek
 * TSV with reordered and unknown columns, CRLF, gzip, rotated names, restarted headers and no {@code #path}; Zeek JSON
 * with ISO times, underscore keys, keys in any order and spaced separators, in files large enough for the parallel
 * scanner to cut into chunks; Sysmon from Winlogbeat and from flat NXLog-style exports; Squid with CONNECT, native and in its combined and common formats; BIND query
 * logs old and new, plain, in syslog and with ISO times; and files that are cut short, binary, or carry a 50 MB line or
 * bytes that are not UTF-8. Real samples (see {@code telemetry-unseen/SOURCES.md}) are the background the hits and
 * decoys are planted in.
 *
 * <p>Every planted hit must come back with its host (the asset named by the event or by inventory address, else the
 * address) and its evidence (file, line, field, value), nothing else may come back, and the hunt must be the same
 * whether Zeek JSON is scanned in parallel chunks or read event by event.
 */
class HuntUnseenTelemetryTest {
  static final String INCIDENT = "UNSEEN-2026-01";
  static final String ACME = "Acme Tooling Ltd";
  static final String BOREALIS = "Borealis Bank AG";
  static final String MD5 = "0eb5e3c8a8f2a1b9c7d6e5f4a3b2c1d0";
  static final String SHA1 = "9f1c3b7e2d4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e";
  static final String SHA256 = "b1d6e5c4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6";
  static final String IDN_UNICODE = "b\u00fccherupdate.net";
  static final String IDN_ASCII = IDN.toASCII(IDN_UNICODE);
  static final String URL_PREFIX = "https://raw.githubusercontent.com/IconStorages/images/main/";
  static final String URL = "https://dl.voxline.io/payload/stage2.bin";

  static final String ADVISORY = """
      id: UNSEEN-2026-01
      title: Planted indicators for telemetry the repository has not seen
      disclosed: 2026-01-15
      affected:
        - {vendor: Voxline, product: Voxline Desktop, platform: windows, versions: "vers:generic/1.0.0"}
      indicators:
        - {type: domain, value: "akamaicontainer[.]com"}
        - {type: domain, value: "msstorageazure.com"}
        - {type: domain, value: "PBXSources.com."}
        - {type: domain, value: "%s"}
        - {type: hostname, value: "update.voxline.io"}
        - {type: ipv4, value: "203.0.113[.]66"}
        - {type: ipv6, value: "2001:DB8:BAD:0:0:0:0:1"}
        - {type: cidr, value: "198.51.100.0/24"}
        - {type: url, value: "hxxps://dl.voxline[.]io/payload/stage2.bin"}
        - {type: url-prefix, value: "%s"}
        - {type: md5, value: "%s"}
        - {type: sha1, value: "%s"}
        - {type: sha256, value: "%s"}
      """.formatted(IDN_UNICODE, URL_PREFIX, MD5, SHA1.toUpperCase(Locale.ROOT), SHA256);

  static final String CUSTOMERS = """
      customer,sector,country,criticality
      Acme Tooling Ltd,manufacturing,GB,4
      Borealis Bank AG,finance,DE,5
      """;

  /** acme-dc-01 is the DNS resolver and acme-proxy the proxy: clients the inventory does not know must not become them. */
  static final String INVENTORY = """
      customer,asset,platform,vendor,product,version,ip
      Acme Tooling Ltd,acme-ws-01,windows,Voxline,Voxline Desktop,1.0.0,10.1.0.11
      Acme Tooling Ltd,acme-ws-02,windows,Voxline,Voxline Desktop,1.0.0,10.1.0.12
      Acme Tooling Ltd,acme-ws-03,windows,Voxline,Voxline Desktop,1.0.0,2001:DB8:10:0:0:0:0:13
      Acme Tooling Ltd,acme-dc-01,windows,Microsoft,Windows Server,2019,10.1.0.2
      Acme Tooling Ltd,acme-proxy,linux,Squid,Squid,5.7,10.1.0.3
      Borealis Bank AG,brl-srv-09,windows,Voxline,Voxline Desktop,1.0.0,172.16.5.9
      Borealis Bank AG,brl-lt-07,windows,Voxline,Voxline Desktop,1.0.0,172.16.5.7
      """;

  /** Where a hit must be attributed. */
  record Host(@Nullable String customer, String name) {}

  static final Host WS01 = new Host(ACME, "acme-ws-01");
  static final Host WS02 = new Host(ACME, "acme-ws-02");
  static final Host WS03 = new Host(ACME, "acme-ws-03");
  static final Host SRV09 = new Host(BOREALIS, "brl-srv-09");
  static final Host LT07 = new Host(BOREALIS, "brl-lt-07");
  /** A client the inventory does not know, whose resolver (acme-dc-01) it does. */
  static final Host UNKNOWN_CLIENT = new Host(null, "10.1.0.99");
  static final Host KIOSK = new Host(null, "KIOSK-3");

  /** One expected hit: indicator, host and evidence. */
  record Hit(String type, String value, Host host, String field, String fieldValue) {}

  static Hit hit(String type, String value, Host host, String field, String fieldValue) {
    return new Hit(type, value, host, field, fieldValue);
  }

  @TempDir Path dir;
  CliRun cli;
  Path logs;
  final ObjectMapper json = new ObjectMapper();
  final Random random = new Random(2026);
  /** The planted hits as {@link #key} strings. */
  final List<String> planted = new ArrayList<>();

  static String key(String type, String value, @Nullable String customer, String host, String file, long line,
      String field, String fieldValue) {
    return type + " " + value + " | " + customer + " / " + host + " | " + file + ":" + line + " " + field + "=" + fieldValue;
  }

  /** A log being written: it counts lines so that each planted hit knows its own. */
  final class Log {
    final String name;
    final String eol;
    final StringBuilder text = new StringBuilder();
    long line;

    Log(String name, String eol) {
      this.name = name;
      this.eol = eol;
    }

    Log(String name) {
      this(name, "\n");
    }

    Log add(String s) {
      text.append(s).append(eol);
      line++;
      return this;
    }

    /** Lines of a sample, with their own line ends; a missing last line end is added. */
    Log sample(String resource) throws IOException {
      String s = resource(resource);
      for (String l : s.split("\r?\n", -1)) {
        if (!l.isEmpty()) add(l);
      }
      return this;
    }

    Log hit(String s, Hit... hits) {
      add(s);
      for (Hit h : hits) {
        planted.add(key(h.type(), h.value(), h.host().customer(), h.host().name(), path().toString(), line, h.field(),
            h.fieldValue()));
      }
      return this;
    }

    Path path() {
      return logs.resolve(name);
    }

    Path write() throws IOException {
      Path p = path();
      Files.createDirectories(p.getParent());
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (name.endsWith(".gz")) {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
          o.write(bytes);
        }
      } else {
        Files.write(p, bytes);
      }
      return p;
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = HuntUnseenTelemetryTest.class.getResourceAsStream("/telemetry-unseen/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    Files.writeString(dir.resolve("customers.csv"), CUSTOMERS);
    Files.writeString(dir.resolve("inventory.csv"), INVENTORY);
    Files.writeString(dir.resolve("unseen.yaml"), ADVISORY);
    for (String f : List.of("customers.csv", "inventory.csv", "unseen.yaml")) {
      CliRun.Result r = cli.run("import", dir.resolve(f).toString());
      assertThat(r.exit()).as(r.err()).isZero();
    }
    logs = Files.createDirectories(dir.resolve("logs"));
  }

  // ---------------------------------------------------------------------------------------------------------- Zeek TSV

  /** A Zeek TSV record: the values by field name, in the order of {@code fields}; absent ones unset. */
  static String row(List<String> fields, Map<String, String> values) {
    List<String> cells = new ArrayList<>();
    for (String f : fields) cells.add(values.getOrDefault(f, "-"));
    return String.join("\t", cells);
  }

  static Map<String, String> values(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  /** The records of a Zeek TSV sample as maps by field name. */
  static List<Map<String, String>> records(String resource) throws IOException {
    List<Map<String, String>> out = new ArrayList<>();
    String[] fields = null;
    for (String l : resource(resource).split("\n")) {
      if (l.startsWith("#fields\t")) fields = l.substring(8).split("\t");
      if (l.isEmpty() || l.startsWith("#")) continue;
      String[] v = l.split("\t", -1);
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < fields.length; i++) m.put(fields[i], v[i]);
      out.add(m);
    }
    return out;
  }

  static void header(Log log, @Nullable String path, List<String> fields) {
    log.add("#separator \\x09").add("#set_separator\t,").add("#empty_field\t(empty)").add("#unset_field\t-");
    if (path != null) log.add("#path\t" + path);
    log.add("#open\t2023-03-29-10-00-00").add("#fields\t" + String.join("\t", fields))
        .add("#types\t" + String.join("\t", Collections.nCopies(fields.size(), "string")));
  }

  /** dns, rotated and compressed, CRLF, columns reordered, two unknown columns; the sample's records among the plants. */
  void zeekTsvDns() throws IOException {
    List<String> fields = List.of("uid", "query", "ts", "id.resp_h", "id.resp_p", "id.orig_h", "id.orig_p", "proto",
        "trans_id", "qtype_name", "rcode_name", "answers", "TTLs", "sensor", "community_id", "rejected");
    Log log = new Log("zeek/tsv/dns.2023-03-29-10-00-00.log.gz", "\r\n");
    header(log, "dns", fields);
    List<Map<String, String>> sample = records("dns.log");
    for (Map<String, String> r : sample.subList(0, 2)) log.add(row(fields, r));
    log.hit(row(fields, values("ts", "1680084000.123456", "uid", "CA1", "id.orig_h", "10.1.0.11", "id.orig_p", "53001",
            "id.resp_h", "10.1.0.2", "id.resp_p", "53", "proto", "udp", "query", "WWW.AkamaiContainer.COM.",
            "qtype_name", "A", "answers", "93.184.216.34,www.example.org", "TTLs", "60.000000,60.000000", "sensor", "s1")),
        hit("domain", "akamaicontainer.com", WS01, "query", "WWW.AkamaiContainer.COM."));
    log.add(row(fields, values("ts", "1680084001.0", "uid", "CA2", "id.orig_h", "10.1.0.11", "query", "notakamaicontainer.com")));
    log.add(row(fields, values("ts", "1680084002.0", "uid", "CA3", "id.orig_h", "10.1.0.11", "query", "akamaicontainer.com.example.net")));
    log.add(row(fields, values("ts", "1680084003.0", "uid", "CA4", "id.orig_h", "10.1.0.11", "query", "66.113.0.203.in-addr.arpa")));
    log.add(row(fields, values("ts", "1680084004.0", "uid", "CA5", "id.orig_h", "10.1.0.11", "query", "cdn.update.voxline.io")));
    log.add(row(fields, values("ts", "1680084005.0", "uid", "CA6", "id.orig_h", "10.1.0.11", "query", "(empty)",
        "answers", "(empty)")));
    log.hit(row(fields, values("ts", "1680084006.5", "uid", "CA7", "id.orig_h", "10.1.0.12", "id.resp_h", "10.1.0.2",
            "query", "cdn." + IDN_ASCII, "qtype_name", "AAAA")),
        hit("domain", IDN_ASCII, WS02, "query", "cdn." + IDN_ASCII));
    for (Map<String, String> r : sample.subList(2, sample.size())) log.add(row(fields, r));
    log.hit(row(fields, values("ts", "1680084007.0", "uid", "CA8", "id.orig_h", "10.1.0.99", "id.orig_p", "40000",
            "id.resp_h", "10.1.0.2", "id.resp_p", "53", "query", "akamaicontainer.com")),
        hit("domain", "akamaicontainer.com", UNKNOWN_CLIENT, "query", "akamaicontainer.com"));
    log.hit(row(fields, values("ts", "1680084008.0", "uid", "CA9", "id.orig_h", "172.16.5.7", "id.resp_h", "172.16.0.53",
            "query", "UPDATE.VOXLINE.IO")),
        hit("hostname", "update.voxline.io", LT07, "query", "UPDATE.VOXLINE.IO"));
    log.add("#close\t2023-03-29-11-00-00");
    log.write();
  }

  /** conn without #path (the file name says it), the sample's header and records, connection endpoints. */
  void zeekTsvConn() throws IOException {
    Log log = new Log("zeek/tsv/conn.log");
    List<String> fields = null;
    for (String l : resource("conn.log").split("\n")) {
      if (l.startsWith("#path") || l.startsWith("#close")) continue;
      if (l.startsWith("#fields\t")) fields = List.of(l.substring(8).split("\t"));
      log.add(l);
    }
    log.hit(row(fields, values("ts", "1680084100.0", "uid", "CB1", "id.orig_h", "10.1.0.12", "id.orig_p", "50100",
            "id.resp_h", "203.0.113.66", "id.resp_p", "443", "proto", "tcp", "tunnel_parents", "(empty)")),
        hit("ipv4", "203.0.113.66", WS02, "id.resp_h", "203.0.113.66"));
    // inbound from the indicator: the host is the inventory asset it reached
    log.hit(row(fields, values("ts", "1680084101.0", "uid", "CB2", "id.orig_h", "203.0.113.66", "id.orig_p", "50101",
            "id.resp_h", "10.1.0.11", "id.resp_p", "3389", "proto", "tcp")),
        hit("ipv4", "203.0.113.66", WS01, "id.orig_h", "203.0.113.66"));
    log.hit(row(fields, values("ts", "1680084102.0", "uid", "CB3", "id.orig_h", "10.1.0.11", "id.orig_p", "50102",
            "id.resp_h", "198.51.100.200", "id.resp_p", "8443", "proto", "tcp")),
        hit("cidr", "198.51.100.0/24", WS01, "id.resp_h", "198.51.100.200"));
    log.hit(row(fields, values("ts", "1680084103.0", "uid", "CB4", "id.orig_h", "2001:db8:10::13", "id.orig_p", "50103",
            "id.resp_h", "2001:db8:bad::1", "id.resp_p", "443", "proto", "tcp")),
        hit("ipv6", "2001:db8:bad::1", WS03, "id.resp_h", "2001:db8:bad::1"));
    log.hit(row(fields, values("ts", "1680084104.0", "uid", "CB5", "id.orig_h", "172.16.5.7", "id.orig_p", "50104",
            "id.resp_h", "203.0.113.66", "id.resp_p", "80", "proto", "tcp")),
        hit("ipv4", "203.0.113.66", LT07, "id.resp_h", "203.0.113.66"));
    for (String decoy : List.of("203.0.113.6", "203.0.113.166", "198.51.101.1", "2001:db8:bad::10", "10.203.0.113",
        "2001:db8:bad:1::1")) {
      log.add(row(fields, values("ts", "1680084105.0", "uid", "CB6", "id.orig_h", "10.1.0.11", "id.orig_p", "20311",
          "id.resp_h", decoy, "id.resp_p", "20311", "proto", "tcp", "service", "203.0.113.66")));
    }
    log.add(row(fields, values("ts", "1680084106.0", "uid", "CB7", "id.orig_h", "10.1.0.99", "id.resp_h", "10.1.0.2")));
    // a hostile time (expanding it would take minutes): the event has no time, and is hunted
    log.hit(row(fields, values("ts", "1e999999999", "uid", "CB8", "id.orig_h", "172.16.5.7", "id.resp_h", "203.0.113.66")),
        hit("ipv4", "203.0.113.66", LT07, "id.resp_h", "203.0.113.66"));
    log.write();
  }

  /** http as the sample writes it, with escapes, sets and a proxied absolute URI; names and URLs. */
  void zeekTsvHttp() throws IOException {
    Log log = new Log("zeek/tsv/http.log");
    List<String> fields = null;
    String close = null;
    for (String l : resource("http.log").split("\n")) {
      if (l.startsWith("#close")) {
        close = l;
        continue;
      }
      if (l.startsWith("#fields\t")) fields = List.of(l.substring(8).split("\t"));
      log.add(l);
    }
    log.hit(row(fields, values("ts", "1680084200.0", "uid", "CC1", "id.orig_h", "10.1.0.11", "id.orig_p", "50200",
            "id.resp_h", "185.199.108.133", "id.resp_p", "80", "method", "GET", "host", "raw.githubusercontent.com",
            "uri", "/IconStorages/images/main/icon12.ico", "tags", "(empty)", "resp_mime_types", "image/x-icon")),
        hit("url-prefix", URL_PREFIX, WS01, "url", "http://raw.githubusercontent.com/IconStorages/images/main/icon12.ico"));
    log.hit(row(fields, values("ts", "1680084201.0", "uid", "CC2", "id.orig_h", "10.1.0.12", "id.orig_p", "50201",
            "id.resp_h", "93.184.216.40", "id.resp_p", "80", "method", "GET", "host", "dl.voxline.io",
            "uri", "/payload/stage2.bin")),
        hit("url", URL, WS02, "url", "http://dl.voxline.io/payload/stage2.bin"));
    log.hit(row(fields, values("ts", "1680084202.0", "uid", "CC3", "id.orig_h", "172.16.5.9", "id.orig_p", "50202",
            "id.resp_h", "93.184.216.41", "id.resp_p", "80", "method", "GET", "host", "update.voxline.io",
            "uri", "/check?v=1")),
        hit("hostname", "update.voxline.io", SRV09, "host", "update.voxline.io"));
    // a proxied request: the URI is absolute and there is no Host
    log.hit(row(fields, values("ts", "1680084203.0", "uid", "CC4", "id.orig_h", "10.1.0.12", "id.orig_p", "50203",
            "id.resp_h", "10.1.0.3", "id.resp_p", "3128", "method", "GET",
            "uri", "http://raw.githubusercontent.com/IconStorages/images/main/icon3.ico")),
        hit("url-prefix", URL_PREFIX, WS02, "url", "http://raw.githubusercontent.com/IconStorages/images/main/icon3.ico"));
    // decoys: indicators in the query string, the user agent, the referrer, on another host, inside an escaped value
    log.add(row(fields, values("ts", "1680084204.0", "uid", "CC5", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.34",
        "method", "GET", "host", "www.example.org",
        "uri", "/search?q=akamaicontainer.com&next=" + URL_PREFIX + "x&ip=203.0.113.66&h=" + SHA256,
        "referrer", "http://msstorageazure.com.example.net/", "user_agent", "Mozilla/5.0 (akamaicontainer.com; 203.0.113.66)")));
    log.add(row(fields, values("ts", "1680084205.0", "uid", "CC6", "id.orig_h", "10.1.0.11", "id.resp_h", "140.82.121.4",
        "method", "GET", "host", "github.com", "uri", "/IconStorages/images/main/icon1.ico")));
    log.add(row(fields, values("ts", "1680084206.0", "uid", "CC7", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.34",
        "method", "GET", "host", "www.example.org\\x09akamaicontainer.com", "uri", "/a\\x09b")));
    log.add(row(fields, values("ts", "1680084207.0", "uid", "CC8", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.34",
        "method", "GET", "host", "dl.voxline.io", "uri", "/payload/stage2.bin.sig")));
    // a Host header with a port, and a look-alike with one
    log.hit(row(fields, values("ts", "1680084208.0", "uid", "CC9", "id.orig_h", "10.1.0.11", "id.orig_p", "50208",
            "id.resp_h", "93.184.216.35", "id.resp_p", "8080", "method", "POST", "host", "PBXSources.com:8080", "uri", "/api")),
        hit("domain", "pbxsources.com", WS01, "host", "PBXSources.com:8080"));
    log.add(row(fields, values("ts", "1680084209.0", "uid", "CC10", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.35",
        "method", "GET", "host", "notakamaicontainer.com:8080", "uri", "/")));
    log.add(close);
    log.write();
  }

  /** ssl, rotated and compressed; the log restarts with its columns in another order. */
  void zeekTsvSsl() throws IOException {
    Log log = new Log("zeek/tsv/ssl.2023-03-29-10-00-00.log.gz");
    List<String> first = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "version", "cipher",
        "server_name", "established", "cert_chain_fuids");
    header(log, "ssl", first);
    log.hit(row(first, values("ts", "1680084300.0", "uid", "CD1", "id.orig_h", "10.1.0.11", "id.orig_p", "50300",
            "id.resp_h", "93.184.216.50", "id.resp_p", "443", "version", "TLSv13", "server_name", "MsStorageAzure.com",
            "established", "T", "cert_chain_fuids", "F1,F2")),
        hit("domain", "msstorageazure.com", WS01, "server_name", "MsStorageAzure.com"));
    log.add(row(first, values("ts", "1680084301.0", "uid", "CD2", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.51",
        "server_name", "msstorageazure.com.cdn.cloudflare.net")));
    log.add(row(first, values("ts", "1680084302.0", "uid", "CD3", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.52")));
    log.add("#close\t2023-03-29-10-30-00");
    List<String> second = List.of("ts", "server_name", "id.resp_h", "id.resp_p", "id.orig_h", "id.orig_p", "uid",
        "version", "ja3");
    header(log, "ssl", second);
    log.hit(row(second, values("ts", "1680084400.0", "uid", "CD4", "id.orig_h", "172.16.5.9", "id.orig_p", "50400",
            "id.resp_h", "93.184.216.53", "id.resp_p", "443", "server_name", "pbxsources.com", "ja3", "abc")),
        hit("domain", "pbxsources.com", SRV09, "server_name", "pbxsources.com"));
    log.add("#close\t2023-03-29-11-00-00");
    log.write();
  }

  /** files in the old schema: no connection columns, the hosts in tx_hosts/rx_hosts; hashes of three algorithms. */
  void zeekTsvFiles() throws IOException {
    List<String> fields = List.of("ts", "fuid", "tx_hosts", "rx_hosts", "conn_uids", "source", "depth", "analyzers",
        "mime_type", "filename", "duration", "local_orig", "is_orig", "seen_bytes", "total_bytes", "missing_bytes",
        "overflow_bytes", "timedout", "parent_fuid", "md5", "sha1", "sha256", "extracted");
    Log log = new Log("zeek/tsv/files.log");
    header(log, "files", fields);
    log.hit(row(fields, values("ts", "1680084500.0", "fuid", "FE1", "tx_hosts", "93.184.216.60", "rx_hosts", "10.1.0.12",
            "conn_uids", "CE1", "source", "HTTP", "analyzers", "MD5,SHA1,SHA256", "mime_type", "application/x-dosexec",
            "md5", "11111111111111111111111111111111", "sha1", "2222222222222222222222222222222222222222", "sha256", SHA256)),
        hit("sha256", SHA256, WS02, "sha256", SHA256));
    log.hit(row(fields, values("ts", "1680084501.0", "fuid", "FE2", "tx_hosts", "93.184.216.61", "rx_hosts", "10.1.0.11",
            "source", "HTTP", "md5", MD5, "sha1", SHA1)),
        hit("md5", MD5, WS01, "md5", MD5), hit("sha1", SHA1, WS01, "sha1", SHA1));
    // a hash prefix, an MD5 that is the start of the SHA-256, a hash with one digit changed
    log.add(row(fields, values("ts", "1680084502.0", "fuid", "FE3", "tx_hosts", "93.184.216.62", "rx_hosts", "10.1.0.11",
        "md5", SHA256.substring(0, 32), "sha1", SHA1.substring(0, 39) + "f", "sha256", SHA256.substring(0, 63))));
    log.add("#close\t2023-03-29-11-00-00");
    log.write();
  }

  // --------------------------------------------------------------------------------------------------------- Zeek JSON

  /** A JSON object of the pairs in this order (keys as given, values as strings or numbers). */
  String object(Object... kv) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return json.writeValueAsString(m);
  }

  /** The same object with its pairs shuffled: exporters write keys in any order. */
  String shuffled(Object... kv) throws IOException {
    List<Integer> pairs = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) pairs.add(i);
    Collections.shuffle(pairs, random);
    Object[] out = new Object[kv.length];
    int j = 0;
    for (int i : pairs) {
      out[j++] = kv[i];
      out[j++] = kv[i + 1];
    }
    return object(out);
  }

  static String iso(long second) {
    return java.time.Instant.ofEpochSecond(second, 123456000).toString();
  }

  /** Ordinary DNS lookups, keys in any order, ISO times. */
  void dnsFiller(Log log, int n, long start) throws IOException {
    for (int i = 0; i < n; i++) {
      log.add(shuffled("ts", iso(start + i), "uid", "CF" + i, "id.orig_h", "10.1.0." + (20 + i % 50), "id.orig_p", 40000 + i,
          "id.resp_h", "10.1.0.2", "id.resp_p", 53, "proto", "udp", "trans_id", i, "query",
          "host" + random.nextInt(100000) + ".intranet.acme.example", "qtype_name", "A", "rcode_name", "NOERROR",
          "answers", List.of("10.9." + (i % 200) + ".1"), "TTLs", List.of(300.0), "rejected", false));
    }
  }

  /** dns, rotated name, no _path, ISO times, the OTRF sample (RockNSM keys) among it; several 64 KiB chunks. */
  void zeekJsonDns() throws IOException {
    Log log = new Log("zeek/json/dns.2023-03-29-10-00-00.log");
    log.hit(shuffled("ts", "2023-03-29T10:00:00.000001Z", "uid", "CG1", "id.orig_h", "10.1.0.11", "id.orig_p", 50600,
            "id.resp_h", "10.1.0.2", "id.resp_p", 53, "proto", "udp", "query", "Update.Voxline.IO.", "qtype_name", "A"),
        hit("hostname", "update.voxline.io", WS01, "query", "Update.Voxline.IO."));
    dnsFiller(log, 400, 1680084600);
    log.sample("SCRANTON_dns.log");
    log.hit(object("ts", "2023-03-29T10:10:00Z", "uid", "CG2", "id_orig_h", "172.16.5.7", "id_orig_p", 50601,
            "id_resp_h", "172.16.0.53", "id_resp_p", 53, "query", "msstorageazure.com", "qtype_name", "A", "answers",
            List.of("203.0.113.7")),
        hit("domain", "msstorageazure.com", LT07, "query", "msstorageazure.com"));
    dnsFiller(log, 400, 1680085600);
    log.hit(shuffled("ts", "2023-03-29T10:20:00.5Z", "uid", "CG3", "id.orig_h", "10.1.0.12", "id.orig_p", 50602,
            "id.resp_h", "10.1.0.2", "id.resp_p", 53, "query", "cdn." + IDN_UNICODE, "qtype_name", "A"),
        hit("domain", IDN_ASCII, WS02, "query", "cdn." + IDN_UNICODE));
    log.hit(shuffled("ts", "2023-03-29T10:20:01Z", "uid", "CG4", "id.orig_h", "10.1.0.99", "id.orig_p", 50603,
            "id.resp_h", "10.1.0.2", "id.resp_p", 53, "query", "AKAMAICONTAINER.COM"),
        hit("domain", "akamaicontainer.com", UNKNOWN_CLIENT, "query", "AKAMAICONTAINER.COM"));
    // spaced separators, as Python's json.dumps writes them
    log.hit("{\"ts\": \"2023-03-29T10:20:02Z\", \"uid\": \"CG5\", \"id.orig_h\": \"10.1.0.11\", \"id.orig_p\": 50604, "
            + "\"id.resp_h\": \"10.1.0.2\", \"id.resp_p\": 53, \"query\": \"pbxsources.com\", \"qtype_name\": \"A\"}",
        hit("domain", "pbxsources.com", WS01, "query", "pbxsources.com"));
    for (String decoy : List.of("notakamaicontainer.com", "akamaicontainer.com.example.net", "msstorageazure.com.attacker.example",
        "xupdate.voxline.io", "update.voxline.io.example", "203.0.113.66", "pbxsources.co")) {
      log.add(shuffled("ts", "2023-03-29T10:20:03Z", "uid", "CG6", "id.orig_h", "10.1.0.11", "id.resp_h", "10.1.0.2",
          "query", decoy, "qtype_name", "A"));
    }
    dnsFiller(log, 500, 1680086600);
    log.hit(shuffled("ts", "2023-03-29T10:40:00Z", "uid", "CG7", "id.orig_h", "10.1.0.12", "id.orig_p", 50605,
            "id.resp_h", "10.1.0.2", "id.resp_p", 53, "query", "a.b.c.akamaicontainer.com", "qtype_name", "TXT"),
        hit("domain", "akamaicontainer.com", WS02, "query", "a.b.c.akamaicontainer.com"));
    assertThat(log.write()).isNotEmptyFile().satisfies(p -> assertThat(Files.size(p)).isGreaterThan(3 << 16));
  }

  /** http with _path and dotted keys after the OTRF sample; epoch times. */
  void zeekJsonHttp() throws IOException {
    Log log = new Log("zeek/json/http.log");
    log.sample("SCRANTON_http.log");
    log.hit(object("_path", "http", "ts", 1680087000.25, "uid", "CH1", "id.orig_h", "10.1.0.12", "id.orig_p", 50700,
            "id.resp_h", "185.199.108.133", "id.resp_p", 443, "method", "GET", "host", "raw.githubusercontent.com",
            "uri", "/IconStorages/images/main/icon7.ico", "user_agent", "Mozilla/5.0", "status_code", 200),
        hit("url-prefix", URL_PREFIX, WS02, "url", "http://raw.githubusercontent.com/IconStorages/images/main/icon7.ico"));
    for (int i = 0; i < 150; i++) {
      log.add(object("_path", "http", "ts", 1680087001 + i, "uid", "CH" + (i + 10), "id.orig_h", "10.1.0." + (20 + i % 30),
          "id.orig_p", 51000 + i, "id.resp_h", "93.184.216." + (i % 250), "id.resp_p", 80, "method", "GET",
          "host", "www" + i + ".news.example", "uri", "/article/" + random.nextInt(1000000) + "?ref=home",
          "user_agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "request_body_len", 0, "response_body_len", 4000 + i,
          "status_code", 200, "resp_mime_types", List.of("text/html")));
    }
    log.add(object("_path", "http", "ts", 1680087200, "uid", "CH2", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.34",
        "method", "GET", "host", "www.example.org", "uri", "/r?u=https://akamaicontainer.com/&p=" + URL_PREFIX,
        "referrer", "https://update.voxline.io/", "user_agent", "curl/8.0 (pbxsources.com)"));
    log.add(object("_path", "http", "ts", 1680087201, "uid", "CH3", "id.orig_h", "10.1.0.11", "id.resp_h", "93.184.216.34",
        "method", "GET", "host", "raw.githubusercontent.com", "uri", "/IconStorages/images/master/icon1.ico"));
    log.hit(object("_path", "http", "ts", 1680087202, "uid", "CH4", "id.orig_h", "10.1.0.11", "id.orig_p", 50701,
            "id.resp_h", "93.184.216.41", "id.resp_p", 80, "method", "POST", "host", "update.voxline.io", "uri", "/"),
        hit("hostname", "update.voxline.io", WS01, "host", "update.voxline.io"));
    assertThat(Files.size(log.write())).isGreaterThan(1 << 16);
  }

  /** conn after the OTRF sample (its @stream names the path), in a file whose name says nothing; endpoints. */
  void zeekJsonConn() throws IOException {
    Log log = new Log("zeek/json/network-sensor-2.json");
    log.sample("SCRANTON_conn.log");
    log.hit(object("ts", 1680087300.5, "uid", "CI1", "id.orig_h", "10.1.0.11", "id.orig_p", 50800, "id.resp_h",
            "203.0.113.66", "id.resp_p", 443, "proto", "tcp", "conn_state", "SF", "orig_bytes", 300, "resp_bytes", 4000),
        hit("ipv4", "203.0.113.66", WS01, "id.resp_h", "203.0.113.66"));
    log.hit(object("ts", 1680087301.5, "uid", "CI2", "id.orig_h", "172.16.5.9", "id.orig_p", 50801, "id.resp_h",
            "198.51.100.7", "id.resp_p", 443, "proto", "tcp", "conn_state", "S0"),
        hit("cidr", "198.51.100.0/24", SRV09, "id.resp_h", "198.51.100.7"));
    log.hit(object("ts", 1680087302.5, "uid", "CI3", "id.orig_h", "2001:db8:10::13", "id.orig_p", 50802, "id.resp_h",
            "2001:db8:bad::1", "id.resp_p", 443, "proto", "tcp", "conn_state", "SF"),
        hit("ipv6", "2001:db8:bad::1", WS03, "id.resp_h", "2001:db8:bad::1"));
    // JSON::TS_MILLIS
    log.hit(object("ts", 1680087302750L, "uid", "CI5", "id.orig_h", "10.1.0.12", "id.orig_p", 50803, "id.resp_h",
            "198.51.100.77", "id.resp_p", 443, "proto", "tcp", "conn_state", "SF"),
        hit("cidr", "198.51.100.0/24", WS02, "id.resp_h", "198.51.100.77"));
    for (String decoy : List.of("203.0.113.6", "203.0.113.166", "198.51.101.1", "2001:db8:bad::10", "10.203.0.113")) {
      log.add(object("ts", 1680087303.5, "uid", "CI4", "id.orig_h", "10.1.0.11", "id.orig_p", 20311, "id.resp_h", decoy,
          "id.resp_p", 20311, "proto", "tcp", "conn_state", "SF", "service", "203.0.113.66"));
    }
    assertThat(Files.size(log.write())).isGreaterThan(1 << 16);
  }

  /** files (compressed: read event by event), old and new schema; ssl with ISO time; x509 with a SAN list. */
  void zeekJsonOthers() throws IOException {
    Log files = new Log("zeek/json/files.2023-03-29-10-00-00.log.gz");
    files.hit(object("ts", 1680087400.0, "fuid", "FJ1", "tx_hosts", List.of("93.184.216.70"), "rx_hosts", List.of("10.1.0.12"),
            "conn_uids", List.of("CJ1"), "source", "HTTP", "mime_type", "application/octet-stream", "sha1", SHA1.toUpperCase(Locale.ROOT)),
        hit("sha1", SHA1, WS02, "sha1", SHA1.toUpperCase(Locale.ROOT)));
    files.hit(object("ts", 1680087401.0, "fuid", "FJ2", "uid", "CJ2", "id.orig_h", "10.1.0.11", "id.orig_p", 50900,
            "id.resp_h", "93.184.216.71", "id.resp_p", 80, "source", "HTTP", "mime_type", "application/zip", "md5", MD5),
        hit("md5", MD5, WS01, "md5", MD5));
    files.write();
    Log ssl = new Log("zeek/json/ssl.log");
    ssl.hit(object("ts", "2023-03-29T10:50:00.000000Z", "uid", "CK1", "id.orig_h", "10.1.0.12", "id.orig_p", 51000,
            "id.resp_h", "93.184.216.80", "id.resp_p", 443, "version", "TLSv13", "server_name", "akamaicontainer.com.",
            "established", true),
        hit("domain", "akamaicontainer.com", WS02, "server_name", "akamaicontainer.com."));
    ssl.add(object("ts", "2023-03-29T10:50:01.000000Z", "uid", "CK2", "id.orig_h", "10.1.0.12", "id.resp_h", "93.184.216.81",
        "server_name", "notakamaicontainer.com"));
    ssl.write();
    Log x509 = new Log("zeek/json/x509.log");
    // a certificate names no host: the sighting's host is unknown
    x509.hit(object("ts", 1680087501.0, "fingerprint", "4567cdef", "certificate.version", 3, "certificate.subject",
            "CN=cdn.example.net", "san.dns", List.of("cdn.example.net", "*.akamaicontainer.com", "notakamaicontainer.com")),
        hit("domain", "akamaicontainer.com", new Host(null, "unknown"), "san.dns", "*.akamaicontainer.com"));
    x509.add(object("ts", 1680087500.0, "fingerprint", "0123abcd", "certificate.version", 3, "certificate.subject",
        "CN=www.example.org", "certificate.issuer", "CN=Example CA", "san.dns", List.of("www.example.org", "example.org")));
    x509.write();
  }

  // ------------------------------------------------------------------------------------------------------------ Sysmon

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  /** A Winlogbeat 8 event: ECS at the top, the Sysmon fields under winlog.event_data. */
  String winlogbeat(@Nullable String computer, String hostName, int id, Map<String, Object> data) throws IOException {
    Map<String, Object> winlog = map("channel", "Microsoft-Windows-Sysmon/Operational", "provider_name",
        "Microsoft-Windows-Sysmon", "event_id", String.valueOf(id), "record_id", 1000 + id, "event_data", data);
    if (computer != null) winlog.put("computer_name", computer);
    return json.writeValueAsString(map("@timestamp", "2023-03-29T11:00:00.000Z", "event",
        map("code", String.valueOf(id), "kind", "event", "module", "sysmon"), "host",
        map("name", hostName, "hostname", hostName, "os", map("family", "windows")), "winlog", winlog,
        "agent", map("type", "winlogbeat", "version", "8.6.2")));
  }

  void sysmonWinlogbeat() throws IOException {
    Log log = new Log("sysmon/winlogbeat-2023.03.29.ndjson");
    String image = "C:\\Users\\ops\\AppData\\Local\\Programs\\Voxline\\Voxline.exe";
    log.hit(winlogbeat("BRL-SRV-09.borealis.local", "brl-srv-09", 22, map("UtcTime", "2023-03-29 11:00:00.120",
            "ProcessId", "4242", "QueryName", "update.voxline.io.", "QueryStatus", "0",
            "QueryResults", "::ffff:203.0.113.66;", "Image", image)),
        hit("hostname", "update.voxline.io", SRV09, "QueryName", "update.voxline.io."));
    log.hit(winlogbeat("BRL-SRV-09.borealis.local", "brl-srv-09", 3, map("UtcTime", "2023-03-29 11:00:01.000",
            "Image", image, "Protocol", "tcp", "Initiated", "true", "SourceIp", "172.16.5.9", "SourcePort", "50000",
            "DestinationIp", "203.0.113.66", "DestinationHostname", "PBXSOURCES.COM", "DestinationPort", "443")),
        hit("domain", "pbxsources.com", SRV09, "DestinationHostname", "PBXSOURCES.COM"),
        hit("ipv4", "203.0.113.66", SRV09, "DestinationIp", "203.0.113.66"));
    String hashes1 = "MD5=44444444444444444444444444444444,SHA256=" + SHA256.toUpperCase(Locale.ROOT) + ",IMPHASH="
        + MD5.toUpperCase(Locale.ROOT);
    log.hit(winlogbeat("BRL-SRV-09.borealis.local", "brl-srv-09", 1, map("UtcTime", "2023-03-29 11:00:02.000",
            "Image", image, "CommandLine", "\"" + image + "\" --server akamaicontainer.com --ip 203.0.113.66",
            "Hashes", hashes1, "ParentImage", "C:\\Windows\\explorer.exe")),
        hit("sha256", SHA256, SRV09, "Hashes.SHA256", SHA256.toUpperCase(Locale.ROOT)));
    log.hit(winlogbeat("BRL-SRV-09.borealis.local", "brl-srv-09", 7, map("UtcTime", "2023-03-29 11:00:03.000",
            "Image", image, "ImageLoaded", "C:\\Users\\ops\\AppData\\Local\\Programs\\Voxline\\ffmpeg.dll",
            "Hashes", "SHA1=" + SHA1 + ",MD5=55555555555555555555555555555555,SHA256=" + "6".repeat(64) + ",IMPHASH=" + "7".repeat(32))),
        hit("sha1", SHA1, SRV09, "Hashes.SHA1", SHA1));
    log.add(winlogbeat("BRL-SRV-09.borealis.local", "brl-srv-09", 11, map("UtcTime", "2023-03-29 11:00:04.000",
        "Image", image, "TargetFilename", "C:\\Users\\ops\\Downloads\\akamaicontainer.com.zip")));
    // no computer_name: the host is ECS host.name
    log.hit(winlogbeat(null, "acme-ws-02", 22, map("UtcTime", "2023-03-29 11:00:05.000", "QueryName", "msstorageazure.com",
            "Image", image)),
        hit("domain", "msstorageazure.com", WS02, "QueryName", "msstorageazure.com"));
    log.write();
  }

  /** Flat exports (NXLog, SIEM): EventID, Hostname or Computer, UtcTime and the event data at the top level. */
  void sysmonFlat() throws IOException {
    Log log = new Log("sysmon/nxlog-sysmon.json");
    String image = "C:\\Program Files\\Voxline\\Voxline.exe";
    log.hit(json.writeValueAsString(map("EventTime", "2023-03-29 13:00:00", "Hostname", "ACME-WS-01.acme.local",
            "EventID", 22, "SourceName", "Microsoft-Windows-Sysmon", "Channel", "Microsoft-Windows-Sysmon/Operational",
            "UtcTime", "2023-03-29 11:10:00.000", "QueryName", "AkamaiContainer.com.", "QueryStatus", "0", "Image", image)),
        hit("domain", "akamaicontainer.com", WS01, "QueryName", "AkamaiContainer.com."));
    log.hit(json.writeValueAsString(map("EventTime", "2023-03-29 13:00:01", "Hostname", "acme-ws-01", "EventID", 3,
            "SourceName", "Microsoft-Windows-Sysmon", "Channel", "Microsoft-Windows-Sysmon/Operational",
            "UtcTime", "2023-03-29 11:10:01.000", "SourceIp", "2001:db8:10:0:0:0:0:11", "DestinationIp",
            "2001:db8:bad:0:0:0:0:1", "DestinationPort", "443", "Image", image)),
        hit("ipv6", "2001:db8:bad::1", WS01, "DestinationIp", "2001:db8:bad:0:0:0:0:1"));
    log.hit(json.writeValueAsString(map("Computer", "KIOSK-3", "EventID", "1", "Channel",
            "Microsoft-Windows-Sysmon/Operational", "Provider_Name", "Microsoft-Windows-Sysmon", "UtcTime",
            "2023-03-29 11:10:02.000", "Image", image, "Hashes", "SHA256=" + "8".repeat(64) + ",MD5=" + MD5)),
        hit("md5", MD5, KIOSK, "Hashes.MD5", MD5));
    // decoys: hash prefixes and an MD5 that is the start of the SHA-256; an address as a port; a Security event
    log.add(json.writeValueAsString(map("Computer", "acme-ws-01", "EventID", "1", "Channel",
        "Microsoft-Windows-Sysmon/Operational", "UtcTime", "2023-03-29 11:10:03.000", "Image", image,
        "Hashes", "MD5=" + SHA256.substring(0, 32) + ",SHA1=" + SHA1.substring(0, 39) + "0,SHA256=" + SHA256.substring(1) + "0")));
    log.add(json.writeValueAsString(map("Computer", "acme-ws-01", "EventID", "3", "Channel",
        "Microsoft-Windows-Sysmon/Operational", "UtcTime", "2023-03-29 11:10:04.000", "Image", image,
        "SourceIp", "10.1.0.11", "DestinationIp", "203.0.113.6", "DestinationPort", "20311",
        "DestinationHostname", "notakamaicontainer.com")));
    log.add(json.writeValueAsString(map("Computer", "acme-ws-01", "EventID", "4688", "Channel", "Security",
        "NewProcessName", "C:\\Windows\\System32\\nslookup.exe", "CommandLine", "nslookup akamaicontainer.com")));
    log.write();
  }

  /**
   * evtx_dump's JSON (indented events after "Record N" lines), a SIEM export of Winlogbeat flattened to dotted keys, and
   * events as one JSON array (PowerShell's spacing, CRLF, UTF-16), and Get-WinEvent's records as PowerShell writes them.
   */
  void sysmonOthers() throws IOException {
    Log dump = new Log("sysmon/evtx/Microsoft-Windows-Sysmon%4Operational.json");
    dump.add("Record 1");
    dump.hit("{", hit("sha256", SHA256, WS02, "Hashes.SHA256", SHA256));
    dump.add("  \"Event\": {");
    dump.add("    \"#attributes\": {\"xmlns\": \"http://schemas.microsoft.com/win/2004/08/events/event\"},");
    dump.add("    \"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"Microsoft-Windows-Sysmon\"}}, \"EventID\": 15,");
    dump.add("      \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2023-03-29T11:20:00.000000Z\"}},");
    dump.add("      \"Channel\": \"Microsoft-Windows-Sysmon/Operational\", \"Computer\": \"acme-ws-02.acme.local\"},");
    dump.add("    \"EventData\": {\"UtcTime\": \"2023-03-29 11:20:00.000\", \"TargetFilename\": \"C:\\\\Users\\\\x\\\\stage2.bin:Zone.Identifier\",");
    dump.add("      \"Hash\": \"SHA256=" + SHA256 + ",IMPHASH=00000000000000000000000000000000\"}");
    dump.add("  }");
    dump.add("}");
    dump.write();

    Log flat = new Log("sysmon/siem-export-winlogbeat.json");
    flat.hit(json.writeValueAsString(map("@timestamp", "2023-03-29T11:30:00.000Z", "host.name", "brl-lt-07",
            "winlog.channel", "Microsoft-Windows-Sysmon/Operational", "winlog.event_id", 22,
            "winlog.event_data.QueryName", "Cdn.Akamaicontainer.Com", "winlog.event_data.UtcTime", "2023-03-29 11:30:00.000")),
        hit("domain", "akamaicontainer.com", LT07, "QueryName", "Cdn.Akamaicontainer.Com"));
    flat.write();

    Log array = new Log("sysmon/sysmon-array-export.json", "\r\n");
    array.add("[");
    array.hit("    {", hit("domain", "msstorageazure.com", KIOSK, "QueryName", "MSSTORAGEAZURE.COM."));
    array.add("        \"EventID\":  22,").add("        \"Computer\":  \"KIOSK-3\",")
        .add("        \"Channel\":  \"Microsoft-Windows-Sysmon/Operational\",")
        .add("        \"UtcTime\":  \"2023-03-29 11:40:00.000\",").add("        \"QueryName\":  \"MSSTORAGEAZURE.COM.\"").add("    },");
    array.hit("    {\"EventID\": 3, \"Computer\": \"KIOSK-3\", \"Channel\": \"Microsoft-Windows-Sysmon/Operational\", "
            + "\"UtcTime\": \"2023-03-29 11:40:01.000\", \"DestinationIp\": \"198.51.100.9\", \"DestinationHostname\": \"x.notakamaicontainer.com\"}",
        hit("cidr", "198.51.100.0/24", KIOSK, "DestinationIp", "198.51.100.9"));
    array.add("]");
    // as Windows PowerShell 5 writes it (ConvertTo-Json | Out-File): UTF-16LE with a byte-order mark
    Files.write(array.path(), ("\ufeff" + array.text).getBytes(StandardCharsets.UTF_16LE));

    // Get-WinEvent | ConvertTo-Json | Out-File from Windows PowerShell 5.1: the Sysmon data in the rendered Message only
    Log ps = new Log("sysmon/get-winevent.json", "\r\n");
    ps.add("[");
    ps.hit("    {", hit("domain", "pbxsources.com", WS03, "QueryName", "www.pbxsources.com"));
    ps.add("        \"Message\":  \"Dns query:\\r\\nRuleName: -\\r\\nUtcTime: 2023-03-29 11:50:00.000\\r\\nProcessId: 4242\\r\\n"
            + "QueryName: www.pbxsources.com\\r\\nImage: C:\\\\Program Files\\\\Voxline\\\\Voxline.exe\",")
        .add("        \"Id\":  22,").add("        \"ProviderName\":  \"Microsoft-Windows-Sysmon\",")
        .add("        \"LogName\":  \"Microsoft-Windows-Sysmon/Operational\",").add("        \"ProcessId\":  3112,")
        .add("        \"MachineName\":  \"acme-ws-03.acme.local\",").add("        \"TimeCreated\":  \"\\/Date(1680090600000)\\/\"")
        .add("    },");
    // a Security event's message names a domain too: it is no Sysmon data, and no hit
    ps.add("    {\"Message\": \"A new process has been created.\\r\\n\\r\\nProcess Information:\\r\\n\\tProcess Command Line:\\t"
        + "nslookup akamaicontainer.com\", \"Id\": 4688, \"ProviderName\": \"Microsoft-Windows-Security-Auditing\", "
        + "\"LogName\": \"Security\", \"MachineName\": \"acme-ws-03\", \"TimeCreated\": \"\\/Date(1680090601000)\\/\"}");
    ps.add("]");
    Files.write(ps.path(), ("\ufeff" + ps.text).getBytes(StandardCharsets.UTF_16LE));
  }

  // ------------------------------------------------------------------------------------------------------ Squid, BIND

  void squid() throws IOException {
    Log log = new Log("proxy/access.log");
    log.sample("SquidExampleOutput.txt");
    log.hit("1680088000.123    452 10.1.0.12 TCP_TUNNEL/200 6543 CONNECT pbxsources.com:443 - HIER_DIRECT/93.184.216.90 -",
        hit("domain", "pbxsources.com", WS02, "cs-host", "pbxsources.com"));
    log.hit("1680088001.456     10 10.1.0.11 TCP_MISS/200 1234 GET https://raw.githubusercontent.com/IconStorages/images/main/icon9.ico - HIER_DIRECT/185.199.108.133 image/x-icon",
        hit("url-prefix", URL_PREFIX, WS01, "url", "https://raw.githubusercontent.com/IconStorages/images/main/icon9.ico"));
    log.add("1680088002.000     15 10.1.0.11 TCP_MISS/200 999 GET http://www.example.org/redirect?to=akamaicontainer.com&ip=203.0.113.66 - HIER_DIRECT/93.184.216.34 text/html");
    log.add("1680088003.000     15 10.1.0.11 TCP_TUNNEL/200 999 CONNECT notakamaicontainer.com:443 - HIER_DIRECT/93.184.216.35 -");
    log.add("1680088003.500     15 10.1.0.11 TCP_TUNNEL/200 999 CONNECT akamaicontainer.com.example.net:443 - HIER_DIRECT/93.184.216.36 -");
    // a CONNECT to an address: the address is both the target (cs-host) and the server (s-ip)
    log.hit("1680088004.000     15 10.1.0.11 TCP_TUNNEL/200 999 CONNECT 203.0.113.66:443 - HIER_DIRECT/203.0.113.66 -",
        hit("ipv4", "203.0.113.66", WS01, "s-ip", "203.0.113.66"), hit("ipv4", "203.0.113.66", WS01, "cs-host", "203.0.113.66"));
    log.hit("1680088004.500      0 10.1.0.12 TCP_DENIED/403 3900 CONNECT 203.0.113.66:443 - HIER_NONE/- text/html",
        hit("ipv4", "203.0.113.66", WS02, "cs-host", "203.0.113.66"));
    log.add("1680088004.600      0 10.1.0.12 TCP_DENIED/403 3900 CONNECT 203.0.113.166:443 - HIER_NONE/- text/html");
    log.hit("1680088005.000     15 172.16.5.7 TCP_MISS/200 999 GET http://UPDATE.voxline.io/check - HIER_DIRECT/93.184.216.37 text/plain",
        hit("hostname", "update.voxline.io", LT07, "cs-host", "UPDATE.voxline.io"));
    log.hit("1680088006.000      0 10.1.0.11 TCP_DENIED/403 3900 CONNECT msstorageazure.com:443 - HIER_NONE/- text/html",
        hit("domain", "msstorageazure.com", WS01, "cs-host", "msstorageazure.com"));
    log.hit("1680088007.000     20 10.1.0.12 TCP_MISS/200 5000 GET http://dl.voxline.io/payload/stage2.bin - HIER_DIRECT/93.184.216.38 application/octet-stream",
        hit("url", URL, WS02, "url", "http://dl.voxline.io/payload/stage2.bin"));
    log.write();

    // Squid set to its combined and common log formats: the log's local time with its offset
    Log combined = new Log("proxy/combined/access.log");
    combined.add("10.1.0.11 - - [29/Mar/2023:12:00:00 +0200] \"GET http://www.example.org/redirect?to=akamaicontainer.com HTTP/1.1\" 200 999 \"-\" \"Mozilla/5.0\" TCP_MISS:HIER_DIRECT");
    combined.hit("10.1.0.12 - - [29/Mar/2023:12:00:01 +0200] \"CONNECT akamaicontainer.com:443 HTTP/1.1\" 200 6543 \"-\" \"Mozilla/5.0\" TCP_TUNNEL:HIER_DIRECT",
        hit("domain", "akamaicontainer.com", WS02, "cs-host", "akamaicontainer.com"));
    combined.add("10.1.0.12 - - [29/Mar/2023:12:00:02 +0200] \"CONNECT notakamaicontainer.com:443 HTTP/1.1\" 200 10 \"-\" \"Mozilla/5.0\" TCP_TUNNEL:HIER_DIRECT");
    combined.hit("172.16.5.7 - bob [29/Mar/2023:10:00:03 +0000] \"GET http://dl.voxline.io/payload/stage2.bin HTTP/1.1\" 200 5000 \"http://voxline.io/\" \"curl/8.0\" TCP_MISS:HIER_DIRECT",
        hit("url", URL, LT07, "url", "http://dl.voxline.io/payload/stage2.bin"));
    combined.write();
    Log common = new Log("proxy/common/access.log");
    common.hit("10.1.0.11 - - [29/Mar/2023:05:00:04 -0500] \"GET http://Update.Voxline.io/check HTTP/1.1\" 200 12 TCP_MISS:HIER_DIRECT",
        hit("hostname", "update.voxline.io", WS01, "cs-host", "Update.Voxline.io"));
    common.write();
  }

  void bind() throws IOException {
    Log log = new Log("dns/named/queries.log");
    log.sample("bind9-syslog.log");
    log.hit("Mar 29 10:00:00 ns1 named[812]: 29-Mar-2023 10:00:00.123 queries: info: client @0x7f8b2c0a1b20 10.1.0.11#53000 (akamaicontainer.com): query: akamaicontainer.com IN A +E(0)K (10.1.0.2)",
        hit("domain", "akamaicontainer.com", WS01, "query", "akamaicontainer.com"));
    log.hit("Mar 29 10:00:01 ns1 named[812]: client 10.1.0.12#53001: query: Update.Voxline.IO IN AAAA + (10.1.0.2)",
        hit("hostname", "update.voxline.io", WS02, "query", "Update.Voxline.IO"));
    log.add("Mar 29 10:00:02 ns1 named[812]: client @0x7f8b2c0a1b20 10.1.0.12#53002 (cdn.update.voxline.io): query: cdn.update.voxline.io IN A +E(0)K (10.1.0.2)");
    log.add("Mar 29 10:00:03 ns1 named[812]: client @0x7f8b2c0a1b20 10.1.0.12#53003 (notakamaicontainer.com): query: notakamaicontainer.com IN A + (10.1.0.2)");
    log.write();

    Log plain = new Log("dns/named/query.log");
    plain.add("29-Mar-2023 09:59:59.000 general: info: zone voxline.test/IN: loaded serial 7");
    plain.hit("29-Mar-2023 10:00:04.000 queries: info: client @0x7f8b2c0a1b21 172.16.5.7#4000 (MSSTORAGEAZURE.COM): query: MSSTORAGEAZURE.COM IN A -E(0)DC (10.1.0.2)",
        hit("domain", "msstorageazure.com", LT07, "query", "MSSTORAGEAZURE.COM"));
    plain.hit("29-Mar-2023 10:00:05.000 client 10.1.0.99#4001 (pbxsources.com): view internal: query: pbxsources.com IN A + (10.1.0.2)",
        hit("domain", "pbxsources.com", UNKNOWN_CLIENT, "query", "pbxsources.com"));
    plain.write();

    Log iso = new Log("dns/named/query-utc.log");
    iso.add("2023-03-29T09:59:59.000Z general: info: managed-keys-zone: loaded serial 12");
    iso.hit("2023-03-29T10:00:06.000Z queries: info: client @0x7f8b2c0a1b22 172.16.5.9#4002 (pbxsources.com): query: pbxsources.com IN A +E(0)K (10.1.0.2)",
        hit("domain", "pbxsources.com", SRV09, "query", "pbxsources.com"));
    iso.write();
  }

  // --------------------------------------------------------------------------------------------------------- bad input

  /** A truncated gzip, a binary file, a 50 MB line, bytes that are not UTF-8: reported with file and line, hits around them found. */
  void badInput() throws IOException {
    List<String> fields = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "query");
    Log cut = new Log("bad/dns.truncated.log.gz");
    header(cut, "dns", fields);
    cut.hit(row(fields, values("ts", "1680089000.0", "uid", "CL1", "id.orig_h", "10.1.0.11", "id.resp_h", "10.1.0.2",
            "query", "pbxsources.com")),
        hit("domain", "pbxsources.com", WS01, "query", "pbxsources.com"));
    for (int i = 0; i < 20000; i++) {
      cut.add(row(fields, values("ts", "1680089001." + i, "uid", "CL" + random.nextLong(), "id.orig_h", "10.1.0.11",
          "query", "n" + random.nextLong() + ".example.com")));
    }
    Path gz = cut.write();
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length * 2 / 3));

    byte[] noise = new byte[100_000];
    random.nextBytes(noise);
    noise[0] = 0;
    Files.write(logs.resolve("bad/blob.bin"), noise);

    // Zeek TSV, read event by event; and Zeek JSON, which the parallel scanner hands to the reader at the long line
    Path huge = logs.resolve("bad/http.huge.log");
    List<String> http = List.of("ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "method", "host", "uri");
    Log before = new Log("bad/http.huge.log");
    header(before, "http", http);
    before.hit(row(http, values("ts", "1680089100.0", "uid", "CM1", "id.orig_h", "10.1.0.12", "id.orig_p", "52000",
            "id.resp_h", "93.184.216.90", "id.resp_p", "80", "method", "GET", "host", "update.voxline.io", "uri", "/")),
        hit("hostname", "update.voxline.io", WS02, "host", "update.voxline.io"));
    try (OutputStream o = Files.newOutputStream(huge)) {
      o.write(before.text.toString().getBytes(StandardCharsets.UTF_8));
      o.write("1680089101.0\tCM2\t10.1.0.12\t52000\t93.184.216.90\t80\tGET\takamaicontainer.com\t/".getBytes(StandardCharsets.US_ASCII));
      byte[] block = "akamaicontainer.com/".repeat(50_000).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 50; i++) o.write(block);
      o.write("\n".getBytes(StandardCharsets.US_ASCII));
      before.line++;
      before.text.setLength(0);
      before.hit(row(http, values("ts", "1680089102.0", "uid", "CM3", "id.orig_h", "10.1.0.11", "id.orig_p", "52001",
              "id.resp_h", "93.184.216.91", "id.resp_p", "80", "method", "GET", "host", "msstorageazure.com", "uri", "/")),
          hit("domain", "msstorageazure.com", WS01, "host", "msstorageazure.com"));
      o.write(before.text.toString().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Files.size(huge)).isGreaterThan(50_000_000);
    Log json = new Log("bad/http.huge.json");
    json.hit(object("ts", 1680089110.0, "uid", "CM4", "id.orig_h", "172.16.5.7", "id.orig_p", 52010, "id.resp_h",
            "93.184.216.92", "id.resp_p", 80, "method", "GET", "host", "update.voxline.io", "uri", "/"),
        hit("hostname", "update.voxline.io", LT07, "host", "update.voxline.io"));
    json.add(object("ts", 1680089111.0, "uid", "CM5", "id.orig_h", "172.16.5.7", "host", "x".repeat(12 << 20)));
    for (int i = 0; i < 2000; i++) {
      json.add(object("ts", 1680089112.0 + i, "uid", "CM6", "id.orig_h", "172.16.5.7", "host", "www" + i + ".example.org"));
    }
    json.hit(object("ts", 1680099112.0, "uid", "CM7", "id.orig_h", "172.16.5.7", "id.orig_p", 52011, "id.resp_h",
            "93.184.216.93", "id.resp_p", 80, "method", "GET", "host", "pbxsources.com", "uri", "/"),
        hit("domain", "pbxsources.com", LT07, "host", "pbxsources.com"));
    json.write();

    Log latin = new Log("bad/dns.latin1.log");
    header(latin, "dns", fields);
    latin.add(row(fields, values("ts", "1680089200.0", "uid", "CN1", "id.orig_h", "172.16.5.9", "query", "caf\u00e9.akamaicontainer.com")));
    latin.hit(row(fields, values("ts", "1680089201.0", "uid", "CN2", "id.orig_h", "172.16.5.9", "query", "akamaicontainer.com")),
        hit("domain", "akamaicontainer.com", SRV09, "query", "akamaicontainer.com"));
    Files.write(latin.path(), latin.text.toString().getBytes(StandardCharsets.ISO_8859_1));

    Log latinJson = new Log("bad/conn.latin1.log");
    latinJson.add(object("ts", 1680089300.0, "uid", "CO1", "id.orig_h", "10.1.0.12", "id.resp_h", "203.0.113.66",
        "conn_state", "SF", "service", "caf\u00e9"));
    latinJson.hit(object("ts", 1680089301.0, "uid", "CO2", "id.orig_h", "10.1.0.12", "id.orig_p", 52100, "id.resp_h",
            "203.0.113.66", "id.resp_p", 443, "conn_state", "SF"),
        hit("ipv4", "203.0.113.66", WS02, "id.resp_h", "203.0.113.66"));
    Files.write(latinJson.path(), latinJson.text.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  void writeAll() throws IOException {
    zeekTsvDns();
    zeekTsvConn();
    zeekTsvHttp();
    zeekTsvSsl();
    zeekTsvFiles();
    zeekJsonDns();
    zeekJsonHttp();
    zeekJsonConn();
    zeekJsonOthers();
    sysmonWinlogbeat();
    sysmonFlat();
    sysmonOthers();
    squid();
    bind();
    Files.createDirectories(logs.resolve("bad"));
    badInput();
  }

  /** The ioc sightings of a hunt's JSON as {@link #key} strings, one per evidence; a sighting must show all of its evidence. */
  List<String> found(JsonNode doc) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : doc.get("sightings")) {
      if (!s.get("detector").asText().equals("ioc")) continue;
      // the count is of events: a line whose two fields carry the indicator (a CONNECT to an address) counts once
      java.util.Set<String> lines = new java.util.HashSet<>();
      for (JsonNode e : s.get("evidence")) lines.add(e.get("file").asText() + ":" + e.get("line").asLong());
      assertThat(lines).as("all evidence shown for %s", s).hasSize(s.get("count").asInt());
      for (JsonNode e : s.get("evidence")) {
        out.add(key(s.get("indicator").get("type").asText(), s.get("indicator").get("value").asText(),
            s.get("customer").isNull() ? null : s.get("customer").asText(), s.get("host").asText(), e.get("file").asText(),
            e.get("line").asLong(), e.get("field").asText(), e.get("value").asText()));
      }
    }
    return out;
  }

  static List<String> found(HuntResult r) {
    List<String> out = new ArrayList<>();
    for (Sighting s : r.sightings()) {
      if (!s.detector().equals("ioc")) continue;
      for (Evidence e : s.evidence()) {
        out.add(key(s.indicatorType(), s.indicatorValue(), s.customer(), s.host(), e.file(), e.line(), e.field(), e.value()));
      }
    }
    return out;
  }

  @Test
  void hunt_unseenTelemetry_everyPlantedHitWithItsHostAndEvidence_noDecoy_problemsReported() throws IOException {
    writeAll();
    CliRun.Result r = cli.run("hunt", "--logs", logs.toString(), "--incident", INCIDENT, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode doc = json.readTree(r.out());
    List<String> found = found(doc);
    assertThat(found).as(r.err()).containsExactlyInAnyOrderElementsOf(planted);

    // times normalised to UTC whatever the log wrote: Zeek JSON milliseconds here
    assertThat(doc.get("sightings")).filteredOn(x -> x.get("host").asText().equals("acme-ws-02")
            && x.get("indicator").get("type").asText().equals("cidr"))
        .singleElement().satisfies(x -> assertThat(x.get("first_seen").asText()).isEqualTo("2023-03-29T10:55:02.750Z"));

    JsonNode stats = doc.get("stats");
    assertThat(stats.get("problems")).isEqualTo(json.readTree(
        "{\"bad-time\":1,\"bad-utf8\":2,\"corrupt-record\":1,\"long-line\":2,\"unknown-format\":1}"));
    String bad = logs.resolve("bad").toString();
    assertThat(r.err()).contains("warning: " + bad + "/blob.bin: no telemetry reader recognises this file")
        .contains("warning: " + bad + "/conn.latin1.log: line 1: is not valid UTF-8; skipped")
        .contains("warning: " + bad + "/dns.latin1.log: line 9: is not valid UTF-8; skipped")
        .contains("warning: " + bad + "/http.huge.log: line 10: is longer than 1048576 bytes; skipped")
        .contains("warning: " + bad + "/http.huge.json: line 2: is longer than 1048576 bytes; skipped")
        .containsPattern("warning: " + java.util.regex.Pattern.quote(bad + "/dns.truncated.log.gz")
            + ": line \\d{3,}: cannot be read on from here: .*; the lines before it were read");
  }

  @Test
  void hunt_unseenTelemetry_parallelChunksAndEventByEventGiveTheSameHunt() throws IOException {
    writeAll();
    HuntParameters p = new HuntParameters(List.of(logs.toString()), INCIDENT, null, null, null, null);
    try (Chainwatch cw = Chainwatch.open("jdbc:sqlite:" + dir.resolve("test.db"), CliRun.CLOCK)) {
      HuntResult chunked = cw.hunts().scanning(2, 1 << 16).hunt(p, List.of(),
          List.of(new BeaconDetector(BeaconSettings.DEFAULTS)), Progress.NONE);
      HuntResult serial = cw.hunts().scanning(0, 0).hunt(p, List.of(),
          List.of(new BeaconDetector(BeaconSettings.DEFAULTS)), Progress.NONE);
      assertThat(chunked.sightings()).containsExactlyElementsOf(serial.sightings());
      assertThat(chunked.stats()).isEqualTo(serial.stats());
      List<String> found = found(chunked);
      assertThat(found).containsExactlyInAnyOrderElementsOf(planted);
    }
  }
}
