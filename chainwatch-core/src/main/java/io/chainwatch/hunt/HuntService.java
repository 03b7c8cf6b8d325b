package io.chainwatch.hunt;

import io.chainwatch.common.Progress;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorFilter;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.portfolio.AssetDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Runs a hunt: reads every file under the given paths with the reader its content calls for, passes each event to
 * the detectors, groups their hits into sightings by detector, indicator, customer and host, and stores the result.
 *
 * <p>Memory stays bounded whatever the input: files are streamed one event at a time ({@code .gz} decompressed on the
 * fly, up to a bound: {@link TelemetryFiles}), and each sighting keeps at most {@link #MAX_EVIDENCE} examples. What
 * grows is the number of distinct sightings, which is bounded by indicators × hosts. Files a reader can scan in
 * parallel ({@link ParallelReader}) are scanned so, with the same result.
 */
public final class HuntService {
  public static final int MAX_EVIDENCE = 5;
  private static final int MAX_PROBLEM_EXAMPLES = 10;

  private final List<TelemetryReader> readers;
  private final IntelRepository intel;
  private final AssetDirectory assets;
  private final HuntRepository hunts;
  private final Clock clock;
  private final HuntFollowUp followUp;
  private final int parallelism;
  private final int chunkBytes;
  private final long expansionMinimum;

  public HuntService(List<TelemetryReader> readers, IntelRepository intel, AssetDirectory assets, HuntRepository hunts,
      Clock clock) {
    this(readers, intel, assets, hunts, clock, HuntFollowUp.NONE);
  }

  /** @param followUp sets suppressed sightings apart and triages the stored hunt in the transaction that stores it */
  public HuntService(List<TelemetryReader> readers, IntelRepository intel, AssetDirectory assets, HuntRepository hunts,
      Clock clock, HuntFollowUp followUp) {
    this(readers, intel, assets, hunts, clock, followUp, Runtime.getRuntime().availableProcessors(), 8 << 20,
        TelemetryFiles.EXPANSION_MINIMUM);
  }

  private HuntService(List<TelemetryReader> readers, IntelRepository intel, AssetDirectory assets, HuntRepository hunts,
      Clock clock, HuntFollowUp followUp, int parallelism, int chunkBytes, long expansionMinimum) {
    this.parallelism = parallelism;
    this.chunkBytes = chunkBytes;
    this.expansionMinimum = expansionMinimum;
    this.followUp = followUp;
    this.readers = List.copyOf(readers);
    this.intel = intel;
    this.assets = assets;
    this.hunts = hunts;
    this.clock = clock;
  }

  /**
   * The same service scanning with {@code parallelism} threads in chunks of {@code chunkBytes} where a reader can
   * ({@link ParallelReader}); 0 threads reads every file event by event. The results are the same either way.
   */
  public HuntService scanning(int parallelism, int chunkBytes) {
    return new HuntService(readers, intel, assets, hunts, clock, followUp, parallelism, chunkBytes, expansionMinimum);
  }

  /** The same service with another least expansion bound of compressed files (tests use a small one). */
  public HuntService expansionMinimum(long bytes) {
    return new HuntService(readers, intel, assets, hunts, clock, followUp, parallelism, chunkBytes, bytes);
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
    return hunt(parameters, null, rules, analytics, progress);
  }

  /**
   * The indicator detector of a hunt for {@code incident}'s indicators (all known ones when null): every huntable
   * indicator, indexed for the scan. Building it is the larger part of a hunt's start.
   */
  public IndicatorDetector indicatorDetector(@Nullable String incident) {
    return indicatorDetector(intel, incident);
  }

  /** {@link #indicatorDetector(String)} from these indicators, without a service. */
  public static IndicatorDetector indicatorDetector(IntelRepository intel, @Nullable String incident) {
    return new IndicatorDetector(intel.huntable(incident));
  }

  /**
   * Hunts and stores the result.
   *
   * @param indicators the {@link #indicatorDetector} of the parameters' incident when it was built beforehand (on
   *     another thread, while the command line was read), else null
   * @param rules further detectors (Sigma rules), already loaded; counted as the hunt's rules
   * @param analytics detectors that are no rules (beaconing)
   */
  public HuntResult hunt(HuntParameters parameters, @Nullable IndicatorDetector indicators, List<Detector> rules,
      List<Detector> analytics, Progress progress) {
    return hunt(parameters, indicators, rules, analytics, progress, r -> {});
  }

  /**
   * Hunts and stores the result, as {@link #hunt(HuntParameters, IndicatorDetector, List, List, Progress)}.
   *
   * @param numbered told the result with its id as soon as the store has given one, while the sightings are still being
   *     written (not yet committed: see {@link HuntRepository#save(HuntResult, java.util.function.LongConsumer,
   *     java.util.function.LongConsumer)}), so that a caller can render it meanwhile
   */
  public HuntResult hunt(HuntParameters parameters, @Nullable IndicatorDetector indicators, List<Detector> rules,
      List<Detector> analytics, Progress progress, java.util.function.Consumer<HuntResult> numbered) {
    Instant started = clock.instant();
    IndicatorDetector ioc = indicators != null ? indicators : indicatorDetector(parameters.incident());
    List<Detector> detectors = new ArrayList<>();
    if (ioc.size() > 0) detectors.add(ioc);
    detectors.addAll(rules);
    detectors.addAll(analytics);
    // Files a reader can scan in parallel are scanned so when every detector is one the scan can feed: the indicator
    // detector (through its pre-test) and connection analytics. Sigma rules need every event whole.
    boolean parallel = parallelism > 0 && rules.isEmpty() && analytics.stream().allMatch(d -> d instanceof ConnectionDetector);
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
      return hunt(parameters, run, started, ioc.size(), rules.size(), progress, numbered);
    } finally {
      if (pool != null) pool.shutdownNow();
    }
  }

  private HuntResult hunt(HuntParameters parameters, Run run, Instant started, int indicators, int rules, Progress progress,
      java.util.function.Consumer<HuntResult> numbered) {
    List<Path> files = files(parameters.logs());
    long total = 0;
    for (Path f : files) total += size(f);
    for (Detector d : run.detectors) d.expect(total);
    long base = 0;
    int index = 0;
    // a compressed file scanned in parallel is decompressed first: the next one is, while this one is scanned
    Decompressed next = run.plan == null || files.isEmpty() ? null : Decompressed.ahead(files.get(0), readers, expansionMinimum);
    try {
      for (Path f : files) {
        index++;
        long offset = base;
        long grand = total;
        String label = f.getFileName() + " (" + index + "/" + files.size() + ")";
        Progress perFile = (l, done, t) -> progress.update(label, offset + done, grand);
        Decompressed current = next;
        next = run.plan == null || index >= files.size() ? null : Decompressed.ahead(files.get(index), readers, expansionMinimum);
        try {
          run.file(f, perFile, current);
        } finally {
          if (current != null) current.close();
        }
        base += size(f);
        progress.update(label, base, total);
      }
    } finally {
      if (next != null) next.close();
    }
    run.finish();
    List<Sighting> kept = new ArrayList<>();
    List<Sighting> suppressed = new ArrayList<>();
    for (Sighting s : withoutWarninglisted(run.sightings())) (followUp.suppressed(s) ? suppressed : kept).add(s);
    HuntResult result = new HuntResult(0, started, clock.instant(), parameters, indicators, rules,
        kept, run.stats(files.size(), base), suppressed);
    long id = hunts.save(result, stored -> numbered.accept(result.withId(stored)),
        stored -> followUp.stored(result.withId(stored)));
    return result.withId(id);
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
    return TelemetryFiles.files(paths);
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
      this.readers = readers;
      this.detectors = detectors;
      this.analytics = analytics;
      this.plan = plan;
      this.expansionMinimum = expansionMinimum;
      this.hosts = hosts;
      this.since = p.since();
      this.until = p.until();
    }

    void file(Path f, Progress progress, @Nullable Decompressed ahead) {
      TelemetryFiles.read(f, readers, this, progress, plan, expansionMinimum, ahead);
    }

    @Override
    public void event(TelemetryEvent e) {
      if (!inWindow(e)) return;
      current = e;
      for (Detector d : detectors) d.inspect(e, this::hit);
    }

    @Override
    public void connections(ConnectionBatch batch, int from, int to) {
      events += to - from;
      for (Detector d : analytics) ((ConnectionDetector) d).connections(batch, from, to);
    }

    @Override
    public void skipped(long inWindow, long outsideWindow) {
      events += inWindow;
      outside += outsideWindow;
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
      List<Finding> found = new ArrayList<>();
      for (Detector d : detectors) d.finish(found::add);
      List<TelemetryEvent> representatives = new ArrayList<>(found.size());
      for (Finding f : found) representatives.add(f.representative());
      hosts.prefetch(representatives);
      for (Finding f : found) finding(f);
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
      // by kind of detector (ioc, sigma, beacon), the most severe first (a hunt of a busy network may report hundreds of
      // beacons, and a rule set's critical rules matter before its informational ones), then by what
      out.sort(Run::order);
      return out;
    }

    /**
     * The order of {@link #sightings}. Written out rather than chained from {@code Comparator.comparing}: the JDK's
     * comparators are serialisable lambdas, which the launcher's class archive cannot hold, and each was spun at the end
     * of every hunt.
     */
    private static int order(Sighting a, Sighting b) {
      int c = family(a.detector()).compareTo(family(b.detector()));
      if (c == 0) c = Integer.compare(severity(a.level()), severity(b.level()));
      if (c == 0) c = a.detector().compareTo(b.detector());
      if (c == 0) c = a.indicatorType().compareTo(b.indicatorType());
      if (c == 0) c = a.indicatorValue().compareTo(b.indicatorValue());
      if (c == 0) c = String.valueOf(a.customer()).compareTo(String.valueOf(b.customer()));
      if (c == 0) c = a.host().compareTo(b.host());
      return c;
    }

    /** The kind of detector: {@code sigma} for every {@code sigma:<rule id>}. */
    private static String family(String detector) {
      int colon = detector.indexOf(':');
      return colon < 0 ? detector : detector.substring(0, colon);
    }

    /** Sigma's levels and the beacon detector's, most severe first; none (an indicator's sighting) last. */
    private static int severity(@Nullable String level) {
      if (level == null) return 5;
      switch (level) {
        case "critical": return 0;
        case "high": return 1;
        case "medium": return 2;
        case "low": return 3;
        case "informational": return 4;
        default: return 5;
      }
    }

    HuntStats stats(long files, long bytes) {
      return new HuntStats(files, events, bytes, outside, problems, examples);
    }
  }

  private static final class Builder {
    final Hit first;
    final HostResolver.Host host;
    @Nullable Instant firstSeen;
    @Nullable Instant lastSeen;
    /** Events, not hits: an event whose two fields carry the indicator (a proxy's CONNECT host and server) is one. */
    long count;
    private @Nullable TelemetryEvent lastCounted;
    final List<Evidence> evidence = new ArrayList<>();

    Builder(Hit first, HostResolver.Host host) {
      this.first = first;
      this.host = host;
    }

    void add(TelemetryEvent e, Hit h) {
      if (e != lastCounted) {
        count++;
        lastCounted = e;
      }
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
