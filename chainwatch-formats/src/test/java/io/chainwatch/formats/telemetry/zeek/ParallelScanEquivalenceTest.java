package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.common.Progress;
import io.chainwatch.formats.telemetry.Telemetry;
import io.chainwatch.hunt.Detector;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntRepository;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.HuntService;
import io.chainwatch.hunt.beacon.BeaconDetector;
import io.chainwatch.hunt.beacon.BeaconSettings;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.portfolio.AssetDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel Zeek JSON scan gives exactly what reading event by event gives: the same sightings (evidence, hosts,
 * counts, first and last seen), the same beacons, the same event counts and problems, on the reference samples and on
 * generated files full of the forms the scanner hands to the reader (escapes, non-ASCII names, nested and wrapped
 * records, repeated keys, ISO times, CRLF, blank lines) and of lines the reader reports (corrupt JSON, a record over
 * several lines, a line over the bound, bytes that are not UTF-8). Chunks are small so that every file has many.
 */
class ParallelScanEquivalenceTest {
  @TempDir Path dir;

  static final List<Indicator> INDICATORS = List.of(
      new Indicator("domain", "dmevals.local"), new Indicator("domain", "cisco.com"), new Indicator("hostname", "www.bing.com"),
      new Indicator("domain", "akamaicontainer.com"), new Indicator("domain", "xn--bcher-kva.example"),
      new Indicator("domain", "evil-c2.net"), new Indicator("hostname", "update.voxline.io"),
      new Indicator("sha256", "7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896"));
  static final List<Indicator> MORE = List.of(new Indicator("ipv4", "10.0.0.4"), new Indicator("cidr", "192.168.0.0/24"),
      new Indicator("url-prefix", "http://www.cisco.com/IconStorages/"), new Indicator("ipv4", "203.0.113.9"),
      new Indicator("url", "https://akamaicontainer.com/x"), new Indicator("url", "http://user@tools.cisco.com/p"),
      new Indicator("url-prefix", "https://raw.githubusercontent.com/IconStorages/images/main/icon"),
      new Indicator("url-prefix", "http://evil-c2.net:8080/"));
  /** Request targets of every form: paths, absolute URLs (with a user, a port, upper case, a trailing dot), odd ones. */
  private static final String[] TARGETS = {"/a?b=c", "/IconStorages/images/main/icon3.ico", "/x", "/", "", "?q",
      "//evil-c2.net/x", "https://raw.githubusercontent.com/IconStorages/images/main/icon7.ico",
      "https://RAW.githubusercontent.com./IconStorages/images/main/icon1.ico", "http://user@tools.cisco.com/p",
      "http://tools.cisco.com/p", "http://evil-c2.net:8080/a", "http://evil-c2.net/a", "HTTP://www.cisco.com/IconStorages/",
      "hxxp://www.cisco.com/IconStorages/", "https://akamaicontainer.com/x", "@evil-c2.net:8080/", "/p?u=http://x.com/",
      "https://akamaicontainer.com:443/x", "https://akamaicontainer[.]com/x"};

  @Test
  void referenceSamplesGiveTheSameHunt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("samples"));
    for (String f : List.of("BroExampleOutput", "SCRANTON_dns.log", "SCRANTON_http.log")) {
      try (InputStream in = getClass().getResourceAsStream("/telemetry/zeek/" + f)) {
        Files.copy(in, logs.resolve(f));
      }
    }
    same(logs, INDICATORS, null, null);
    List<Indicator> all = new ArrayList<>(INDICATORS);
    all.addAll(MORE);
    same(logs, all, null, null);
  }

  @Test
  void generatedFilesGiveTheSameHunt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("generated"));
    Random random = new Random(5);
    write(logs.resolve("dns.00.log"), random, 1000, null);
    write(logs.resolve("http.00.log"), random, 1000, null);
    write(logs.resolve("mixed.json"), random, 900, null);
    write(logs.resolve("ssl.corrupt.log"), random, 900, "{\"ts\":1679443300.5,\"query\":\"x\",}");
    write(logs.resolve("http.multiline.log"), random, 900, "{\"ts\":1679443300.5,\n\"host\":\"www.cisco.com\"}");
    write(logs.resolve("conn.long.log"), random, 900, "{\"ts\":1,\"host\":\"" + "a".repeat((1 << 20) + 70_000) + "\"}");
    byte[] bad = "{\"ts\":1679443300.5,\"host\":\"caf\u00e9.evil-c2.net\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    Path latin1 = logs.resolve("dns.latin1.log");
    write(latin1, random, 800, null);
    Files.write(latin1, bad, java.nio.file.StandardOpenOption.APPEND);
    write(logs.resolve("dns.01.log"), random, 800, null);
    write(logs.resolve("dns.badtime.log"), random, 800, "{\"ts\":\"notatime\",\"id.orig_h\":\"10.0.0.5\",\"query\":\"x.evil-c2.net\"}");
    write(logs.resolve("conn.decimals.log"), random, 800, "{\"ts\":1679443300." + "0".repeat(101)
        + ",\"id.orig_h\":\"10.0.0.5\",\"id.resp_h\":\"198.51.100.20\",\"_path\":\"conn\",\"orig_bytes\":3}");
    write(logs.resolve("dns.masked.log"), random, 800, "{\"ts\":\"XXXXXXXXXX.XXXXXX\",\"id.orig_h\":\"10.0.0.5\",\"query\":\"a\"}");
    same(logs, INDICATORS, null, null);
    List<Indicator> all = new ArrayList<>(INDICATORS);
    all.addAll(MORE);
    HuntResult hunt = same(logs, all, null, null);
    // the URLs hit, by path and by absolute target, and not only the exact ones
    assertThat(hunt.sightings()).extracting(s -> s.indicatorType() + " " + s.indicatorValue()).contains(
        "url-prefix http://www.cisco.com/IconStorages/", "url-prefix https://raw.githubusercontent.com/IconStorages/images/main/icon",
        "url https://akamaicontainer.com/x", "url http://user@tools.cisco.com/p", "url-prefix http://evil-c2.net:8080/");
    same(logs, INDICATORS, Instant.parse("2023-03-22T02:00:00Z"), Instant.parse("2023-03-22T20:00:00Z"));
  }

  /**
   * Compressed logs are decompressed into a temporary file and scanned in parallel (Zeek archives its logs so): the
   * hunt is the reader's, evidence naming the compressed files and their lines, odd lines and several gzip members
   * included; a file cut short and a gzip bomb are read event by event, as before, and reported where they stop.
   */
  @Test
  void compressedFilesGiveTheSameHunt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("compressed"));
    Random random = new Random(23);
    write(logs.resolve("dns.00.log"), random, 4000, null);
    write(logs.resolve("http.00.log"), random, 4000, null);
    write(logs.resolve("ssl.corrupt.log"), random, 3500, "{\"ts\":1679443300.5,\"query\":\"x\",}");
    write(logs.resolve("conn.long.log"), random, 900, "{\"ts\":1,\"host\":\"" + "a".repeat((1 << 20) + 70_000) + "\"}");
    write(logs.resolve("dns.cut.log"), random, 8000, null);
    for (String f : List.of("dns.00.log", "http.00.log", "ssl.corrupt.log", "conn.long.log", "dns.cut.log")) {
      Path plain = logs.resolve(f);
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve(f + ".gz")))) {
        Files.copy(plain, out);
      }
      Files.delete(plain);
    }
    // two gzip members in one file, as `cat a.gz b.gz` makes
    Path one = logs.resolve("one.tmp");
    write(one, random, 3000, null);
    try (OutputStream out = Files.newOutputStream(logs.resolve("http.01.log.gz"))) {
      for (int m = 0; m < 2; m++) {
        java.io.ByteArrayOutputStream member = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(member)) {
          Files.copy(one, gz);
        }
        out.write(member.toByteArray());
      }
    }
    Files.delete(one);
    // large enough to be decompressed and scanned (smaller ones are read event by event, as conn.long's tail is)
    for (String f : List.of("dns.00.log.gz", "http.00.log.gz", "ssl.corrupt.log.gz", "dns.cut.log.gz", "http.01.log.gz")) {
      assertThat(Files.size(logs.resolve(f))).as(f).isGreaterThanOrEqualTo(io.chainwatch.hunt.TelemetryFiles.SCANNED_COMPRESSED_MINIMUM);
    }
    Path cut = logs.resolve("dns.cut.log.gz");
    byte[] whole = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));

    HuntResult hunt = same(logs, INDICATORS, null, null);
    assertThat(hunt.sightings()).flatExtracting(s -> s.evidence()).extracting(e -> e.file())
        .allSatisfy(file -> assertThat(file).endsWith(".gz"));
    assertThat(hunt.stats().problems()).containsEntry(io.chainwatch.hunt.ReadProblem.CORRUPT, 2L);
    same(logs, INDICATORS, Instant.parse("2023-03-22T02:00:00Z"), null);
  }

  /** A compressed file's progress goes forward only, in its own bytes, to its end: decompressed, then scanned. */
  @Test
  void compressedFilesProgress_forwardOnly_toTheirEnd() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("progress"));
    Random random = new Random(29);
    for (String f : List.of("dns.00.log", "http.00.log")) {
      write(logs.resolve(f), random, 20_000, null);
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve(f + ".gz")))) {
        Files.copy(logs.resolve(f), out);
      }
      Files.delete(logs.resolve(f));
    }
    long total = Files.size(logs.resolve("dns.00.log.gz")) + Files.size(logs.resolve("http.00.log.gz"));
    List<long[]> seen = new ArrayList<>();
    HuntService service = new HuntService(Telemetry.readers(), intel(INDICATORS), assets(), proxy(HuntRepository.class, (m, a) -> null),
        Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC)).scanning(2, 1 << 16);
    service.hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null), List.of(), beacons(),
        (label, done, all) -> seen.add(new long[] {done, all}));

    assertThat(seen).hasSizeGreaterThan(4);
    for (int i = 1; i < seen.size(); i++) assertThat(seen.get(i)[0]).as("update %d", i).isGreaterThanOrEqualTo(seen.get(i - 1)[0]);
    assertThat(seen).allSatisfy(u -> assertThat(u[1]).isEqualTo(total));
    assertThat(seen.get(seen.size() - 1)[0]).isEqualTo(total);
    // the scan's updates fall in the second half of each file's share, not all at its end
    long first = Files.size(logs.resolve("dns.00.log.gz"));
    assertThat(seen).anySatisfy(u -> assertThat(u[0]).isStrictlyBetween(first / 2, first));
  }

  /**
   * Lines longer than what a chunk reads past its end for its last line ({@link ZeekJsonScanner#LAST_LINE_READ}), but
   * within the longest line a reader takes, end chunks of 64 and 256 KiB at every place: the chunk reads the rest of
   * such a line and goes on, and the hunt is the reader's, hits on the long lines included.
   */
  @Test
  void linesLongerThanAChunksReadPastItsEndGiveTheSameHunt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("long"));
    Random r = new Random(17);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      String agent = i % 9 == 0 ? "x".repeat(ZeekJsonScanner.LAST_LINE_READ + r.nextInt(3 * ZeekJsonScanner.LAST_LINE_READ)) : "curl/8";
      b.append("{\"ts\":").append(1_679_443_200 + i * 60).append(".5,\"id.orig_h\":\"10.0.0.").append(r.nextInt(3))
          .append("\",\"id.resp_h\":\"203.0.113.9\",\"host\":\"").append(name).append("\",\"user_agent\":\"").append(agent)
          .append("\",\"request_body_len\":0}\n");
    }
    Files.writeString(logs.resolve("http.00.log"), b);
    assertThat(Files.size(logs.resolve("http.00.log"))).isGreaterThan(4L << 20); // dozens of chunks
    same(logs, INDICATORS, null, null);
  }

  /**
   * An address where a name is expected (an HTTP Host, an SNI) is a connection endpoint: it hits an address indicator
   * when no name is hunted at all, in the scan as in the reader.
   */
  @Test
  void addressesInNameFieldsHitWithoutNameIndicators() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("addresses"));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      String host = i == 1700 ? "203.0.113.9" : i == 2100 ? "203.0.113.9:8443" : "www.example.org";
      b.append("{\"ts\":").append(1_679_443_200 + i).append(".5,\"id.orig_h\":\"10.0.0.5\",\"id.resp_h\":\"10.0.0.80\",")
          .append("\"host\":\"").append(host).append("\",\"uri\":\"/\"}\n");
    }
    Files.writeString(logs.resolve("http.00.log"), b);
    HuntResult hunt = same(logs, List.of(new Indicator("ipv4", "203.0.113.9")), null, null);
    assertThat(hunt.sightings()).filteredOn(s -> s.detector().equals("ioc")).singleElement()
        .satisfies(s -> assertThat(s.count()).isEqualTo(2));
  }

  /**
   * The beacon detector's memory bounds (series, connection times) are reached at the same events either way: the scan
   * threads group connections by pair, and the detector must still drop exactly what it drops event by event.
   */
  @Test
  void beaconBoundsAreReachedAtTheSameEvents() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("bounded"));
    Random random = new Random(11);
    write(logs.resolve("http.00.log"), random, 3000, null);
    write(logs.resolve("conn.00.log"), random, 3000, null);
    write(logs.resolve("mixed.json"), random, 2000, null);
    for (int[] bounds : new int[][] {{5, 100_000}, {40, 300}, {1000, 1500}}) {
      List<BeaconDetector> made = new ArrayList<>();
      Supplier<List<Detector>> detectors = () -> {
        made.add(BeaconDetector.bounded(new BeaconSettings(0.0, 0.0, 0.0, 4), bounds[0], bounds[1]));
        return List.of(made.get(made.size() - 1));
      };
      same(logs, INDICATORS, null, null, detectors);
      same(logs, INDICATORS, Instant.parse("2023-03-22T02:00:00Z"), null, detectors);
      assertThat(made).allSatisfy(d -> assertThat(d.dropped()).as("connections left out").isPositive());
      assertThat(made.get(0).dropped()).isEqualTo(made.get(1).dropped());
    }
  }

  static HuntResult same(Path logs, List<Indicator> indicators, @Nullable Instant since, @Nullable Instant until) {
    return same(logs, indicators, since, until, ParallelScanEquivalenceTest::beacons);
  }

  /** Hunts event by event and in parallel, checks both find the same, and gives what they found. */
  static HuntResult same(Path logs, List<Indicator> indicators, @Nullable Instant since, @Nullable Instant until,
      Supplier<List<Detector>> analytics) {
    HuntParameters p = new HuntParameters(List.of(logs.toString()), null, null, since, until, null);
    HuntService service = new HuntService(Telemetry.readers(), intel(indicators), assets(), proxy(HuntRepository.class, (m, a) -> null),
        Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC));
    HuntResult general = service.scanning(0, 0).hunt(p, List.of(), analytics.get(), Progress.NONE);
    assertThat(general.sightings()).isNotEmpty();
    // 64 KiB chunks throughout, and 256 KiB chunks whose files' ends are cut into quarters
    for (int chunk : new int[] {1 << 16, 1 << 18}) {
      HuntResult parallel = service.scanning(2, chunk).hunt(p, List.of(), analytics.get(), Progress.NONE);
      assertThat(parallel.sightings()).containsExactlyElementsOf(general.sightings());
      assertThat(parallel.stats()).isEqualTo(general.stats());
      assertThat(parallel.indicators()).isEqualTo(general.indicators());
    }
    return general;
  }

  static List<Detector> beacons() {
    return List.of(new BeaconDetector(new BeaconSettings(0.5, 0.5, 0.0, 4)));
  }

  private static final String[] NAMES = {"www.cisco.com", "WWW.CISCO.COM.", "tools.cisco.com", "notcisco.com",
      "cisco.com.example.net", "www.bing.com", "bing.com", "wpad.dmevals.local", "akamaicontainer.com",
      "notakamaicontainer.com", "akamaicontainer.com.example.net", "www.example.org", "-", "", "a..b.evil-c2.net",
      "evil-c2.net..", "update.voxline.io", "x.update.voxline.io", "b\u00fccher.example", "xn--bcher-kva.example",
      "akamaicontainer.com:8080", "notakamaicontainer.com:443", "www.example.org,tools.cisco.com", "203.0.113.9",
      "[2001:db8::1]:443", "10.0.0.4:80"};
  private static final String[] ADDRESSES = {"10.0.0.4", "10.0.0.5", "192.168.0.7", "192.168.1.7", "203.0.113.9",
      "198.51.100.20", "2001:db8::1"};

  /** A file of random records in the forms Zeek and pipelines write, and {@code odd} once in the middle. */
  private static void write(Path file, Random r, int lines, @Nullable String odd) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      if (odd != null && i == lines / 2) b.append(odd).append('\n');
      double ts = 1_679_443_200 + i * 20.0 + r.nextInt(1_000_000) / 1e6;
      String name = NAMES[r.nextInt(NAMES.length)];
      String src = r.nextInt(4) == 0 ? "10.1." + r.nextInt(4) + "." + r.nextInt(50) : ADDRESSES[r.nextInt(3)];
      String dst = ADDRESSES[r.nextInt(ADDRESSES.length)];
      int form = i == 0 ? 39 : r.nextInt(40);
      String time = form == 1 ? "\"2023-03-22T" + String.format(Locale.ROOT, "%02d", i % 24) + ":00:00Z\""
          : form == 2 ? Long.toString((long) ts) : form == 3 ? String.format(Locale.ROOT, "%.9f", ts)
          : form == 18 ? Long.toString((long) (ts * 1000)) : form == 19 ? String.format(Locale.ROOT, "%.1f", ts * 1000)
          : String.format(Locale.ROOT, "%.6f", ts);
      if (i % 7 == 0) {
        // a beacon: the same source and name every 10 minutes, with a few seconds of jitter
        time = String.format(Locale.ROOT, "%.3f", 1_679_443_200 + (i / 7) * 600.0 + r.nextInt(3));
        src = "10.9.9.9";
        name = "update.voxline.io";
      }
      String escapedName = name.replace(".", "\\u002e");
      switch (form) {
        case 4 -> b.append("\n");
        case 5 -> b.append("  \t\r\n");
        case 6 -> b.append("{\"ts\":").append(time).append(",\"id\":{\"orig_h\":\"").append(src).append("\",\"resp_h\":\"").append(dst)
            .append("\"},\"host\":\"").append(name).append("\"}\n");
        case 7 -> b.append("{\"dns\":{\"ts\":").append(time).append(",\"id.orig_h\":\"").append(src).append("\",\"query\":\"")
            .append(name).append("\"}}\n");
        case 8 -> b.append("{\"ts\":").append(time).append(",\"id_orig_h\":\"").append(src).append("\",\"id_resp_h\":\"").append(dst)
            .append("\",\"_path\":\"conn\",\"orig_bytes\":").append(r.nextInt(500)).append("}\n");
        case 9 -> b.append("{\"@stream\":\"ssl\",\"ts\":").append(time).append(",\"id.orig_h\":\"").append(src)
            .append("\",\"server_name\":\"").append(name).append("\"}\r\n");
        case 10 -> b.append("{\"ts\":").append(time).append(",\"query\":\"").append(escapedName).append("\"}\n");
        case 11 -> b.append("{\"ts\":").append(time).append(",\"host\":\"").append(name).append("\",\"host\":\"www.example.org\"}\n");
        case 12 -> b.append("{\"ts\":").append(time).append(",\"host\":null,\"id.orig_h\":\"").append(src).append("\"}\n");
        case 13 -> b.append("{\"ts\":").append(time).append(",\"id.orig_h\":\"").append(src).append("\",\"tx_hosts\":[\"")
            .append(dst).append("\",\"").append(src).append("\"],\"fuid\":\"F1\",\"mime_type\":\"text/plain\",\"sha256\":\"")
            .append(r.nextBoolean() ? "7986BBAEE8940DA11CE089383521AB420C443AB7B15ED42AED91FD31CE833896" : "00").append("\"}\n");
        case 14 -> b.append(" { \"ts\" : ").append(time).append(" , \"user_agent\" : \"a \\\"quoted\\\" caf\u00e9\" , \"host\" : \"")
            .append(name).append("\" } \n");
        case 15 -> b.append("{\"ts\":").append(time).append(",\"id.orig_h\":\"").append(src).append("\",\"id.orig_p\":-0,\"host\":\"")
            .append(name).append("\",\"method\":\"GET\"}\n");
        case 16 -> b.append("{\"ts\":").append(time).append(",\"id.orig_h\":\"").append(src).append("\",\"id.resp_h\":\"").append(dst)
            .append("\",\"server_name\":\"").append(name).append("\",\"cipher\":\"TLS_AES_128_GCM_SHA256\",\"x\":[1,2.5e3,true,null,[]],\"y\":{}}\n");
        case 17 -> b.append("{\"ts\":").append(time).append(",\"url\":\"http://www.cisco.com/x\",\"query\":\"").append(name).append("\"}\n");
        default -> {
          boolean dns = r.nextBoolean();
          b.append("{\"ts\":").append(time).append(",\"uid\":\"C").append(i).append("\",\"id.orig_h\":\"").append(src)
              .append("\",\"id.orig_p\":").append(1024 + r.nextInt(60000)).append(",\"id.resp_h\":\"").append(dst)
              .append("\",\"id.resp_p\":").append(dns ? 53 : 80);
          if (dns) {
            b.append(",\"proto\":\"udp\",\"trans_id\":").append(r.nextInt(65536)).append(",\"rtt\":0.00").append(r.nextInt(900) + 100)
                .append(",\"query\":\"").append(name).append("\",\"qtype_name\":\"A\",\"answers\":[\"").append(dst)
                .append("\"],\"TTLs\":[300.0],\"rejected\":false}\n");
          } else {
            b.append(",\"method\":\"GET\",\"host\":\"").append(name).append("\",\"uri\":\"")
                .append(TARGETS[r.nextInt(TARGETS.length)]).append("\",\"request_body_len\":")
                .append(r.nextInt(3) == 0 ? "\"12\"" : Integer.toString(r.nextInt(100))).append(",\"status_code\":200}\n");
          }
        }
      }
    }
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  /** Intel with the given indicators, all huntable, none warninglisted. */
  static IntelRepository intel(List<Indicator> indicators) {
    return proxy(IntelRepository.class, (method, args) -> method.equals("huntable") ? indicators : List.of());
  }

  /** 10.0.0.5 is an inventory address. */
  static AssetDirectory assets() {
    AssetDirectory.AssetRef ws05 = new AssetDirectory.AssetRef("acme", "ws-05");
    return proxy(AssetDirectory.class, (method, args) -> method.equals("byAddresses")
        ? (((java.util.Collection<?>) args[0]).contains("10.0.0.5") ? java.util.Map.of("10.0.0.5", ws05) : java.util.Map.of())
        : method.equals("byAddress") && args[0].equals("10.0.0.5") ? Optional.of(ws05) : Optional.empty());
  }

  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
    return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> method.getName().equals("save") ? Long.valueOf(1) : answer.apply(method.getName(), args));
  }
}
