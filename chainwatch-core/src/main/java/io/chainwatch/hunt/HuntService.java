package io.chainwatch.hunt;

import io.chainwatch.common.CountingInputStream;
import io.chainwatch.common.Progress;
import io.chainwatch.ingest.Head;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorFilter;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.portfolio.AssetDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a hunt: reads every file under the given paths with the reader its content calls for, passes each event to
 * the detectors, groups their hits into sightings by detector, indicator, customer and host, and stores the result.
 *
 * <p>Memory stays bounded whatever the input: files are streamed one event at a time ({@code .gz} decompressed on the
 * fly), and each sighting keeps at most {@link #MAX_EVIDENCE} examples. What grows is the number of distinct
 * sightings, which is bounded by indicators × hosts. Time is bounded too: a compressed file is read up to
 * {@link #EXPANSION_RATIO} times its size or {@link #EXPANSION_MINIMUM} bytes, whichever is more, and the rest of it
 * is reported as an {@code expansion-bound} problem (a gzip bomb), not read.
 */
public final class HuntService {
  public static final int MAX_EVIDENCE = 5;
  /** A compressed file may expand this many times its size (real logs compress 10 to 20 times)... */
  public static final int EXPANSION_RATIO = 100;
  /** ...or to this many bytes, whichever is more. */
  public static final long EXPANSION_MINIMUM = 1L << 30;
  private static final int MAX_PROBLEM_EXAMPLES = 10;

  private final List<TelemetryReader> readers;
  private final IntelRepository intel;
  private final AssetDirectory assets;
  private final HuntRepository hunts;
  private final Clock clock;
  private final int parallelism;
  private final int chunkBytes;
  private final long expansionMinimum;

  public HuntService(List<TelemetryReader> readers, IntelRepository intel, AssetDirectory assets, HuntRepository hunts,
      Clock clock) {
    this(readers, intel, assets, hunts, clock, Runtime.getRuntime().availableProcessors(), 8 << 20, EXPANSION_MINIMUM);
  }

  private HuntService(List<TelemetryReader> readers, IntelRepository intel, AssetDirectory assets, HuntRepository hunts,
      Clock clock, int parallelism, int chunkBytes, long expansionMinimum) {
    this.readers = List.copyOf(readers);
    this.intel = intel;
    this.assets = assets;
    this.hunts = hunts;
    this.clock = clock;
    this.parallelism = parallelism;
    this.chunkBytes = chunkBytes;
    this.expansionMinimum = expansionMinimum;
  }

  /**
   * The same service scanning with {@code parallelism} threads in chunks of {@code chunkBytes} where a reader can
   * ({@link ParallelReader}); 0 threads reads every file event by event. The results are the same either way.
   */
  public HuntService scanning(int parallelism, int chunkBytes) {
    return new HuntService(readers, intel, assets, hunts, clock, parallelism, chunkBytes, expansionMinimum);
  }

  /** The same service with another least expansion bound of compressed files (tests use a small one). */
  public HuntService expansionMinimum(long bytes) {
    return new HuntService(readers, intel, assets, hunts, clock, parallelism, chunkBytes, bytes);
  }

  /** The indicators a hunt looks for: huntable, and on no warninglist (those would drown the hunt in noise). */
  public List<Indicator> indicators(@Nullable String incident) {
    List<Indicator> out = new ArrayList<>();
    for (NormalisedIndicator n : intel.indicators(new IndicatorFilter(incident, null, null))) {
      if (n.huntable() && n.likelyFalsePositive().isEmpty()) out.add(n.indicator());
    }
    return out;
  }

  /**
   * Hunts and stores the result.
   *
   * @param rules further detectors (Sigma rules), already loaded
   */
  public HuntResult hunt(HuntParameters parameters, List<Detector> rules, Progress progress) {
    return hunt(parameters, rules, List.of(), progress);
  }

  /**
   * Hunts and stores the result.
   *
   * @param rules further detectors (Sigma rules), already loaded; counted as the hunt's rules
   * @param analytics detectors that are no rules (beaconing)
   */
  public HuntResult hunt(HuntParameters parameters, List<Detector> rules, List<Detector> analytics, Progress progress) {
    Instant started = clock.instant();
    IndicatorDetector ioc = new IndicatorDetector(intel.huntable(parameters.incident()));
    List<Detector> detectors = new ArrayList<>();
    if (ioc.size() > 0) detectors.add(ioc);
    detectors.addAll(rules);
    detectors.addAll(analytics);
    // Files a reader can scan in parallel are scanned so when every detector is one the scan can feed: the indicator
    // detector (through its pre-test) and connection analytics. Sigma rules need every event whole.
    boolean parallel = parallelism > 0 && rules.isEmpty() && analytics.stream().allMatch(Detector::readsConnectionsOnly);
    ExecutorService pool = parallel ? Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "hunt-scan");
      t.setDaemon(true);
      return t;
    }) : null;
    ScanPlan plan = pool == null ? null : new ScanPlan(ioc.size() > 0 ? ioc.prefilter() : null, !analytics.isEmpty(),
        parameters.since(), parameters.until(), pool, parallelism, chunkBytes);
    Run run = new Run(readers, detectors, analytics, new HostResolver(assets, parameters.customer()), parameters, plan,
        expansionMinimum);
    try {
      return hunt(parameters, run, started, ioc.size(), rules.size(), progress);
    } finally {
      if (pool != null) pool.shutdownNow();
    }
  }

  private HuntResult hunt(HuntParameters parameters, Run run, Instant started, int indicators, int rules, Progress progress) {
    List<Path> files = files(parameters.logs());
    long total = 0;
    for (Path f : files) total += size(f);
    long base = 0;
    int index = 0;
    for (Path f : files) {
      index++;
      long offset = base;
      long grand = total;
      String label = f.getFileName() + " (" + index + "/" + files.size() + ")";
      Progress perFile = (l, done, t) -> progress.update(label, offset + done, grand);
      run.file(f, perFile);
      base += size(f);
      progress.update(label, base, total);
    }
    run.finish();
    HuntResult result = new HuntResult(0, started, clock.instant(), parameters, indicators, rules,
        withoutWarninglisted(run.sightings()), run.stats(files.size(), base));
    long id = hunts.save(result);
    return new HuntResult(id, result.started(), result.finished(), parameters, result.indicators(), result.rules(),
        result.sightings(), result.stats());
  }

  /**
   * The sightings less those of indicators on a warninglist (they would drown the hunt in noise). Checked for the
   * indicators seen only, not for every indicator before the hunt: that would cost more than the hunt itself.
   */
  private List<Sighting> withoutWarninglisted(List<Sighting> sightings) {
    Map<Indicator, Boolean> listed = new HashMap<>();
    List<Sighting> out = new ArrayList<>();
    for (Sighting s : sightings) {
      if (s.detector().equals(IndicatorDetector.DETECTOR) && listed.computeIfAbsent(new Indicator(s.indicatorType(),
          s.indicatorValue()), i -> !intel.warninglists(i).isEmpty())) continue;
      out.add(s);
    }
    return out;
  }

  /** Every regular file under the paths, directories walked recursively in name order. */
  static List<Path> files(List<String> paths) {
    List<Path> out = new ArrayList<>();
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + path, e);
        }
      } else if (Files.isRegularFile(path)) {
        out.add(path);
      } else {
        throw new io.chainwatch.ingest.InputRejected(p, null, "no such file or folder");
      }
    }
    return out;
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The state of one hunt. */
  private static final class Run implements ScanSink {
    private final List<TelemetryReader> readers;
    private final List<Detector> detectors;
    private final List<Detector> analytics;
    private final @Nullable ScanPlan plan;
    private final long expansionMinimum;
    private final HostResolver hosts;
    private final @Nullable Instant since;
    private final @Nullable Instant until;
    private final Map<String, Builder> sightings = new LinkedHashMap<>();
    private final Map<String, Long> problems = new TreeMap<>();
    private final List<ReadProblem> examples = new ArrayList<>();
    private long events;
    private long outside;
    private @Nullable TelemetryEvent current;

    Run(List<TelemetryReader> readers, List<Detector> detectors, List<Detector> analytics, HostResolver hosts,
        HuntParameters p, @Nullable ScanPlan plan, long expansionMinimum) {
      this.expansionMinimum = expansionMinimum;
      this.readers = readers;
      this.detectors = detectors;
      this.analytics = analytics;
      this.plan = plan;
      this.hosts = hosts;
      this.since = p.since();
      this.until = p.until();
    }

    void file(Path f, Progress progress) {
      String name = f.toString();
      try (InputStream raw = Files.newInputStream(f)) {
        InputStream in = new BufferedInputStream(new CountingInputStream(raw, progress, name, -1), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        String headName = f.getFileName().toString();
        boolean compressed = b0 == 0x1f && b1 == 0x8b;
        if (compressed) {
          long bound = Math.max(expansionMinimum, EXPANSION_RATIO * size(f));
          in = new BufferedInputStream(new Bounded(new GZIPInputStream(in, 1 << 16), bound, () -> problem(new ReadProblem(name, 0,
              ReadProblem.EXPANSION_BOUND, "expands beyond " + bound + " bytes (" + EXPANSION_RATIO
              + " times its size, at least " + expansionMinimum + "): the rest is not read"))), 1 << 16);
          if (headName.endsWith(".gz")) headName = headName.substring(0, headName.length() - 3);
        }
        in.mark(Head.SIZE);
        byte[] head = in.readNBytes(Head.SIZE);
        in.reset();
        TelemetryReader reader = null;
        Head h = new Head(headName, head);
        for (TelemetryReader r : readers) {
          if (r.accepts(h)) {
            reader = r;
            break;
          }
        }
        if (reader == null) {
          if (head.length > 0) problem(new ReadProblem(name, 0, ReadProblem.UNKNOWN_FORMAT, "no telemetry reader recognises this file"));
          return;
        }
        if (plan != null && !compressed && reader instanceof ParallelReader) {
          ((ParallelReader) reader).scan(f, name, plan, this, progress);
          return;
        }
        reader.read(name, in, this);
      } catch (IOException e) {
        problem(new ReadProblem(name, 0, ReadProblem.CORRUPT, "cannot be read: " + e.getMessage()));
      }
    }

    @Override
    public void event(TelemetryEvent e) {
      if (!inWindow(e)) return;
      current = e;
      for (Detector d : detectors) d.inspect(e, this::hit);
    }

    @Override
    public void connection(TelemetryEvent e) {
      if (!inWindow(e)) return;
      current = e;
      for (Detector d : analytics) d.inspect(e, this::hit);
    }

    /** Counts the event in the window or outside it. */
    private boolean inWindow(TelemetryEvent e) {
      Instant t = e.time();
      if (t != null && ((since != null && t.isBefore(since)) || (until != null && t.isAfter(until)))) {
        outside++;
        return false;
      }
      events++;
      return true;
    }

    @Override
    public void skipped(long inWindow, long outsideWindow) {
      events += inWindow;
      outside += outsideWindow;
    }

    private void hit(Hit h) {
      TelemetryEvent e = current;
      if (e == null) return;
      HostResolver.Host host = hosts.resolve(e);
      String key = h.detector() + '\n' + h.indicatorType() + '\n' + h.indicatorValue() + '\n' + host.customer() + '\n' + host.name();
      Builder b = sightings.computeIfAbsent(key, k -> new Builder(h, host));
      b.add(e, h);
    }

    /** Collects what the detectors found over many events. */
    void finish() {
      for (Detector d : detectors) d.finish(this::finding);
    }

    private void finding(Finding f) {
      HostResolver.Host host = hosts.resolve(f.representative());
      Hit h = f.hit();
      String key = h.detector() + '\n' + h.indicatorType() + '\n' + h.indicatorValue() + '\n' + host.customer() + '\n' + host.name();
      Builder b = sightings.computeIfAbsent(key, k -> new Builder(h, host));
      b.add(f);
    }

    @Override
    public void problem(ReadProblem p) {
      problems.merge(p.kind(), 1L, Long::sum);
      if (examples.size() < MAX_PROBLEM_EXAMPLES) examples.add(p);
    }

    List<Sighting> sightings() {
      List<Sighting> out = new ArrayList<>();
      for (Builder b : sightings.values()) out.add(b.build());
      out.sort(Comparator.comparing(Sighting::detector).thenComparing(Sighting::indicatorType)
          .thenComparing(Sighting::indicatorValue).thenComparing(s -> String.valueOf(s.customer())).thenComparing(Sighting::host));
      return out;
    }

    HuntStats stats(long files, long bytes) {
      return new HuntStats(files, events, bytes, outside, problems, examples);
    }
  }

  /** A stream that ends after {@code bound} bytes, telling once that it cut the input short. */
  private static final class Bounded extends java.io.FilterInputStream {
    private final long bound;
    private final Runnable cut;
    private long read;
    private boolean told;

    Bounded(InputStream in, long bound, Runnable cut) {
      super(in);
      this.bound = bound;
      this.cut = cut;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (read >= bound) {
        // more than the bound: the input is cut here if there is anything left
        if (!told && in.read() >= 0) {
          told = true;
          cut.run();
        }
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, bound - read));
      if (n > 0) read += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return super.skip(Math.min(n, Math.max(0, bound - read)));
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  private static final class Builder {
    final Hit first;
    final HostResolver.Host host;
    @Nullable Instant firstSeen;
    @Nullable Instant lastSeen;
    long count;
    final List<Evidence> evidence = new ArrayList<>();

    Builder(Hit first, HostResolver.Host host) {
      this.first = first;
      this.host = host;
    }

    void add(TelemetryEvent e, Hit h) {
      count++;
      Instant t = e.time();
      if (t != null) {
        if (firstSeen == null || t.isBefore(firstSeen)) firstSeen = t;
        if (lastSeen == null || t.isAfter(lastSeen)) lastSeen = t;
      }
      if (evidence.size() < MAX_EVIDENCE) evidence.add(new Evidence(e.file(), e.line(), h.field(), h.value()));
    }

    void add(Finding f) {
      count += f.count();
      if (f.firstSeen() != null && (firstSeen == null || f.firstSeen().isBefore(firstSeen))) firstSeen = f.firstSeen();
      if (f.lastSeen() != null && (lastSeen == null || f.lastSeen().isAfter(lastSeen))) lastSeen = f.lastSeen();
      for (Evidence e : f.evidence()) {
        if (evidence.size() < MAX_EVIDENCE) evidence.add(e);
      }
    }

    Sighting build() {
      return new Sighting(first.detector(), first.indicatorType(), first.indicatorValue(), first.level(), host.customer(),
          host.name(), firstSeen, lastSeen, count, evidence);
    }
  }
}
