package io.chainwatch.bench;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.TrustPathSearch;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trust-graph bench of issue 3. Generates a seeded graph of {@code --nodes} nodes and {@code --edges} edges (with
 * cycles) as {@code trust-edges.csv}, whose consumer end is the products of the issue 2 bench's {@link Catalog}, so
 * that a blast radius reaches installations of the generated portfolio; copies that bench's database, imports the
 * edges into the copy, and times {@code blast-radius} for the generated vendor whose reach is closest to a tenth of
 * the graph: inside one process (the path search alone and the whole service call, median of several runs) and as a
 * whole process through the launcher.
 *
 * <p>The graph. Nodes are ordered from consumers to suppliers: node {@code i} depends on ten nodes, 95 % of them
 * upstream within a window ({@code i < j <= i + window}) and 5 % a little downstream ({@code i - 50 <= j < i}), which
 * closes cycles. Catalog products are spread over the order by rank, the most installed at the consumer end, the long
 * tail at the supplier end, where the chosen vendor sits. Every other node is a release of an invented vendor (ten
 * nodes per vendor, first vendor words unique). The generator predicts the reach of a vendor (nodes within
 * {@link TrustPathSearch#DEFAULT_MAX_HOPS} hops against the edges) with its own breadth-first search, and the bench
 * checks the search's answer against it.
 *
 * <p>Run from the repository root after {@code mvn -q -DskipTests package}: {@code chainwatch-bench/bench graph [--dir
 * bench-data/graph] [--runs 15] [--reuse-db]} ({@link #USAGE} lists the rest). The 5,000,000-installation portfolio is
 * generated and imported once into {@code DIR/portfolio.sqlite}; {@code --reuse-db} also keeps the graph database.
 */
public final class GraphBench {
  private static final int PER_VENDOR = 10;
  private static final String[] RELATIONS = {"bundles", "bundles", "bundles", "built-with", "staff-use", "updates-via", "hosted-by"};

  private final int nodes;
  private final int edgesWanted;
  private final int window;
  private final long seed;
  private final Catalog catalog;
  private final int products;
  /** Node texts, and for each node its upstream targets (from depends on to). */
  private final String[] text;
  private int[][] out;

  private GraphBench(int nodes, int edges, int window, long seed, int products) {
    this.nodes = nodes;
    this.edgesWanted = edges;
    this.window = window;
    this.seed = seed;
    this.products = products;
    this.catalog = Catalog.create(seed, products);
    this.text = new String[nodes];
  }

  static final String USAGE = String.join("\n",
      "usage: chainwatch-bench/bench graph [options]",
      "  --dir PATH        where the portfolio, the graph and the databases go (bench-data/graph)",
      "  --source-db FILE  the issue 2 portfolio database to copy (DIR/portfolio.sqlite; generated and imported when missing)",
      "  --runs N          timed in-process runs (15); whole-process runs: a third of them, at least 3",
      "  --warmup N        untimed in-process calls after the cold first run, before the others (30)",
      "  --reuse-db        keep DIR/graph.sqlite when it already holds this graph (same sizes and seed)",
      "  --nodes N --edges N --window N --products N --seed N   the generated graph (100000, 1000000, 1100, 400, 42)",
      "  --generate-only   write trust-edges.csv and stop");

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("bench-data", "graph");
    Path sourceDb = null;
    int nodes = 100_000, edges = 1_000_000, window = 1_100, runs = 15, products = 400, warmup = 30;
    long seed = 42;
    boolean generateOnly = false, reuseDb = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--dir": dir = Path.of(value(args, ++i)); break;
          case "--source-db": sourceDb = Path.of(value(args, ++i)); break;
          case "--nodes": nodes = Integer.parseInt(value(args, ++i)); break;
          case "--edges": edges = Integer.parseInt(value(args, ++i)); break;
          case "--window": window = Integer.parseInt(value(args, ++i)); break;
          case "--runs": runs = Integer.parseInt(value(args, ++i)); break;
          case "--warmup": warmup = Integer.parseInt(value(args, ++i)); break;
          case "--products": products = Integer.parseInt(value(args, ++i)); break;
          case "--seed": seed = Long.parseLong(value(args, ++i)); break;
          case "--generate-only": generateOnly = true; break;
          case "--reuse-db": reuseDb = true; break;
          case "--help": case "-h": System.out.println(USAGE); return;
          default: throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (runs < 2) throw new IllegalArgumentException("--runs must be at least 2 (the first run is reported apart)");
    } catch (IllegalArgumentException e) {
      System.err.println("bench graph: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir);
    if (sourceDb == null) sourceDb = dir.resolve("portfolio.sqlite");
    try {
      new GraphBench(nodes, edges, window, seed, products).run(dir, sourceDb.toAbsolutePath(), runs, warmup, generateOnly, reuseDb);
    } catch (TimedProcess.BenchFailure e) {
      System.err.println("bench graph: " + e.getMessage());
      System.exit(1);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
    return args[i];
  }

  private String sizes() {
    return "nodes=" + nodes + " edges=" + edgesWanted + " window=" + window + " seed=" + seed + " products=" + products;
  }

  private void run(Path dir, Path sourceDb, int runs, int warmup, boolean generateOnly, boolean reuseDb) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    generate();
    Path csv = dir.resolve("trust-edges.csv");
    Path db = dir.resolve("graph.sqlite");
    Path marker = dir.resolve("graph.sizes");
    boolean reuse = reuseDb && Files.isRegularFile(db) && Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(sizes());
    long written = reuse && Files.isRegularFile(csv) ? edgesWanted : write(csv);
    int subject = chooseSubject();
    String vendor = vendorName(subject);
    int predicted = reach(subject);
    System.out.printf("Graph      %,d nodes, %,d edges, window %,d, seed %d: %s (%.1f MB) in %.1f s%n", nodes, written, window, seed, csv,
        Files.size(csv) / 1e6, (System.nanoTime() - t0) / 1e9);
    System.out.printf("Subject    vendor:%s, predicted reach %,d nodes (%.1f %% of the graph), catalog products reached: %s%n", vendor,
        predicted, 100.0 * predicted / nodes, reachedCatalog(subject));
    if (generateOnly) return;

    Path launcher = Path.of("chainwatch").toAbsolutePath();
    String url = "jdbc:sqlite:" + db;
    if (reuse) {
      System.out.println("Reusing    " + db + " (" + sizes() + ")");
    } else {
      if (!Files.isRegularFile(sourceDb)) portfolio(dir, sourceDb, launcher);
      Files.deleteIfExists(marker);
      Files.copy(sourceDb, db, StandardCopyOption.REPLACE_EXISTING);
      TimedProcess.Result imported = TimedProcess.run(List.of(launcher.toString(), "--db", url, "import", csv.toString()), dir, null,
          dir.resolve("graph-import.out"), dir.resolve("graph-import.err"), Map.of()).orFail("importing the trust edges");
      System.out.printf("Import     %.2f s wall, %.2f s CPU, peak RSS %,d MB: %s%n", imported.wallSeconds(), imported.cpuSeconds(),
          imported.maxRssKb() / 1024, Files.readString(dir.resolve("graph-import.out"), StandardCharsets.UTF_8).trim());
      Files.writeString(marker, sizes() + "\n", StandardCharsets.UTF_8);
    }

    NodeRef start = NodeRef.vendor(vendor);
    try (Chainwatch cw = Chainwatch.open(url, Clock.systemUTC())) {
      TrustPathSearch search = new TrustPathSearch(cw.trustGraph());
      double[] searchMs = new double[runs];
      double[] serviceMs = new double[runs];
      // CPU time of this thread too: on a shared machine the wall time measures the neighbours as much as the code.
      java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
      double[] searchCpuMs = new double[runs];
      double[] serviceCpuMs = new double[runs];
      int reached = 0;
      long listed = 0;
      int customers = 0;
      for (int r = 0; r < runs; r++) {
        // After the cold first run, untimed warm-up calls as JMH makes them: the JIT compiles the search and the
        // service while they run, and a long-running process (the API) answers from compiled code.
        if (r == 1) {
          for (int w = 0; w < warmup; w++) {
            search.reach(List.of(start), null, TrustPathSearch.DEFAULT_MAX_HOPS);
            cw.blastRadius().blastRadius(start, null);
          }
        }
        long ca = cpu.getCurrentThreadCpuTime();
        long a = System.nanoTime();
        Map<NodeKey, TrustPathSearch.Reached> found = search.reach(List.of(start), null, TrustPathSearch.DEFAULT_MAX_HOPS);
        long b = System.nanoTime();
        long cb = cpu.getCurrentThreadCpuTime();
        ExposureReport report = cw.blastRadius().blastRadius(start, null);
        long c = System.nanoTime();
        long cc = cpu.getCurrentThreadCpuTime();
        searchCpuMs[r] = (cb - ca) / 1e6;
        serviceCpuMs[r] = (cc - cb) / 1e6;
        searchMs[r] = (b - a) / 1e6;
        serviceMs[r] = (c - b) / 1e6;
        reached = found.size();
        listed = report.customers().stream().mapToLong(x -> x.installations().size()).sum();
        customers = report.customers().size();
      }
      System.out.printf("In process path search: %,d nodes reached (predicted %,d: %s); runs %s ms; first (cold) %.1f ms, median of the"
          + " rest after %d warm-up calls %.1f ms%n", reached, predicted, reached == predicted ? "equal" : "DIFFERENT", fmt(searchMs), searchMs[0], warmup, medianOfRest(searchMs));
      System.out.printf("In process blastRadius(): %,d installations of %,d customers; runs %s ms; first %.1f ms, median of the rest %.1f ms"
          + " (target < 50 ms)%n", listed, customers, fmt(serviceMs), serviceMs[0], medianOfRest(serviceMs));
      System.out.printf("In process CPU time of the thread: path search median of the rest %.1f ms (runs %s); blastRadius() median of"
          + " the rest %.1f ms (runs %s)%n", medianOfRest(searchCpuMs), fmt(searchCpuMs), medianOfRest(serviceCpuMs), fmt(serviceCpuMs));
    }

    List<String> command = List.of(launcher.toString(), "--db", url, "blast-radius", "--vendor", vendor, "--format", "json");
    double[] wall = new double[Math.max(3, runs / 3)];
    for (int r = 0; r < wall.length; r++) {
      TimedProcess.Result p = TimedProcess.run(command, dir, null, r == 0 ? dir.resolve("graph-blast.json") : Path.of("/dev/null"),
          dir.resolve("graph-blast.err"), Map.of()).orFail("blast-radius");
      wall[r] = p.wallSeconds();
      if (r == 0) System.out.printf("Process    first run %.2f s wall, %.2f s CPU, peak RSS %,d MB, output %.1f MB%n", p.wallSeconds(),
          p.cpuSeconds(), p.maxRssKb() / 1024, Files.size(dir.resolve("graph-blast.json")) / 1e6);
    }
    double[] sorted = wall.clone();
    Arrays.sort(sorted);
    System.out.printf("Process    %s > /dev/null: runs %s s, median %.2f s (target < 3 s)%n", String.join(" ", command), fmt(wall),
        sorted[sorted.length / 2]);
  }

  /** The issue 2 portfolio (5,000,000 installations), generated and imported once into {@code db}. */
  private static void portfolio(Path dir, Path db, Path launcher) throws IOException, InterruptedException {
    PortfolioGenerator.Sizes sizes = new PortfolioGenerator.Sizes(1_000, 100_000, 5_000_000, 400, 0.01, 42);
    System.out.println("Portfolio  generating " + sizes + " into " + dir);
    PortfolioGenerator.Planted planted = new PortfolioGenerator(sizes, System.out).write(dir);
    TimedProcess.Result imported = TimedProcess.run(List.of(launcher.toString(), "--db", "jdbc:sqlite:" + db, "import", "customers.csv",
        "inventory.csv"), dir, null, dir.resolve("portfolio-import.out"), dir.resolve("portfolio-import.err"), Map.of())
        .orFail("importing the portfolio");
    System.out.printf("Portfolio  %,d installations imported in %.1f s%n", planted.rows(), imported.wallSeconds());
  }

  /** Node texts and edges, seeded. */
  private void generate() {
    SplittableRandom random = new SplittableRandom(seed);
    List<Catalog.Product> list = catalog.products();
    boolean[] isCatalog = new boolean[nodes];
    for (int r = 0; r < list.size(); r++) {
      // Rank 1 at the consumer end, the tail towards the supplier end (but below the last window, which has no upstream).
      int at = (int) ((long) r * (nodes - 2L * window) / list.size());
      Catalog.Product p = list.get(r);
      text[at] = "product:" + p.vendor() + "/" + p.name();
      isCatalog[at] = true;
    }
    for (int i = 0; i < nodes; i++) {
      if (isCatalog[i]) continue;
      int k = i % PER_VENDOR;
      text[i] = "release:" + vendorName(i) + "/Lib" + (k / 2) + "@" + (1 + k % 2) + ".0";
    }
    int perNode = edgesWanted / nodes;
    int extra = edgesWanted % nodes;
    out = new int[nodes][];
    for (int i = 0; i < nodes; i++) {
      int degree = perNode + (i < extra ? 1 : 0);
      int[] targets = new int[degree];
      int n = 0;
      while (n < degree) {
        int j;
        if (random.nextInt(100) < 5 || i >= nodes - 1) {
          j = i - 1 - random.nextInt(50);
        } else {
          j = i + 1 + random.nextInt(Math.min(window, nodes - 1 - i));
        }
        if (j < 0 || j == i || sameVendor(i, j) || contains(targets, n, j)) continue;
        targets[n++] = j;
      }
      out[i] = targets;
    }
  }

  /** Two nodes of one invented vendor are not joined: an edge inside one vendor says nothing about the supply chain. */
  private boolean sameVendor(int a, int b) {
    return a / PER_VENDOR == b / PER_VENDOR;
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) if (a[i] == v) return true;
    return false;
  }

  private static String vendorName(int node) {
    return String.format("Gv%05d Labs", node / PER_VENDOR);
  }

  private long write(Path csv) throws IOException {
    SplittableRandom random = new SplittableRandom(seed + 1);
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("from,relation,to,confidence,valid_from,valid_to,source\n");
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < nodes; i++) {
        for (int j : out[i]) {
          line.setLength(0);
          Csv.appendField(line, text[i]);
          line.append(',').append(RELATIONS[random.nextInt(RELATIONS.length)]).append(',');
          Csv.appendField(line, text[j]);
          line.append(',').append(50 + random.nextInt(51)).append(",,,bench\n");
          w.append(line);
          n++;
        }
      }
    }
    return n;
  }

  /**
   * What the search should list from {@code vendor:} of the subject: the vendor itself, and every node that has an edge
   * into one of the vendor's nodes or into a node so reached, within the hop bound (the vendor's own nodes only when
   * an edge reaches them too).
   */
  private int reach(int subject) {
    int[][] in = incoming();
    int[] hops = new int[nodes];
    Arrays.fill(hops, -1);
    boolean[] byEdge = new boolean[nodes];
    int[] queue = new int[nodes];
    int head = 0, tail = 0;
    int first = subject / PER_VENDOR * PER_VENDOR;
    for (int i = first; i < Math.min(nodes, first + PER_VENDOR); i++) {
      if (text[i].startsWith("release:" + vendorName(subject) + "/")) {
        hops[i] = 0;
        queue[tail++] = i;
      }
    }
    int reached = 1;
    while (head < tail) {
      int v = queue[head++];
      if (hops[v] == TrustPathSearch.DEFAULT_MAX_HOPS) continue;
      for (int u : in[v]) {
        if (!byEdge[u]) {
          byEdge[u] = true;
          reached++;
        }
        if (hops[u] < 0) {
          hops[u] = hops[v] + 1;
          queue[tail++] = u;
        }
      }
    }
    return reached;
  }

  private int[][] incoming;

  private int[][] incoming() {
    if (incoming != null) return incoming;
    int[] count = new int[nodes];
    for (int[] t : out) for (int j : t) count[j]++;
    int[][] in = new int[nodes][];
    for (int i = 0; i < nodes; i++) in[i] = new int[count[i]];
    Arrays.fill(count, 0);
    for (int i = 0; i < nodes; i++) for (int j : out[i]) in[j][count[j]++] = i;
    incoming = in;
    return in;
  }

  /** The invented vendor whose reach is closest to a tenth of the graph, searched towards the supplier end. */
  private int chooseSubject() {
    int target = nodes / 10;
    int best = -1, bestDiff = Integer.MAX_VALUE;
    for (int v = nodes - 2 * window; v > nodes / 2; v -= PER_VENDOR * 37) {
      if (!text[v].startsWith("release:")) continue;
      int reach = reach(v);
      int diff = Math.abs(reach - target);
      if (diff < bestDiff) {
        best = v;
        bestDiff = diff;
      }
      if (reach > target * 1.3) break;
    }
    return best;
  }

  private String reachedCatalog(int subject) {
    int[][] in = incoming();
    boolean[] seen = new boolean[nodes];
    List<Integer> frontier = new ArrayList<>();
    int first = subject / PER_VENDOR * PER_VENDOR;
    for (int i = first; i < Math.min(nodes, first + PER_VENDOR); i++) {
      if (text[i].startsWith("release:" + vendorName(subject) + "/")) {
        seen[i] = true;
        frontier.add(i);
      }
    }
    for (int h = 0; h < TrustPathSearch.DEFAULT_MAX_HOPS; h++) {
      List<Integer> next = new ArrayList<>();
      for (int v : frontier) for (int u : in[v]) if (!seen[u]) {
        seen[u] = true;
        next.add(u);
      }
      frontier = next;
    }
    int count = 0;
    for (int i = 0; i < nodes; i++) if (seen[i] && text[i].startsWith("product:")) count++;
    return count + " of " + products;
  }

  private static String fmt(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) b.append(b.length() == 0 ? "" : ", ").append(String.format(v < 10 ? "%.2f" : "%.1f", v));
    return b.toString();
  }

  private static double medianOfRest(double[] values) {
    if (values.length == 1) return values[0];
    double[] rest = Arrays.copyOfRange(values, 1, values.length);
    Arrays.sort(rest);
    return rest[rest.length / 2];
  }
}
