package io.chainwatch.bench;

import io.chainwatch.common.Hashes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The import/exposure bench of issue 2. Generates a seeded portfolio, then, in one run on one machine: imports it with
 * the {@code sqlite3} shell as the baseline, imports it with Chainwatch as a whole process (heap capped, GC logged),
 * times {@code exposure} on the result and checks its count against what the generator planted. Prints the figures
 * and writes them into {@code BENCHMARKS.md}.
 *
 * <p>Run from the repository root: {@code chainwatch-bench/bench [options]} (see {@code --help}).
 */
public final class Bench {
  private static final String SECTION = "## Issue 2: import and exposure";

  private final Options o;
  private final PrintStream out = System.out;
  private final Path dir;
  private final Path jar;
  /** The repository's ./chainwatch launcher beside the jar's module: commands are timed as users run them. */
  private final Path launcher;

  private Bench(Options o) {
    this.o = o;
    this.dir = o.dir.toAbsolutePath();
    this.jar = o.jar.toAbsolutePath();
    this.launcher = jar.getParent().getParent().getParent().resolve("chainwatch");
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("graph")) {
      GraphBench.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("hunt")) {
      HuntBench.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (o.help) {
      System.out.println(Options.USAGE);
      return;
    }
    try {
      new Bench(o).run();
    } catch (TimedProcess.BenchFailure | IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(1);
    }
  }

  private void run() throws IOException, InterruptedException {
    Map<String, String> machine = machine();
    machine.put("load before", loadAverage());
    out.println("Machine");
    machine.forEach((k, v) -> out.printf("  %-8s %s%n", k, v));

    PortfolioGenerator.Sizes sizes = new PortfolioGenerator.Sizes(
        o.customers, o.assets, o.installations, o.products, o.incidentShare, o.seed);
    PortfolioGenerator.Planted planted = portfolio(sizes);
    out.printf("Portfolio  %,d customers, %,d assets, %,d installations, inventory.csv %s (in %s)%n",
        planted.customers(), planted.assets(), planted.rows(), mb(planted.bytes()), dir);
    out.printf("Planted    %s: %,d installations of %s, %,d of them affected (%.2f%% of rows) on %,d assets of %,d customers%n",
        PortfolioGenerator.INCIDENT_ID, planted.incidentProductInstallations(), PortfolioGenerator.INCIDENT_PRODUCT,
        planted.affectedInstallations(), 100.0 * planted.affectedInstallations() / planted.rows(),
        planted.affectedAssets(), planted.affectedCustomers());
    if (o.generateOnly) return;
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(o.jar + " is not built; run: mvn -q -DskipTests package");
    }

    // (a) Baseline: the sqlite3 shell's own CSV import plus one index, into a fresh file.
    Path baseDb = fresh("baseline.sqlite");
    Path script = dir.resolve("baseline.sql");
    Files.writeString(script, ".mode csv\n.import inventory.csv inv\nCREATE INDEX inv_vendor_product ON inv (vendor, product);\n",
        StandardCharsets.UTF_8);
    out.println();
    out.println("(a) baseline: sqlite3 .import + CREATE INDEX");
    TimedProcess.Result baseline = TimedProcess.run(List.of("/usr/bin/sqlite3", baseDb.getFileName().toString()), dir,
        script, null, dir.resolve("baseline.err"), Map.of()).orFail("the sqlite3 baseline");
    out.printf("    %.2f s wall, %.2f s CPU, peak RSS %s%n", baseline.wallSeconds(), baseline.cpuSeconds(), kbAsMb(baseline.maxRssKb()));

    // (b) Chainwatch: the whole import process, heap capped so that a non-streaming import fails loudly.
    Path cwDb = fresh("chainwatch.sqlite");
    String url = "jdbc:sqlite:" + cwDb.getFileName();
    Path gcLog = dir.resolve("import-gc.log");
    Files.deleteIfExists(gcLog);
    // Through the launcher, as a user runs it; its JVM options for an import plus the heap cap and a GC log.
    String importOpts = importJvmOptions(o) + " -Xlog:gc,gc+heap+exit:file=" + gcLog.getFileName()
        + (o.jfr ? " -XX:StartFlightRecording:filename=import.jfr,settings=profile" : "");
    List<String> importCommand = List.of(launcher.toString(), "--db", url, "import", "customers.csv", "inventory.csv");
    out.println("(b) Chainwatch import");
    TimedProcess.Result imported = TimedProcess.run(importCommand, dir, null, dir.resolve("import.out"),
        dir.resolve("import.err"), Map.of("CHAINWATCH_JAVA_OPTS", importOpts)).orFail("the Chainwatch import");
    GcLog gc = GcLog.read(gcLog);
    double ratio = imported.wallSeconds() / baseline.wallSeconds();
    out.printf("    %.2f s wall, %.2f s CPU, peak RSS %s, peak heap used %,d MB of -Xmx%s (after GC at most %,d MB; committed at most %,d MB), %d GC pauses totalling %.0f ms%n",
        imported.wallSeconds(), imported.cpuSeconds(), kbAsMb(imported.maxRssKb()), gc.peakUsedMb(), o.heap, gc.peakLiveMb(), gc.peakCommittedMb(), gc.pauses(), gc.pauseMillis());
    out.printf("    ratio Chainwatch / sqlite3 = %.2f (target <= 1.0)%n", ratio);
    out.println("    " + Files.readString(dir.resolve("import.out"), StandardCharsets.UTF_8).trim().replace("\n", "\n    "));

    TimedProcess.Result advisory = TimedProcess.run(List.of(launcher.toString(), "--db", url, "import", "incident.yaml"),
        dir, null, dir.resolve("advisory.out"), dir.resolve("advisory.err"), Map.of()).orFail("importing incident.yaml");

    // (c) Exposure as a whole process: one run whose output is counted, then the timed runs into /dev/null.
    List<String> exposureCommand = List.of(launcher.toString(), "--db", url, "exposure", PortfolioGenerator.INCIDENT_ID, "--format", "json");
    out.println("(c) exposure " + PortfolioGenerator.INCIDENT_ID + " --format json");
    Path exposureJson = dir.resolve("exposure.json");
    TimedProcess.Result counted = TimedProcess.run(exposureCommand, dir, null, exposureJson, dir.resolve("exposure.err"), Map.of())
        .orFail("the exposure run");
    ExposureCount count = ExposureCount.read(exposureJson);
    boolean countOk = count.installations() == planted.affectedInstallations() && count.assets() == planted.affectedAssets()
        && count.customers() == planted.affectedCustomers();
    out.printf("    listed %,d installations on %,d assets of %,d customers %s; planted %,d on %,d assets of %,d customers: %s%n",
        count.installations(), count.assets(), count.customers(), count.byStatus(), planted.affectedInstallations(),
        planted.affectedAssets(), planted.affectedCustomers(), countOk ? "MATCH" : "MISMATCH");
    double[] runs = new double[o.exposureRuns];
    double[] cpu = new double[o.exposureRuns];
    long exposureRss = counted.maxRssKb();
    for (int i = 0; i < runs.length; i++) {
      TimedProcess.Result r = TimedProcess.run(exposureCommand, dir, null, null, dir.resolve("exposure.err"), Map.of())
          .orFail("the exposure run");
      runs[i] = r.wallSeconds();
      cpu[i] = r.cpuSeconds();
      exposureRss = Math.max(exposureRss, r.maxRssKb());
    }
    double median = median(runs);
    out.printf("    median of %d: %.2f s wall (runs %s; target < 1.5 s), median CPU %.2f s, peak RSS %s%n",
        runs.length, median, seconds(runs), median(cpu), kbAsMb(exposureRss));
    machine.put("load after", loadAverage());

    @Nullable Breakdown breakdown = o.breakdown ? breakdown() : null;

    if (o.report != null) {
      writeReport(o.report, machine, planted, baseline, imported, gc, ratio, advisory, count, countOk, runs, median(cpu), median, exposureRss, breakdown);
      out.println();
      out.println("Wrote the figures to " + o.report);
    }
  }

  /** Timings that split the import: hashing the file, parsing it without storing (dry run), a bare JVM start. */
  private record Breakdown(double hashSeconds, double dryRunSeconds, double jvmStartSeconds) {}

  private Breakdown breakdown() throws IOException, InterruptedException {
    out.println("(d) breakdown of the import");
    long start = System.nanoTime();
    Hashes.sha256(dir.resolve("inventory.csv"));
    double hash = (System.nanoTime() - start) / 1e9;
    out.printf("    SHA-256 of inventory.csv in this JVM: %.2f s%n", hash);
    TimedProcess.Result dry = TimedProcess.run(List.of(launcher.toString(), "--db",
        "jdbc:sqlite:" + fresh("dryrun.sqlite").getFileName(), "import", "--dry-run", "inventory.csv"), dir, null, null,
        dir.resolve("dryrun.err"), Map.of("CHAINWATCH_JAVA_OPTS", importJvmOptions(o))).orFail("the dry-run import");
    out.printf("    import --dry-run inventory.csv (hash + parse, nothing stored): %.2f s%n", dry.wallSeconds());
    TimedProcess.Result help = TimedProcess.run(List.of(launcher.toString(), "--help"), dir, null, null,
        dir.resolve("help.err"), Map.of());
    out.printf("    JVM start + --help: %.2f s%n", help.wallSeconds());
    return new Breakdown(hash, dry.wallSeconds(), help.wallSeconds());
  }

  /** The JVM options of a timed import: the heap cap that proves the import streams, and a throughput collector. */
  private static String importJvmOptions(Options o) {
    return "-Xmx" + o.heap + " -XX:+UseParallelGC";
  }

  private PortfolioGenerator.Planted portfolio(PortfolioGenerator.Sizes sizes) throws IOException {
    Path manifest = dir.resolve("portfolio.properties");
    if (o.reuse && Files.isRegularFile(manifest) && Files.isRegularFile(dir.resolve("inventory.csv"))) {
      Properties p = new Properties();
      try (var in = Files.newInputStream(manifest)) {
        p.load(in);
      }
      if (sizes.toString().equals(p.getProperty("sizes"))) {
        out.println("Reusing the portfolio in " + dir + " (same sizes and seed)");
        return new PortfolioGenerator.Planted(Long.parseLong(p.getProperty("rows")), Integer.parseInt(p.getProperty("customers")),
            Integer.parseInt(p.getProperty("assets")), Long.parseLong(p.getProperty("bytes")),
            Long.parseLong(p.getProperty("incidentProductInstallations")), Long.parseLong(p.getProperty("affectedInstallations")),
            Long.parseLong(p.getProperty("affectedAssets")), Long.parseLong(p.getProperty("affectedCustomers")));
      }
    }
    out.println("Generating the portfolio (" + sizes + ")");
    long start = System.nanoTime();
    PortfolioGenerator.Planted planted = new PortfolioGenerator(sizes, out).write(dir);
    out.printf("  generated in %.1f s%n", (System.nanoTime() - start) / 1e9);
    Properties p = new Properties();
    p.setProperty("sizes", sizes.toString());
    p.setProperty("rows", Long.toString(planted.rows()));
    p.setProperty("customers", Integer.toString(planted.customers()));
    p.setProperty("assets", Integer.toString(planted.assets()));
    p.setProperty("bytes", Long.toString(planted.bytes()));
    p.setProperty("incidentProductInstallations", Long.toString(planted.incidentProductInstallations()));
    p.setProperty("affectedInstallations", Long.toString(planted.affectedInstallations()));
    p.setProperty("affectedAssets", Long.toString(planted.affectedAssets()));
    p.setProperty("affectedCustomers", Long.toString(planted.affectedCustomers()));
    try (var w = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
      p.store(w, "what chainwatch-bench generated here");
    }
    return planted;
  }

  private Path fresh(String name) throws IOException {
    for (String suffix : List.of("", "-journal", "-wal", "-shm")) Files.deleteIfExists(dir.resolve(name + suffix));
    return dir.resolve(name);
  }

  static Map<String, String> machine() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nproc", TimedProcess.capture("nproc"));
    m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
    m.put("memory", mem.endsWith(" kB") ? String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(mem.replace(" kB", "").trim()) / 1048576.0) : mem);
    m.put("os", TimedProcess.capture("uname", "-srm"));
    m.put("java", TimedProcess.capture("java", "-version").replace("\n", "; "));
    m.put("sqlite3", TimedProcess.capture("/usr/bin/sqlite3", "--version"));
    return m;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(key)) return line.substring(line.indexOf(':') + 1).trim();
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  private void writeReport(Path file, Map<String, String> machine, PortfolioGenerator.Planted planted,
      TimedProcess.Result baseline, TimedProcess.Result imported, GcLog gc, double ratio, TimedProcess.Result advisory,
      ExposureCount count, boolean countOk, double[] runs, double medianCpu, double median, long exposureRss,
      @Nullable Breakdown breakdown)
      throws IOException {
    String jarShown = "./chainwatch";
    String url = "jdbc:sqlite:chainwatch.sqlite";
    StringBuilder s = new StringBuilder();
    s.append(SECTION).append("\n\n");
    s.append("Run on ").append(LocalDate.now()).append(" with `chainwatch-bench/bench")
        .append(o.commandLine.isEmpty() ? "" : " " + o.commandLine).append("`, in `").append(o.dir).append("/`.\n\n");
    s.append("Machine: ").append(machine.get("nproc")).append(" CPUs (").append(machine.get("cpu")).append("), ")
        .append(machine.get("memory")).append(" RAM, ").append(machine.get("os")).append("; ")
        .append(machine.get("java")).append("; sqlite3 ").append(machine.get("sqlite3").split(" ")[0])
        .append(". Load average (1, 5, 15 min) before the run ").append(machine.get("load before")).append(", after it ")
        .append(machine.get("load after")).append(" (other work on the machine shows here: compare CPU times too).\n\n");
    s.append(String.format(Locale.ROOT, "Data (seed %d): %,d customers, %,d assets, %,d installations; `inventory.csv` %s"
            + " (columns customer, asset, platform, vendor, product, version, ip, purl, install_path, sha256, observed_at)."
            + " Incident `%s`: %,d installations of %s, of which %,d affected (%.2f%% of rows) on %,d assets of %,d customers.%n%n",
        o.seed, planted.customers(), planted.assets(), planted.rows(), mb(planted.bytes()), PortfolioGenerator.INCIDENT_ID,
        planted.incidentProductInstallations(), PortfolioGenerator.INCIDENT_PRODUCT, planted.affectedInstallations(),
        100.0 * planted.affectedInstallations() / planted.rows(), planted.affectedAssets(), planted.affectedCustomers()));
    s.append("| measurement | command | result | target |\n| --- | --- | --- | --- |\n");
    s.append(String.format(Locale.ROOT, "| (a) baseline import + index | `sqlite3 baseline.sqlite < baseline.sql` (`.mode csv`, `.import inventory.csv inv`, `CREATE INDEX ON inv (vendor, product)`) | %.2f s wall, %.2f s CPU, peak RSS %s | |%n",
        baseline.wallSeconds(), baseline.cpuSeconds(), kbAsMb(baseline.maxRssKb())));
    s.append(String.format(Locale.ROOT, "| (b) Chainwatch import | `CHAINWATCH_JAVA_OPTS='-Xmx%s -XX:+UseParallelGC -Xlog:gc,gc+heap+exit:file=import-gc.log' %s --db %s import customers.csv inventory.csv` | %.2f s wall, %.2f s CPU, peak RSS %s, peak heap used %,d MB (after GC at most %,d MB; committed at most %,d MB), %d GC pauses totalling %.0f ms | heap bounded by -Xmx%s |%n",
        o.heap, jarShown, url, imported.wallSeconds(), imported.cpuSeconds(), kbAsMb(imported.maxRssKb()), gc.peakUsedMb(), gc.peakLiveMb(), gc.peakCommittedMb(),
        gc.pauses(), gc.pauseMillis(), o.heap));
    s.append(String.format(Locale.ROOT, "| ratio Chainwatch / sqlite3 | (b) / (a), wall time | **%.2f** (CPU time: %.2f) | ≤ 1.0 %s |%n", ratio,
        imported.cpuSeconds() / baseline.cpuSeconds(), ratio <= 1.0 ? "(met)" : "(missed)"));
    s.append(String.format(Locale.ROOT, "| advisory import | `%s --db %s import incident.yaml` | %.2f s wall | |%n",
        jarShown, url, advisory.wallSeconds()));
    s.append(String.format(Locale.ROOT, "| (c) exposure | `%s --db %s exposure %s --format json > /dev/null`, median of %d | **%.2f s** wall (runs %s), median CPU %.2f s, peak RSS %s | < 1.5 s %s |%n",
        jarShown, url, PortfolioGenerator.INCIDENT_ID, runs.length, median, seconds(runs), medianCpu, kbAsMb(exposureRss), median < 1.5 ? "(met)" : "(missed)"));
    s.append(String.format(Locale.ROOT, "| exposure count | the same, output counted | %,d installations on %,d assets of %,d customers %s; planted %,d on %,d assets of %,d customers | equal: %s |%n",
        count.installations(), count.assets(), count.customers(), count.byStatus(), planted.affectedInstallations(),
        planted.affectedAssets(), planted.affectedCustomers(), countOk ? "yes" : "**no**"));
    if (breakdown != null) {
      s.append(String.format(Locale.ROOT, "| breakdown: SHA-256 of inventory.csv | in the bench JVM | %.2f s | |%n", breakdown.hashSeconds()));
      s.append(String.format(Locale.ROOT, "| breakdown: hash + parse only | `CHAINWATCH_JAVA_OPTS='-Xmx%s -XX:+UseParallelGC' %s --db ... import --dry-run inventory.csv` | %.2f s | |%n",
          o.heap, jarShown, breakdown.dryRunSeconds()));
      s.append(String.format(Locale.ROOT, "| breakdown: JVM start | `%s --help` | %.2f s | |%n", jarShown, breakdown.jvmStartSeconds()));
    }
    s.append("\n");

    replaceSection(file, SECTION, s.toString());
  }

  /** Writes {@code section} (starting with its heading) into the markdown file, in place of its earlier version. */
  static void replaceSection(Path file, String heading, String section) throws IOException {
    String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
    int at = text.indexOf(heading);
    if (at < 0) {
      text = text.endsWith("\n\n") ? text + section : text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
    } else {
      int next = text.indexOf("\n## ", at + heading.length());
      text = text.substring(0, at) + section + (next < 0 ? "" : text.substring(next + 1));
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String seconds(double[] runs) {
    StringBuilder b = new StringBuilder();
    for (double r : runs) b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", r));
    return b.toString();
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }

  private static String kbAsMb(long kb) {
    return kb < 0 ? "unknown" : String.format(Locale.ROOT, "%,d MB", kb / 1024);
  }

  /** The command-line options. */
  static final class Options {
    static final String USAGE = String.join("\n",
        "usage: chainwatch-bench/bench [options]   (run from the repository root)",
        "       chainwatch-bench/bench graph [options]   the trust-graph bench of issue 3 (graph --help)",
        "       chainwatch-bench/bench hunt [--gib F] ...   the hunting bench of issue 5 (hunt --help)",
        "  --customers N        customers to generate (1000)",
        "  --assets N           assets (100000)",
        "  --installations N    inventory rows (5000000)",
        "  --products N         catalogue size (400)",
        "  --incident-share F   share of rows the incident affects (0.01)",
        "  --seed N             generator seed (42)",
        "  --dir PATH           where data and databases go (bench-data)",
        "  --jar PATH           the Chainwatch jar (chainwatch-app/target/chainwatch.jar)",
        "  --heap SIZE          -Xmx of the import (512m)",
        "  --exposure-runs N    timed exposure runs (5)",
        "  --report PATH        the markdown file to write the section into (BENCHMARKS.md)",
        "  --no-report          print only",
        "  --reuse              keep an already generated portfolio of the same sizes and seed",
        "  --generate-only      write the files and stop",
        "  --breakdown          also time hashing, a dry-run import (parse only) and a bare JVM start",
        "  --jfr                record the import with Java Flight Recorder into DIR/import.jfr");

    int customers = 1000;
    int assets = 100_000;
    long installations = 5_000_000;
    int products = 400;
    double incidentShare = 0.01;
    long seed = 42;
    Path dir = Path.of("bench-data");
    Path jar = Path.of("chainwatch-app/target/chainwatch.jar");
    String heap = "512m";
    int exposureRuns = 5;
    @Nullable Path report = Path.of("BENCHMARKS.md");
    boolean reuse, generateOnly, breakdown, jfr, help;
    String commandLine = "";

    static Options parse(String[] args) {
      Options o = new Options();
      o.commandLine = String.join(" ", args);
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--reuse": o.reuse = true; continue;
          case "--generate-only": o.generateOnly = true; continue;
          case "--breakdown": o.breakdown = true; continue;
          case "--jfr": o.jfr = true; continue;
          case "--no-report": o.report = null; continue;
          case "--help": case "-h": o.help = true; continue;
          default:
        }
        if (i + 1 >= args.length) throw new IllegalArgumentException("unknown option or missing value: " + a);
        String v = args[++i];
        try {
          switch (a) {
            case "--customers": o.customers = Integer.parseInt(v); break;
            case "--assets": o.assets = Integer.parseInt(v); break;
            case "--installations": o.installations = Long.parseLong(v); break;
            case "--products": o.products = Integer.parseInt(v); break;
            case "--incident-share": o.incidentShare = Double.parseDouble(v); break;
            case "--seed": o.seed = Long.parseLong(v); break;
            case "--dir": o.dir = Path.of(v); break;
            case "--jar": o.jar = Path.of(v); break;
            case "--heap": o.heap = v; break;
            case "--exposure-runs": o.exposureRuns = Integer.parseInt(v); break;
            case "--report": o.report = Path.of(v); break;
            default: throw new IllegalArgumentException("unknown option " + a);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(a + " needs a number, not '" + v + "'");
        }
      }
      if (o.exposureRuns < 1) throw new IllegalArgumentException("--exposure-runs must be at least 1");
      if (o.products < 50) throw new IllegalArgumentException("--products must be at least 50");
      return o;
    }
  }
}
