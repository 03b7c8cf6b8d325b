package io.chainwatch.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes the hunting bench's data: Zeek JSON lines ({@code dns} and {@code http}, as {@code LogAscii::use_json=T}
 * writes them) of a day of a network of 500 internal hosts, an advisory with 100,000 domain and 2,000 SHA-256
 * indicators, and the same indicators as {@code patterns.txt} for ripgrep.
 *
 * <p>Planted: 50 hits on indicator domains (DNS queries for the domain or a subdomain, HTTP Host headers; some in
 * upper case or with a trailing dot, which a hunt must still match), decoys that contain an indicator as a substring
 * but are no hit ({@code notakamaicontainer.com}, {@code akamaicontainer.com.example.net}, an indicator inside a URI),
 * and one beacon: a host calling the same name every hour. Background names are drawn from a set disjoint from the
 * indicators, with a skewed popularity as real traffic has.
 */
final class HuntLogGenerator {
  static final String DECOY_INDICATOR = "akamaicontainer.com";
  static final String BEACON_HOST = "update.voxline-cdn.net";
  static final String BEACON_SOURCE = "10.20.30.40";
  static final int PLANTED = 50;
  static final int BEACON_CONNECTIONS = 24;
  private static final long DAY_START = 1_679_443_200L; // 2023-03-22T00:00:00Z
  private static final String[] TLDS = {"com", "net", "org", "io", "info", "xyz"};
  private static final String[] AGENTS = {
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0.0.0 Safari/537.36",
      "Microsoft-CryptoAPI/10.0", "Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.50",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/111.0"};

  /** A planted hit: the indicator, where it is, and what the log says there. */
  record Hit(String indicator, String file, long line, String field, String value) {}

  /** What was written. */
  record Written(long bytes, long lines, int files, List<String> domains, List<String> hashes, List<Hit> hits,
      List<String> decoys) {}

  private final Random random;
  private final long targetBytes;
  private final int filesPerLog;

  HuntLogGenerator(long seed, long targetBytes, int filesPerLog) {
    this.random = new Random(seed);
    this.targetBytes = targetBytes;
    this.filesPerLog = filesPerLog;
  }

  Written write(Path dir, int domainIndicators, int hashIndicators) throws IOException {
    Path logs = dir.resolve("logs");
    Files.createDirectories(logs);
    try (var s = Files.list(logs)) {
      for (Path p : (Iterable<Path>) s::iterator) Files.delete(p);
    }
    Set<String> indicatorSet = new HashSet<>();
    List<String> domains = new ArrayList<>();
    domains.add(DECOY_INDICATOR);
    indicatorSet.add(DECOY_INDICATOR);
    while (domains.size() < domainIndicators) {
      String d = randomLabel(8 + random.nextInt(8)) + (random.nextInt(4) == 0 ? "-" + randomLabel(3) : "") + "." + TLDS[random.nextInt(TLDS.length)];
      if (indicatorSet.add(d)) domains.add(d);
    }
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < hashIndicators; i++) hashes.add(hex(32));
    // background names: word-like names under a few TLDs; never an indicator nor under one
    List<String> benign = new ArrayList<>();
    Set<String> benignSet = new HashSet<>();
    while (benign.size() < 20_000) {
      String d = "www." + syllables(2 + random.nextInt(3)) + "." + TLDS[random.nextInt(3)];
      if (!indicatorSet.contains(d.substring(4)) && benignSet.add(d)) benign.add(d);
    }
    String[] sources = new String[500];
    for (int i = 0; i < sources.length; i++) sources[i] = "10." + (i / 250) + "." + (i % 250 / 50) + "." + (10 + i % 50);

    // planted positions: file index and line, chosen before writing; half DNS, half HTTP
    long approxLines = targetBytes / 455; // the lines below average about 455 bytes
    long perFile = Math.max(100, approxLines / (2L * filesPerLog));
    Map<String, Integer> plan = new HashMap<>(); // "log/file/line" (log 0 dns, 1 http) to the indicator's index
    for (int i = 0; i < PLANTED; i++) {
      int log = i % 2;
      int file = random.nextInt(filesPerLog);
      long line = 1 + (long) (random.nextDouble() * (perFile - 2));
      if (plan.putIfAbsent(log + "/" + file + "/" + line, 1 + random.nextInt(domains.size() - 1)) != null) i--;
    }
    List<Hit> hits = new ArrayList<>();
    List<String> decoys = List.of("notakamaicontainer.com", "akamaicontainer.com.example.net", "www.notakamaicontainer.com");
    long bytes = 0;
    long lines = 0;
    int files = 0;
    for (int log = 0; log < 2; log++) {
      for (int f = 0; f < filesPerLog; f++) {
        String name = (log == 0 ? "dns" : "http") + String.format(Locale.ROOT, ".%02d.log", f);
        Path file = logs.resolve(name);
        files++;
        long firstTs = DAY_START + 86_400L * f / filesPerLog;
        double step = 86_400.0 / filesPerLog / perFile;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
          StringBuilder b = new StringBuilder(1024);
          for (long line = 1; line <= perFile; line++) {
            b.setLength(0);
            double ts = firstTs + step * line + random.nextDouble() * step;
            String src = sources[skewed(sources.length)];
            String name0 = benign.get(skewed(benign.size()));
            String field = log == 0 ? "query" : "host";
            String value = name0;
            if (line % 100_003 == 7) value = decoys.get((int) (line % decoys.size()));
            if (log == 1 && f == 0 && line % Math.max(1, perFile / BEACON_CONNECTIONS) == 0 && line / Math.max(1, perFile / BEACON_CONNECTIONS) <= BEACON_CONNECTIONS) {
              // the beacon: every hour of the day (in file 0's lines, with times rewritten to the hour)
              src = BEACON_SOURCE;
              value = BEACON_HOST;
              ts = DAY_START + 3600.0 * (line / Math.max(1, perFile / BEACON_CONNECTIONS)) + random.nextDouble() * 2;
            }
            Integer planted = plan.get(log + "/" + f + "/" + line);
            if (planted != null) {
              String ind = domains.get(planted);
              int variant = hits.size() % 5;
              value = variant == 0 ? ind : variant == 1 ? "cdn." + ind : variant == 2 ? ind.toUpperCase(Locale.ROOT)
                  : variant == 3 ? "a.b." + ind + "." : "www." + ind;
              hits.add(new Hit(ind, file.toString(), line, field, value));
            }
            if (log == 0) dns(b, ts, src, value);
            else http(b, ts, src, value, line % 50_021 == 3 ? "/redirect?to=" + DECOY_INDICATOR : null);
            byte[] bs = b.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bs);
            bytes += bs.length;
            lines++;
          }
        }
      }
    }
    return new Written(bytes, lines, files, domains, hashes, hits, decoys);
  }

  private void dns(StringBuilder b, double ts, String src, String query) {
    b.append("{\"ts\":").append(micros(ts)).append(",\"uid\":\"C").append(uid())
        .append("\",\"id.orig_h\":\"").append(src).append("\",\"id.orig_p\":").append(1024 + random.nextInt(60000))
        .append(",\"id.resp_h\":\"10.0.0.53\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":").append(random.nextInt(65536))
        .append(",\"rtt\":0.0").append(10 + random.nextInt(89)).append(",\"query\":\"").append(query)
        .append("\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\",\"rcode\":0,\"rcode_name\":\"NOERROR\","
            + "\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"Z\":0,\"answers\":[\"")
        .append(publicAddress()).append("\"],\"TTLs\":[").append(60 + random.nextInt(3000)).append(".0],\"rejected\":false}\n");
  }

  private void http(StringBuilder b, double ts, String src, String host, String uri) {
    b.append("{\"ts\":").append(micros(ts)).append(",\"uid\":\"C").append(uid())
        .append("\",\"id.orig_h\":\"").append(src).append("\",\"id.orig_p\":").append(1024 + random.nextInt(60000))
        .append(",\"id.resp_h\":\"").append(publicAddress()).append("\",\"id.resp_p\":80,\"trans_depth\":1,\"method\":\"GET\",\"host\":\"")
        .append(host).append("\",\"uri\":\"").append(uri != null ? uri : "/" + syllables(2) + "/" + randomLabel(6) + ".js?v=" + random.nextInt(1000))
        .append("\",\"version\":\"1.1\",\"user_agent\":\"").append(AGENTS[random.nextInt(AGENTS.length)])
        .append("\",\"request_body_len\":0,\"response_body_len\":").append(random.nextInt(200_000))
        .append(",\"status_code\":200,\"status_msg\":\"OK\",\"tags\":[],\"resp_fuids\":[\"F").append(uid())
        .append("\"],\"resp_mime_types\":[\"application/javascript\"]}\n");
  }

  /** Seconds with six decimals, as Zeek writes them (String.format is too slow for a gigabyte). */
  private static String micros(double ts) {
    long us = Math.round(ts * 1e6);
    String frac = Long.toString(us % 1_000_000);
    return us / 1_000_000 + "." + "000000".substring(frac.length()) + frac;
  }

  /** An index skewed towards small numbers: a few names and hosts carry most of the traffic. */
  private int skewed(int n) {
    double u = random.nextDouble();
    return (int) Math.min(n - 1, Math.floor(Math.pow(n, u * u)) - 1 + random.nextInt(2));
  }

  private String publicAddress() {
    return (23 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }

  private String uid() {
    return randomAlnum(17);
  }

  private String randomLabel(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) b.append((char) (random.nextInt(5) == 0 ? '0' + random.nextInt(10) : 'a' + random.nextInt(26)));
    return b.toString();
  }

  private String randomAlnum(int n) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return b.toString();
  }

  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ben", "dor", "fel", "gar",
      "hin", "jus", "kor", "lan", "mor", "nat", "pel", "quin", "ros", "sel", "tor", "ven", "wil", "zan"};

  private String syllables(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    return b.toString();
  }

  private String hex(int bytes) {
    StringBuilder b = new StringBuilder(bytes * 2);
    for (int i = 0; i < bytes; i++) b.append(Character.forDigit(random.nextInt(16), 16)).append(Character.forDigit(random.nextInt(16), 16));
    return b.toString();
  }
}
