package io.chainwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainwatch.hunt.IndicatorDetector;
import io.chainwatch.intel.Indicator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The hunting bench of issue 5: generates about 1 GiB of Zeek JSON ({@link HuntLogGenerator}) with 100,000 domain and
 * 2,000 hash indicators and 50 planted hits, imports the indicators, then times, in the same run on the same files,
 * {@code rg -F -f patterns.txt} (ripgrep, not field-aware) and the whole {@code ./chainwatch hunt} process, checks that
 * every planted hit and no decoy is reported, reads the heap from a GC log, and times building the indicator set of
 * 1,000,000 indicators in process. Prints the figures and writes them into BENCHMARKS.md.
 *
 * <p>Run from the repository root: {@code chainwatch-bench/bench hunt [--gib F] [--reuse] [--runs N] [--no-report]}.
 */
public final class HuntBench {
  static final String SECTION = "## Issue 5: hunting";
  static final String INCIDENT = "BENCH-HUNT-2024";
  private static final int DOMAINS = 100_000;
  private static final int HASHES = 2_000;
  /** The options the launcher gives a hunt (the bench measures the hunt as shipped; a test keeps them the same). */
  static final String HUNT_JVM_OPTIONS = "-XX:+UseParallelGC -XX:NewRatio=1 -XX:InitialRAMPercentage=6.25 -XX:TieredStopAtLevel=1 -Xmx1g";

  /** The launcher's options for a hunt, with the heap this run asks for ({@code --heap}). */
  private String huntOptions() {
    return HUNT_JVM_OPTIONS.replace("-Xmx1g", "-Xmx" + heap);
  }

  private final PrintStream out = System.out;
  private double gib = 1.0;
  private long seed = 42;
  private int filesPerLog = 4;
  private int runs = 3;
  private boolean reuse;
  private Path dir = Path.of("bench-data/hunt");
  private Path jar = Path.of("chainwatch-app/target/chainwatch.jar");
  private @Nullable Path report = Path.of("BENCHMARKS.md");
  private String heap = "1g";
  private String commandLine = "";

  public static void main(String[] args) throws Exception {
    HuntBench b = new HuntBench();
    try {
      b.parse(args);
      b.run();
    } catch (IllegalArgumentException | TimedProcess.BenchFailure e) {
      System.err.println("bench hunt: " + e.getMessage());
      System.exit(1);
    }
  }

  private void parse(String[] args) {
    commandLine = String.join(" ", args);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--reuse": reuse = true; continue;
        case "--no-report": report = null; continue;
        case "--help":
          out.println("usage: chainwatch-bench/bench hunt [--gib F (1.0)] [--files-per-log N (4)] [--runs N (3)] [--seed N]"
              + " [--dir PATH (bench-data/hunt)] [--heap SIZE (1g)] [--reuse] [--report PATH | --no-report]");
          System.exit(0);
          return;
        default:
      }
      if (i + 1 >= args.length) throw new IllegalArgumentException("unknown option or missing value: " + a);
      String v = args[++i];
      switch (a) {
        case "--gib": gib = Double.parseDouble(v); break;
        case "--files-per-log": filesPerLog = Integer.parseInt(v); break;
        case "--runs": runs = Integer.parseInt(v); break;
        case "--seed": seed = Long.parseLong(v); break;
        case "--dir": dir = Path.of(v); break;
        case "--jar": jar = Path.of(v); break;
        case "--heap": heap = v; break;
        case "--report": report = Path.of(v); break;
        default: throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
  }

  private void run() throws IOException, InterruptedException {
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir);
    Path launcher = jar.toAbsolutePath().getParent().getParent().getParent().resolve("chainwatch");
    if (!Files.isRegularFile(jar)) throw new IllegalArgumentException(jar + " is not built; run: mvn -q -DskipTests package");
    String load = Bench.loadAverage();
    Data data = data();
    out.printf("Data       %d files, %,d lines, %s of Zeek JSON in %s; %,d domain and %,d hash indicators; %d planted hits%n",
        data.files, data.lines, gb(data.bytes), dir.resolve("logs"), DOMAINS, HASHES, data.hits.size());

    // the indicators, imported as a native advisory into a fresh database; every hunt below starts from a copy of it
    Path importedDb = dir.resolve(IMPORTED_DB);
    Path importSeconds = dir.resolve("import.seconds");
    double imported;
    if (reuse && data.reused && Files.isRegularFile(importSeconds) && Files.isRegularFile(importedDb)) {
      imported = Double.parseDouble(Files.readString(importSeconds).trim());
      out.printf("Import     reusing %s (imported in %.2f s)%n", IMPORTED_DB, imported);
    } else {
      for (String suffix : List.of("", "-journal", "-wal", "-shm")) Files.deleteIfExists(dir.resolve(IMPORTED_DB + suffix));
      imported = TimedProcess.run(List.of(launcher.toString(), "--db", "jdbc:sqlite:" + IMPORTED_DB, "import",
          "indicators.yaml"), dir, null, dir.resolve("import.out"), dir.resolve("import.err"), Map.of())
          .orFail("importing indicators.yaml").wallSeconds();
      Files.writeString(importSeconds, Double.toString(imported));
      out.printf("Import     %.2f s: %s%n", imported, Files.readString(dir.resolve("import.out")).trim());
    }

    warm(dir.resolve("logs"));
    // the launcher writes its class-data archive at its first run after a build: a run not to time
    TimedProcess.run(List.of(launcher.toString(), "--version"), dir, null, null, dir.resolve("launcher.err"), Map.of())
        .orFail("starting chainwatch");
    // ripgrep as the issue names it: its default, one search thread per core. (Until session 6 the bench added
    // `--sort path`, which makes ripgrep search on one thread and so doubled the baseline.) --count only shortens
    // the output, whose order does not matter here.
    List<String> rgCommand = List.of("rg", "-F", "-f", "patterns.txt", "--count", "logs");
    List<String> huntCommand = List.of(launcher.toString(), "--db", "jdbc:sqlite:" + HUNT_DB, "hunt", "--logs", "logs",
        "--incident", INCIDENT, "--format", "json");
    Path gcLog = dir.resolve("hunt-gc.log");
    String huntOpts = huntOptions() + " -Xlog:gc,gc+heap+exit:file=" + gcLog.getFileName();
    double[] rg = new double[runs];
    double[] hunt = new double[runs];
    double[] huntCpu = new double[runs];
    long huntRss = 0;
    GcLog gc = null;
    for (int r = 0; r < runs; r++) {
      TimedProcess.Result g = TimedProcess.run(rgCommand, dir, null, dir.resolve("rg.out"), dir.resolve("rg.err"), Map.of());
      if (g.exitCode() > 1) g.orFail("ripgrep");
      rg[r] = g.wallSeconds();
      Files.deleteIfExists(gcLog);
      freshDatabase(importedDb, dir.resolve(HUNT_DB));
      TimedProcess.Result h = TimedProcess.run(huntCommand, dir, null, dir.resolve("hunt.json"), dir.resolve("hunt.err"),
          Map.of("CHAINWATCH_JAVA_OPTS", huntOpts)).orFail("the hunt");
      hunt[r] = h.wallSeconds();
      huntCpu[r] = h.cpuSeconds();
      huntRss = Math.max(huntRss, h.maxRssKb());
      GcLog one = GcLog.read(gcLog);
      if (gc == null || one.peakUsedMb() > gc.peakUsedMb()) gc = one;
      out.printf("Run %d      rg %.2f s (CPU %.2f s); hunt %.2f s (CPU %.2f s, peak RSS %,d MB)%n", r + 1, g.wallSeconds(),
          g.cpuSeconds(), h.wallSeconds(), h.cpuSeconds(), h.maxRssKb() / 1024);
    }
    double rgMedian = Bench.median(rg);
    double huntMedian = Bench.median(hunt);
    double ratio = huntMedian / rgMedian;
    double cpu = Bench.median(huntCpu);
    Check check = check(data, dir.resolve("hunt.json"));
    long rgLines = rgMatches(dir.resolve("rg.out"));
    double perCore = data.bytes / cpu / (1 << 20);
    out.printf("Result     hunt %.2f s, rg %.2f s: ratio %.3f (target <= 0.1 %s); %.0f MiB/s per CPU second%n", huntMedian,
        rgMedian, ratio, ratio <= 0.1 ? "met" : "missed", perCore);
    out.printf("Found      %d of %d planted hits, %d decoys reported, %d other ioc sightings, beacon %s; rg matched %,d lines%n",
        check.found, data.hits.size(), check.decoys, check.unexpected, check.beacon ? "found" : "NOT found", rgLines);
    out.printf("Heap       peak used %,d MB of -Xmx%s (%s), %d GC pauses, %.0f ms%n", gc.peakUsedMb(), heap, afterGc(gc),
        gc.pauses(), gc.pauseMillis());
    double[] build = buildTimes();
    out.printf("Build      1,000,000 indicators: %.0f ms (runs %s)%n", Bench.median(build) * 1000, millis(build));
    if (report != null) {
      writeReport(report, load, Bench.loadAverage(), data, imported, rg, hunt, huntCpu, huntRss, gc, check, rgLines, build);
      out.println("Wrote section '" + SECTION + "' of " + report);
    }
    if (check.found < data.hits.size() || check.decoys > 0) {
      throw new TimedProcess.BenchFailure("the hunt missed planted hits or reported a decoy: see " + dir.resolve("hunt.json"));
    }
  }

  /** The database the indicators are imported into once; never hunted in. */
  static final String IMPORTED_DB = "imported.sqlite";
  /** The database each timed hunt runs on: a fresh copy of {@link #IMPORTED_DB}. */
  static final String HUNT_DB = "hunt.sqlite";

  /**
   * Makes {@code hunt} a copy of {@code imported}, written through to the disk: every timed hunt starts from the same
   * database, the import's (the hunts stored by earlier runs made the reused database grow by about 300 KB a run, to
   * 862 MB by session 14), and the copy's writing back cannot fall into the next timed run.
   */
  static void freshDatabase(Path imported, Path hunt) throws IOException {
    for (String suffix : List.of("-journal", "-wal", "-shm")) {
      Files.deleteIfExists(hunt.resolveSibling(hunt.getFileName() + suffix));
    }
    Files.copy(imported, hunt, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel c = FileChannel.open(hunt, StandardOpenOption.WRITE)) {
      c.force(true);
    }
  }

  /** What the generator wrote, also when reused. */
  record Data(long bytes, long lines, int files, List<HuntLogGenerator.Hit> hits, boolean reused) {}

  private Data data() throws IOException {
    Path manifest = dir.resolve("hunt.properties");
    String sizes = "gib=" + gib + " files=" + filesPerLog + " seed=" + seed + " domains=" + DOMAINS + " hashes=" + HASHES;
    Path planted = dir.resolve("planted.tsv");
    if (reuse && Files.isRegularFile(manifest) && Files.isRegularFile(planted)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(manifest)) {
        p.load(in);
      }
      if (sizes.equals(p.getProperty("sizes"))) {
        out.println("Reusing the logs in " + dir + " (same sizes and seed)");
        List<HuntLogGenerator.Hit> hits = new ArrayList<>();
        for (String l : Files.readAllLines(planted)) {
          String[] f = l.split("\t", -1);
          hits.add(new HuntLogGenerator.Hit(f[0], f[1], Long.parseLong(f[2]), f[3], f[4]));
        }
        return new Data(Long.parseLong(p.getProperty("bytes")), Long.parseLong(p.getProperty("lines")),
            Integer.parseInt(p.getProperty("files")), hits, true);
      }
    }
    out.println("Generating " + sizes);
    long start = System.nanoTime();
    HuntLogGenerator.Written w = new HuntLogGenerator(seed, (long) (gib * (1L << 30)), filesPerLog).write(dir, DOMAINS, HASHES);
    out.printf("  generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    try (Writer y = Files.newBufferedWriter(dir.resolve("indicators.yaml"));
        Writer pat = Files.newBufferedWriter(dir.resolve("patterns.txt"))) {
      y.write("id: " + INCIDENT + "\ntitle: Hunting bench indicators\ndisclosed: 2024-01-15\nindicators:\n");
      for (String d : w.domains()) {
        y.write("  - {type: domain, value: \"" + d + "\"}\n");
        pat.write(d + "\n");
      }
      for (String h : w.hashes()) {
        y.write("  - {type: sha256, value: \"" + h + "\"}\n");
        pat.write(h + "\n");
      }
    }
    StringBuilder t = new StringBuilder();
    for (HuntLogGenerator.Hit h : w.hits()) {
      t.append(h.indicator()).append('\t').append(dir.relativize(Path.of(h.file()))).append('\t').append(h.line()).append('\t')
          .append(h.field()).append('\t').append(h.value()).append('\n');
    }
    Files.writeString(planted, t.toString());
    Properties p = new Properties();
    p.setProperty("sizes", sizes);
    p.setProperty("bytes", Long.toString(w.bytes()));
    p.setProperty("lines", Long.toString(w.lines()));
    p.setProperty("files", Integer.toString(w.files()));
    try (Writer m = Files.newBufferedWriter(manifest)) {
      p.store(m, "what chainwatch-bench hunt generated here");
    }
    List<HuntLogGenerator.Hit> hits = new ArrayList<>();
    for (HuntLogGenerator.Hit h : w.hits()) {
      hits.add(new HuntLogGenerator.Hit(h.indicator(), dir.relativize(Path.of(h.file())).toString(), h.line(), h.field(), h.value()));
    }
    return new Data(w.bytes(), w.lines(), w.files(), hits, false);
  }

  /** Reads the logs once so that both contenders find them in the page cache. */
  private static void warm(Path logs) throws IOException {
    byte[] buffer = new byte[1 << 20];
    try (Stream<Path> s = Files.list(logs)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        try (InputStream in = Files.newInputStream(p)) {
          while (in.read(buffer) > 0) {
            // only the reading matters
          }
        }
      }
    }
  }

  /** How the hunt's JSON compares with the plan. */
  /** What is left after collections, or that the hunt ended before its first one (its peak is then the use at exit). */
  private static String afterGc(GcLog gc) {
    return gc.pauses() == 0 ? "in use at exit: no collection ran" : String.format(Locale.ROOT, "after GC at most %,d MB", gc.peakLiveMb());
  }

  record Check(int found, int decoys, int unexpected, boolean beacon, long sightings) {}

  static Check check(Data data, Path huntJson) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(huntJson.toFile());
    Map<String, List<String>> evidence = new HashMap<>();
    int decoys = 0;
    int unexpected = 0;
    boolean beacon = false;
    Set<String> planted = new HashSet<>();
    for (HuntLogGenerator.Hit h : data.hits) planted.add(h.indicator());
    long sightings = 0;
    for (JsonNode s : doc.path("sightings")) {
      sightings++;
      String detector = s.path("detector").asText();
      String value = s.path("indicator").path("value").asText();
      if (detector.equals("beacon")) {
        if (value.equals(HuntLogGenerator.BEACON_HOST) && s.path("host").asText().equals(HuntLogGenerator.BEACON_SOURCE)) beacon = true;
        continue;
      }
      if (value.equals(HuntLogGenerator.DECOY_INDICATOR)) decoys++;
      else if (!planted.contains(value)) unexpected++;
      for (JsonNode e : s.path("evidence")) {
        evidence.computeIfAbsent(value, k -> new ArrayList<>()).add(e.path("file").asText() + ":" + e.path("line").asLong()
            + ":" + e.path("value").asText());
      }
    }
    int found = 0;
    for (HuntLogGenerator.Hit h : data.hits) {
      List<String> ev = evidence.getOrDefault(h.indicator(), List.of());
      if (ev.contains(h.file() + ":" + h.line() + ":" + h.value())) found++;
    }
    return new Check(found, decoys, unexpected, beacon, sightings);
  }

  private static long rgMatches(Path rgOut) throws IOException {
    long n = 0;
    for (String l : Files.readAllLines(rgOut)) {
      int colon = l.lastIndexOf(':');
      if (colon > 0) n += Long.parseLong(l.substring(colon + 1).trim());
    }
    return n;
  }

  /** Builds the matcher of 1,000,000 domain indicators three times, in this process: the start-up cost per million. */
  static double[] buildTimes() {
    Random random = new Random(7);
    List<Indicator> indicators = new ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < 12; c++) b.append((char) ('a' + random.nextInt(26)));
      indicators.add(new Indicator(i % 50 == 0 ? "sha256" : "domain", i % 50 == 0 ? String.format(Locale.ROOT, "%064x", i) : b + ".com"));
    }
    double[] out = new double[3];
    for (int r = 0; r < out.length; r++) {
      long start = System.nanoTime();
      IndicatorDetector d = new IndicatorDetector(indicators);
      out[r] = (System.nanoTime() - start) / 1e9;
      if (d.size() != indicators.size()) throw new IllegalStateException("the matcher lost indicators");
    }
    return out;
  }

  private void writeReport(Path file, String loadBefore, String loadAfter, Data data, double imported, double[] rg,
      double[] hunt, double[] huntCpu, long huntRss, GcLog gc, Check check, long rgLines, double[] build) throws IOException {
    double rgMedian = Bench.median(rg);
    double huntMedian = Bench.median(hunt);
    double ratio = huntMedian / rgMedian;
    double cpu = Bench.median(huntCpu);
    StringBuilder s = new StringBuilder();
    s.append(SECTION).append("\n\n");
    s.append("Run on ").append(LocalDate.now()).append(" with `chainwatch-bench/bench hunt")
        .append(commandLine.isEmpty() ? "" : " " + commandLine).append("` (data in `bench-data/hunt/`). Machine: ")
        .append(TimedProcess.capture("nproc")).append(" CPUs, ").append(TimedProcess.capture("uname", "-srm")).append(", ")
        .append(TimedProcess.capture("java", "-version").split("\n")[0]).append(", ")
        .append(TimedProcess.capture("rg", "--version").split("\n")[0]).append(". Load average before ").append(loadBefore)
        .append(", after ").append(loadAfter).append(" (the machine is shared: compare within the run).\n\n");
    s.append(String.format(Locale.ROOT, "Data (seed %d): %d Zeek JSON files (dns, http), %,d lines, %s; %,d domain and %,d SHA-256"
        + " indicators of incident `%s` imported from `indicators.yaml` (%.1f s); %d planted hits (exact, subdomain, upper case,"
        + " trailing dot), decoys `notakamaicontainer.com`, `akamaicontainer.com.example.net` and an indicator inside a URI,"
        + " and one hourly beacon.%n%n", seed, data.files, data.lines, gb(data.bytes), DOMAINS, HASHES, INCIDENT,
        imported, data.hits.size()));
    s.append("| measurement | command | result | target |\n| --- | --- | --- | --- |\n");
    s.append(String.format(Locale.ROOT, "| (a) ripgrep | `rg -F -f patterns.txt --count logs` (default: a thread per core), median of %d | %.2f s wall (runs %s), %,d matching lines | |%n",
        rg.length, rgMedian, secs(rg), rgLines));
    s.append(String.format(Locale.ROOT, "| (b) hunt | `CHAINWATCH_JAVA_OPTS='%s -Xlog:gc,gc+heap+exit:file=hunt-gc.log' ./chainwatch --db jdbc:sqlite:hunt.sqlite hunt --logs logs --incident %s --format json`, each run on a fresh copy of the import's database, median of %d | %.2f s wall (runs %s), CPU %.2f s, peak RSS %,d MB | |%n",
        huntOptions(), INCIDENT, hunt.length, huntMedian, secs(hunt), cpu, huntRss / 1024));
    s.append(String.format(Locale.ROOT, "| ratio hunt / ripgrep | (b) / (a), wall | **%.3f** | ≤ 0.1 (%s) |%n", ratio, ratio <= 0.1 ? "met" : "missed"));
    s.append(String.format(Locale.ROOT, "| planted hits found | evidence file and line in the JSON | %d of %d; decoys reported %d; other ioc sightings %d; beacon %s | all, no decoy (%s) |%n",
        check.found, data.hits.size(), check.decoys, check.unexpected, check.beacon ? "found" : "not found",
        check.found == data.hits.size() && check.decoys == 0 ? "met" : "missed"));
    s.append(String.format(Locale.ROOT, "| heap | GC log of the slowest-heap run | peak used %,d MB (%s), %d pauses, %.0f ms | < 1 GB (%s) |%n",
        gc.peakUsedMb(), afterGc(gc), gc.pauses(), gc.pauseMillis(), gc.peakUsedMb() < 1024 ? "met" : "missed"));
    s.append(String.format(Locale.ROOT, "| throughput per core | bytes / CPU seconds of (b) | %.0f MiB/s | |%n", data.bytes / cpu / (1 << 20)));
    s.append(String.format(Locale.ROOT, "| indicator set of 1,000,000 | `new IndicatorDetector(...)` in process (2%% hashes), median of 3 | %.0f ms (runs %s) | |%n",
        Bench.median(build) * 1000, millis(build)));
    s.append("\n");
    Bench.replaceSection(file, SECTION, s.toString());
  }

  private static String secs(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double d : v) b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", d));
    return b.toString();
  }

  private static String millis(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double d : v) b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", d * 1000));
    return b.toString();
  }

  private static String gb(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
  }
}
