package io.chainwatch.formats.telemetry.zeek;

import static io.chainwatch.formats.telemetry.zeek.ParallelScanEquivalenceTest.INDICATORS;
import static io.chainwatch.formats.telemetry.zeek.ParallelScanEquivalenceTest.MORE;
import static io.chainwatch.formats.telemetry.zeek.ParallelScanEquivalenceTest.same;
import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.formats.telemetry.Telemetry;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.TelemetryFiles;
import io.chainwatch.intel.Indicator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel Zeek TSV scan gives exactly what reading event by event gives (sightings with their evidence, hosts,
 * counts and times; beacons; event counts; problems), on the reference logs and on generated logs with what the scan
 * hands to the reader: header lines in the middle (a concatenated log, a changed field order, another unset marker),
 * records with the wrong number of columns, escapes, non-ASCII bytes, CRLF, blank lines, a line over the bound, a
 * file without a header. Chunks are small so that every file has many.
 */
class ZeekTsvScanEquivalenceTest {
  @TempDir Path dir;

  @Test
  void referenceLogsGiveTheSameHunt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("samples"));
    for (String f : List.of("conn.log", "dns.log", "files.btest-canonified.log", "http.log", "ssl.log")) {
      try (InputStream in = getClass().getResourceAsStream("/telemetry/zeek/" + f)) {
        Files.copy(in, logs.resolve(f));
      }
    }
    List<Indicator> all = new ArrayList<>(INDICATORS);
    all.addAll(MORE);
    all.add(new Indicator("ipv4", "192.168.1.1"));
    same(logs, all, null, null);
  }

  @Test
  void generatedLogsGiveTheSameHunt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("generated"));
    Random r = new Random(3);
    write(logs.resolve("dns.log"), r, "dns", 1500, null);
    write(logs.resolve("http.log"), r, "http", 1500, null);
    write(logs.resolve("conn.log"), r, "conn", 1500, null);
    write(logs.resolve("ssl.log"), r, "ssl", 1500, null);
    write(logs.resolve("http.columns.log"), r, "http", 900, "1679443300.5\tC1\t10.0.0.5\n");
    write(logs.resolve("ssl.restart.log"), r, "ssl", 900, restart("ssl", r));
    write(logs.resolve("dns.close.log"), r, "dns", 900, "#close\t2023-03-22-10-00-00\n");
    write(logs.resolve("conn.long.log"), r, "conn", 900, "1679443300.5\t" + "a".repeat((1 << 20) + 70_000) + "\n");
    write(logs.resolve("dns.utf8.log"), r, "dns", 900, "1679443300.5\tC1\t10.0.0.5\t5353\t10.0.0.4\t53\tudp\t1\t0.01\t"
        + "b\u00fccher.example\tA\tNOERROR\t-\t-\n");
    write(logs.resolve("http.latin1.log"), r, "http", 900, null);
    Files.write(logs.resolve("http.latin1.log"), "1679443300.5\tC1\t10.0.0.5\t5353\t10.0.0.4\t80\tGET\tcaf\u00e9.evil-c2.net\t/\t0\n"
        .getBytes(StandardCharsets.ISO_8859_1), java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(logs.resolve("dns.headless.log"), "1679443300.5\tC1\t10.0.0.5\t5353\t10.0.0.4\t53\tudp\n");
    List<Indicator> all = new ArrayList<>(INDICATORS);
    all.addAll(MORE);
    HuntResult hunt = same(logs, all, null, null);
    assertThat(hunt.sightings()).extracting(s -> s.detector() + " " + s.indicatorValue())
        .contains("ioc evil-c2.net", "ioc akamaicontainer.com", "ioc 10.0.0.4", "beacon update.voxline.io");
    assertThat(hunt.stats().problems()).containsOnlyKeys("corrupt-record", "long-line", "bad-utf8", "unknown-format");
    same(logs, INDICATORS, Instant.parse("2023-03-22T02:00:00Z"), Instant.parse("2023-03-22T20:00:00Z"));
  }

  /** Zeek TSV is scanned in parallel, by bytes: a hunt of it runs on the quick compiler alone, as Zeek JSON does (ADR 013). */
  @Test
  void tsvHuntsRunOnTheQuickCompiler() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("compiler"));
    write(logs.resolve("dns.log"), new Random(1), "dns", 10, null);
    assertThat(TelemetryFiles.parallelBytes(List.of(logs.toString()), Telemetry.readers())).isEqualTo(Files.size(logs.resolve("dns.log")));
  }

  /**
   * Headers the scan reads by bytes in other ways, or not at all: other unset and empty markers, a separator of two
   * bytes, a log named by nothing (each record's fields tell), a column named as a mapped export's; escapes in the
   * columns that carry indicators and connections; only address indicators (an address in a Host is an endpoint).
   */
  @Test
  void otherHeadersAndEscapesGiveTheSameHunt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("headers"));
    Random r = new Random(9);
    String markers = header("ssl", SSL, "NONE").replace("(empty)", "EMPTY");
    StringBuilder b = new StringBuilder(markers);
    for (int i = 0; i < 1200; i++) {
      String name = i % 5 == 0 ? "update.voxline.io" : i % 11 == 0 ? "NONE" : i % 13 == 0 ? "EMPTY" : i % 17 == 0 ? "-"
          : NAMES[r.nextInt(NAMES.length)];
      String src = i % 5 == 0 ? "10.9.9.7" : i % 19 == 0 ? "EMPTY" : i % 23 == 0 ? "10.0.0\\x2e5" : "10.0.0.5";
      String dst = i % 29 == 0 ? "NONE" : i % 31 == 0 ? "203.0.113\\x2e9" : "203.0.113.9";
      String port = i % 37 == 0 ? "4\\x343" : i % 41 == 0 ? "EMPTY" : "443";
      b.append(1_679_443_200 + i * 600 + r.nextInt(3)).append(".5\tC").append(i).append('\t').append(src).append("\t5000\t")
          .append(dst).append('\t').append(port).append("\tTLSv13\t").append(name).append("\tT\n");
    }
    Files.writeString(logs.resolve("ssl.log"), b);
    Files.writeString(logs.resolve("dns.sep.log"), header("dns", DNS, "-").replace("#separator \\x09", "#separator ||")
        .replace("\t", "||").replace("#separator||", "#separator ") + "1679443300.5||C1||10.0.0.5||5353||10.0.0.4||53||udp||1||0.1||"
        + "x.evil-c2.net||A||NOERROR||-||-\n".repeat(900));
    Files.writeString(logs.resolve("noname.txt"), header("dns", DNS, "-").replace("#path\tdns\n", "")
        + "1679443300.5\tC1\t10.0.0.5\t5353\t10.0.0.4\t53\tudp\t1\t0.1\tx.evil-c2.net\tA\tNOERROR\t-\t-\n".repeat(900));
    Files.writeString(logs.resolve("dns.mapped.log"), header("dns", DNS.replace("rcode_name", "@domain:rcode"), "-")
        + "1679443300.5\tC1\t10.0.0.5\t5353\t10.0.0.4\t53\tudp\t1\t0.1\ta.example\tA\tevil-c2.net\t-\t-\n".repeat(900));
    Files.writeString(logs.resolve("http.twice.log"), header("http", HTTP + "\thost", "-")
        + "1679443300.5\tC1\t10.0.0.5\t5353\t10.0.0.4\t80\tGET\tx.evil-c2.net\t/\t0\twww.example.org\n".repeat(900)
        + "1679443300.5\tC1\t10.0.0.5\t5353\t10.0.0.4\t80\tGET\twww.example.org\t/\t0\t-\n".repeat(900));
    // a name that is nothing at all (two separators side by side), and times with more decimals than the reader takes
    StringBuilder nothing = new StringBuilder(header("ssl", SSL, "-"));
    StringBuilder decimals = new StringBuilder(header("conn", CONN, "-"));
    for (int i = 0; i < 2000; i++) {
      nothing.append(1_679_443_200 + i * 600).append(".5\tC").append(i).append("\t10.1.0.6\t5000\t93.184.216.34\t443\tTLSv13\t")
          .append(i % 3 == 0 ? "" : "www.example.org").append("\t").append(i % 5 == 0 ? "" : "T").append('\n');
      decimals.append(1_679_443_200 + i * 600).append('.').append(i % 7 == 0 ? "0".repeat(101) : "25").append("\tC").append(i)
          .append("\t10.1.0.7\t5000\t93.184.216.35\t443\ttcp\tssl\t").append(i).append("\t9\n");
    }
    Files.writeString(logs.resolve("ssl.nothing.log"), nothing);
    Files.writeString(logs.resolve("conn.decimals.log"), decimals);
    List<Indicator> all = new ArrayList<>(INDICATORS);
    all.addAll(MORE);
    HuntResult hunt = same(logs, all, null, null);
    assertThat(hunt.sightings()).extracting(s -> s.detector() + " " + s.indicatorValue())
        .contains("ioc evil-c2.net", "ioc 203.0.113.9", "beacon update.voxline.io");
    assertThat(hunt.stats().problems()).containsKey("bad-time");
    same(logs, List.of(new Indicator("ipv4", "203.0.113.9"), new Indicator("cidr", "10.0.0.0/30")), null, null);
  }

  private static final String[] NAMES = {"www.cisco.com", "WWW.CISCO.COM.", "tools.cisco.com", "notcisco.com",
      "cisco.com.example.net", "www.bing.com", "wpad.dmevals.local", "akamaicontainer.com", "notakamaicontainer.com",
      "akamaicontainer.com.example.net", "www.example.org", "-", "(empty)", "a..b.evil-c2.net", "evil-c2.net..",
      "update.voxline.io", "b\\xc3\\xbccher.example", "xn--bcher-kva.example", "akamaicontainer.com:8080",
      "www.example.org,tools.cisco.com", "203.0.113.9", "evil-c2\\x2enet", "\\x09tab.example"};
  private static final String[] ADDRESSES = {"10.0.0.4", "10.0.0.5", "192.168.0.7", "192.168.1.7", "203.0.113.9",
      "198.51.100.20", "2001:db8::1", "-"};
  private static final String[] TARGETS = {"/a?b=c", "/IconStorages/images/main/icon3.ico", "/x", "/", "-", "(empty)",
      "https://akamaicontainer.com/x", "http://user@tools.cisco.com/p", "http://evil-c2.net:8080/a"};

  private static final String DNS = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqtype_name"
      + "\trcode_name\tanswers\tTTLs";
  private static final String HTTP = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tmethod\thost\turi\trequest_body_len";
  private static final String CONN = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\torig_bytes\tresp_bytes";
  private static final String SSL = "ts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_name\testablished";

  private static String header(String path, String fields, String unset) {
    return "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t" + unset + "\n#path\t" + path
        + "\n#open\t2023-03-22-00-00-00\n#fields\t" + fields + "\n#types\t" + "string\t".repeat(fields.split("\t").length) + "\n";
  }

  /**
   * A concatenated log's second header (the fields in another order, another unset marker) with records of it, then a
   * third, as the first.
   */
  private static String restart(String path, Random r) {
    StringBuilder b = new StringBuilder("#close\t2023-03-22-12-00-00\n");
    b.append(header(path, "server_name\tts\tid.orig_h\tid.resp_h\tuid", "NONE"));
    for (int i = 0; i < 300; i++) {
      b.append(i % 5 == 0 ? "update.voxline.io" : NAMES[r.nextInt(NAMES.length)]).append('\t')
          .append(1_679_486_400 + i * 600 + r.nextInt(3)).append(".25\t").append(i % 5 == 0 ? "10.9.9.8" : "10.0.0.5")
          .append('\t').append(i % 3 == 0 ? "NONE" : "203.0.113.9").append("\tC").append(i).append('\n');
    }
    // and back to the first header's fields for the rest of the log
    return b.append(header(path, SSL, "-")).toString();
  }

  /** A log of random records of {@code path}, with {@code odd} once in the middle, and a beacon throughout. */
  private static void write(Path file, Random r, String path, int lines, @Nullable String odd) throws IOException {
    String fields = switch (path) {
      case "dns" -> DNS;
      case "http" -> HTTP;
      case "conn" -> CONN;
      default -> SSL;
    };
    StringBuilder b = new StringBuilder(header(path, fields, "-"));
    for (int i = 0; i < lines; i++) {
      if (odd != null && i == lines / 2) b.append(odd);
      String ts = String.format(Locale.ROOT, "%.6f", 1_679_443_200 + i * 20.0 + r.nextInt(1_000_000) / 1e6);
      String src = r.nextInt(4) == 0 ? "10.1." + r.nextInt(4) + "." + r.nextInt(50) : ADDRESSES[r.nextInt(3)];
      String dst = ADDRESSES[r.nextInt(ADDRESSES.length)];
      String name = NAMES[r.nextInt(NAMES.length)];
      if (i % 7 == 0) {
        // a beacon: the same source and name every 10 minutes, with a few seconds of jitter
        ts = String.format(Locale.ROOT, "%.3f", 1_679_443_200 + (i / 7) * 600.0 + r.nextInt(3));
        src = "10.9.9.9";
        dst = "198.51.100.20";
        name = "update.voxline.io";
      }
      int form = r.nextInt(30);
      if (form == 0) {
        b.append('\n');
        continue;
      }
      if (form == 1) ts = "2023-03-22T" + String.format(Locale.ROOT, "%02d", i % 24) + ":00:00Z";
      if (form == 2) ts = "-";
      String end = form == 3 ? "\r\n" : "\n";
      String uid = "C" + i;
      String common = ts + "\t" + uid + "\t" + src + "\t" + (1024 + r.nextInt(60000)) + "\t" + dst + "\t";
      switch (path) {
        case "dns" -> b.append(common).append("53\tudp\t").append(r.nextInt(65536)).append("\t0.0").append(r.nextInt(90) + 10)
            .append('\t').append(name).append("\tA\tNOERROR\t").append(r.nextBoolean() ? dst + ",203.0.113.9" : "-")
            .append('\t').append(r.nextBoolean() ? "300.000000,60.000000" : "-");
        case "http" -> b.append(common).append("80\tGET\t").append(name).append('\t').append(TARGETS[r.nextInt(TARGETS.length)])
            .append('\t').append(r.nextInt(3) == 0 ? "-" : Integer.toString(r.nextInt(100)));
        case "conn" -> b.append(common).append(r.nextInt(3) == 0 ? "50443" : r.nextBoolean() ? "443" : "53").append("\ttcp\t").append(r.nextBoolean() ? "ssl" : "-")
            .append('\t').append(r.nextInt(4) == 0 ? "-" : Integer.toString(r.nextInt(2000))).append('\t').append(r.nextInt(9000));
        default -> b.append(common).append("443\tTLSv13\t").append(name).append('\t').append(r.nextBoolean() ? "T" : "F");
      }
      b.append(end);
    }
    b.append("#close\t2023-03-23-00-00-00\n");
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }
}
