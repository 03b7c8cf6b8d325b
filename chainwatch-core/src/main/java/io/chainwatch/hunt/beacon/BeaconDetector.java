package io.chainwatch.hunt.beacon;

import io.chainwatch.hunt.ConnectionBatch;
import io.chainwatch.hunt.ConnectionDetector;
import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.Finding;
import io.chainwatch.hunt.Hit;
import io.chainwatch.hunt.TelemetryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Finds beacons: a source that connects to one destination at regular intervals (an implant calling home). Every
 * connection event (Zeek conn, ssl and http, Sysmon 3, proxy) joins the series of its (source, destination) pair,
 * the destination being the name when the log names it (SNI, Host, Sysmon's DestinationHostname, the proxy's host)
 * and the address otherwise, as RITA keys by address and by name. At the end of the hunt each series of enough
 * distinct times is scored ({@link BeaconScore}) and reported above the thresholds, with an explanation as its first
 * evidence.
 *
 * <p>Address series go to public destinations only: traffic between internal machines is not calling home, and
 * resolvers, domain controllers and file servers would drown the result. Memory is bounded: at most
 * {@link #MAX_SERIES} series and {@link #MAX_POINTS} connection times over all of them; a series of
 * {@link #STROBE} connections or more is a strobe, reported as a beacon of score 1 without keeping its times.
 *
 * <p>The series live in arrays, not in an object each: a hunt adds millions of connections, one after the other on one
 * thread, to hundreds of thousands of series, and each object and array of a series was a cache miss for each of its
 * connections (a third of a 1 GiB hunt's time went to them). A series' counters share one stretch of an array; its
 * first four connections another; its times and sizes are appended to one log in the order they come, and grouped by
 * series once, when the hunt ends.
 */
public final class BeaconDetector implements ConnectionDetector {
  public static final String DETECTOR = "beacon";
  static final int MAX_SERIES = 200_000;
  static final long MAX_POINTS = 4_000_000;
  static final int STROBE = 86_400;
  /** How many series a scoring thread takes at a time. */
  private static final int SCORING_BLOCK = 1024;
  private static final int EXAMPLES = 4;

  private final BeaconSettings settings;
  private final int maxSeries;
  private final long maxPoints;
  private final SeriesTable series = new SeriesTable();
  /**
   * Pairs seen once without a series, by their keys' hashes, once the series table has little room ({@link #admit}):
   * 8 MB at most, made when first needed.
   */
  private @Nullable RecentPairs seenOnce;
  private final PointLog log;
  /** Connection times kept, over all series (the log may hold more: those of strobes, until it is compacted). */
  private long points;
  private long dropped;
  /** Series that became strobes. */
  private int strobes;
  private double spanStart = Double.MAX_VALUE;
  private double spanEnd = -Double.MAX_VALUE;
  /** The files and fields the examples name, by number. */
  private final Names files = new Names();
  private final Names fields = new Names();

  // the batch being replayed (by id: a scan reuses batch objects), and what is known of its pairs
  private long batch = -1;
  private int[] resolved = new int[0];
  private byte[] pairState = new byte[0];
  private static final byte UNKNOWN = 0;
  private static final byte KNOWN = 1;
  private static final byte PRIVATE = 2;
  private static final byte REFUSED = 3;
  /** Found before the replay ({@link SeriesTable#prefind}): the series' number is known, its checks still to make. */
  private static final byte FOUND = 4;

  public BeaconDetector(BeaconSettings settings) {
    this(settings, MAX_SERIES, MAX_POINTS);
  }

  private BeaconDetector(BeaconSettings settings, int maxSeries, long maxPoints) {
    this.settings = settings;
    this.maxSeries = maxSeries;
    this.maxPoints = maxPoints;
    this.log = new PointLog(maxPoints + Math.max(1, maxPoints / 4));
  }

  /** A detector with smaller memory bounds, so that tests can reach them. */
  public static BeaconDetector bounded(BeaconSettings settings, int maxSeries, long maxPoints) {
    return new BeaconDetector(settings, maxSeries, maxPoints);
  }

  /** Connections left out because the memory bounds were reached. */
  public long dropped() {
    return dropped;
  }

  /** The times the log holds, a strobe's given-up ones included until it is compacted: at most a quarter over the bound. */
  long logged() {
    return log.size;
  }

  @Override
  public void inspect(TelemetryEvent e, Consumer<Hit> hits) {
    Instant time = e.time();
    if (time == null) return;
    String field;
    String sizeField;
    switch (e.kind()) {
      case "zeek.conn": field = "id.resp_h"; sizeField = "orig_bytes"; break;
      case "zeek.ssl": field = "server_name"; sizeField = null; break;
      case "zeek.http": field = "host"; sizeField = "request_body_len"; break;
      case "sysmon.3": field = e.fields().containsKey("DestinationHostname") && !e.fields().get("DestinationHostname").isEmpty()
          && !e.fields().get("DestinationHostname").equals("-") ? "DestinationHostname" : "DestinationIp"; sizeField = null; break;
      case "proxy.squid": field = "cs-host"; sizeField = "sc-bytes"; break;
      default: return;
    }
    String destination = e.field(field);
    if (destination == null || destination.isEmpty() || destination.equals("-")) return;
    boolean address = field.equals("id.resp_h") || field.equals("DestinationIp");
    if (address && !isPublic(destination)) return;
    String source = e.sourceAddress() != null ? e.sourceAddress() : e.host();
    if (source == null) return;
    byte[] key = key(source, destination);
    long hash = ConnectionBatch.keyHash(key, 0, key.length);
    int id = series.find(key, hash);
    if (id < 0) {
      if (!admit(hash)) {
        dropped++;
        return;
      }
      id = series.add(hash, key.length, new First(source.getBytes(StandardCharsets.UTF_8).length, address, field, e.kind(),
          e.sourceAddress() != null, e.host(), e.sourcePort(), e.destinationAddress(), e.destinationPort(),
          time.getEpochSecond(), time.getNano(), e.file(), e.line()));
      System.arraycopy(key, 0, series.keys, series.keyStart(id), key.length);
    }
    long bytes = sizeField == null ? -1 : parseBytes(e.field(sizeField));
    add(id, time.getEpochSecond(), time.getNano(), e.kind().equals("zeek.http") ? body(bytes) : bytes, files.number(e.file()),
        e.line(), fields.number(field));
  }

  /**
   * Sizes the series table's look-up for the series a hunt of {@code bytes} may make: at most one per connection, and
   * a connection is at least {@link #BYTES_PER_CONNECTION} of a log. Grown step by step from a small table, the look-up
   * of the bench's 156,000 series was rehashed eight times (a tenth of the replay's time: each move a random write).
   */
  @Override
  public void expect(long bytes) {
    series.reserve((int) Math.min(maxSeries, bytes / BYTES_PER_CONNECTION));
  }

  /** The fewest bytes a connection takes in a log: a Zeek TSV conn line has about 150, its JSON line 300. */
  private static final int BYTES_PER_CONNECTION = 128;

  @Override
  public void connections(ConnectionBatch b, int from, int to) {
    if (b.id() != batch) {
      batch = b.id();
      if (resolved.length < b.pairs()) {
        resolved = new int[Math.max(b.pairs(), 2 * resolved.length)];
        pairState = new byte[resolved.length];
      } else {
        Arrays.fill(pairState, 0, b.pairs(), UNKNOWN);
      }
      series.prefind(b, resolved, pairState);
    }
    int file = files.number(b.file());
    for (int i = from; i < to; i++) {
      int p = b.pair(i);
      byte state = pairState[p];
      int id;
      if (state == KNOWN) {
        id = resolved[p];
      } else {
        // what inspect decides for the pair's first event holds for all of them
        if (state == PRIVATE) continue;
        if (state == REFUSED) {
          dropped++;
          continue;
        }
        id = state == FOUND ? resolved[p] : series.find(b, p);
        if (id < 0) {
          if (b.byAddress(p) && !isPublic(b.destination(p))) {
            pairState[p] = PRIVATE;
            continue;
          }
          if (!admit(b.keyHash(p))) {
            // refused for good once the table is full; else only this connection, the pair's first sighting
            if (series.size() >= maxSeries) pairState[p] = REFUSED;
            dropped++;
            continue;
          }
          // event i is the pair's first kept in the batch: it names the host of what the series shows
          id = series.add(b.keyHash(p), b.keyLength(p), new First(b.sourceLength(p), b.byAddress(p), b.destinationField(i),
              b.kind(i), true, null, b.sourcePort(p), b.responder(p), b.responderPort(p), b.seconds(i), b.nanos(i), b.file(),
              b.line(i)));
          b.copyKey(p, series.keys, series.keyStart(id));
        } else if (b.byAddress(p) && !isPublic(destination(id))) {
          pairState[p] = PRIVATE;
          continue;
        }
        resolved[p] = id;
        pairState[p] = KNOWN;
      }
      add(id, b.seconds(i), b.nanos(i), b.http(i) ? body(b.requestBytes(i)) : b.requestBytes(i), file, b.line(i),
          fields.number(b.destinationField(i)));
    }
  }

  /**
   * Whether a new series may be made for a pair whose key hashes to {@code keyHash}, seen now without a series. While
   * the table has room to spare, yes. Its last quarter goes to pairs seen before: most pairs of a busy network are
   * seen once (71 % of the bench's), and first come, first served, they filled the table before a series that begins
   * late (an implant that starts calling home late) came, which was then refused. A pair's first sighting there is
   * left out and remembered by its hash; its second makes its series.
   */
  private boolean admit(long keyHash) {
    int size = series.size();
    if (size >= maxSeries) return false;
    if (size < maxSeries - maxSeries / 4) return true;
    // eight slots per series, at most 2^20 (8 MB); a power of two
    if (seenOnce == null) seenOnce = new RecentPairs(Math.min(1 << 20, Integer.highestOneBit(Math.max(64, 8 * maxSeries))));
    if (seenOnce.contains(keyHash)) return true;
    seenOnce.add(keyHash);
    return false;
  }

  /**
   * The size of an HTTP request, its body's length: none (-1) without a body. RITA scores the bytes a source sends per
   * connection, which a request without a body does not tell (Zeek's http log has its body only): every GET would
   * have the same size, 0, and a series of GETs the best size score, so that irregular browsing passed as a beacon.
   * A series of GETs is scored on its timing, histogram and duration, as a TLS series is.
   */
  static long body(long bytes) {
    return bytes == 0 ? -1 : bytes;
  }

  /** Adds a connection to series {@code id}, within the memory bounds. */
  private void add(int id, long epochSecond, int nano, long bytes, int file, long line, int field) {
    double seconds = epochSecond + nano / 1e9;
    // compared, not Math.min and Math.max: those are calls on the quick compiler (C1), for each connection
    if (seconds < spanStart) spanStart = seconds;
    if (seconds > spanEnd) spanEnd = seconds;
    long[] stats = series.block(id);
    int at = SeriesTable.at(id);
    long count = stats[at + SeriesTable.COUNT];
    long nanos = stats[at + SeriesTable.NANOS];
    long firstSecond = stats[at + SeriesTable.FIRST_SECOND];
    if (count == 0 || epochSecond < firstSecond || (epochSecond == firstSecond && nano < (int) (nanos >>> 32))) {
      stats[at + SeriesTable.FIRST_SECOND] = epochSecond;
      nanos = (long) nano << 32 | (nanos & 0xffffffffL);
    }
    long lastSecond = stats[at + SeriesTable.LAST_SECOND];
    if (count == 0 || epochSecond > lastSecond || (epochSecond == lastSecond && nano > (int) nanos)) {
      stats[at + SeriesTable.LAST_SECOND] = epochSecond;
      nanos = (nanos & 0xffffffff00000000L) | (nano & 0xffffffffL);
    }
    stats[at + SeriesTable.NANOS] = nanos;
    count++;
    stats[at + SeriesTable.COUNT] = count;
    if (count <= EXAMPLES) series.example(id, (int) count - 1, file, field, line);
    long kept = stats[at + SeriesTable.KEPT];
    if (count >= STROBE) {
      if (count == STROBE) strobes++;
      points -= kept >>> 32;
      stats[at + SeriesTable.KEPT] = 0; // its times in the log are left out from now on
      return;
    }
    if (points >= maxPoints) {
      dropped++;
      return;
    }
    if (log.full()) log.compact(e -> series.count(e) < STROBE);
    log.add(id, seconds, bytes);
    stats[at + SeriesTable.KEPT] = kept + (1L << 32) + (bytes >= 0 ? 1 : 0);
    points++;
  }

  @Override
  public void finish(Consumer<Finding> findings) {
    Grouped grouped = group(true);
    // Scored and explained on every core: the hunt waits for this at its end, and the series are independent.
    // Reported in the order the series began.
    Finding[] found = new Finding[series.size()];
    // Each thread claims blocks of series until none is left. (A parallel stream ran on the common pool's one worker
    // on two cores, the calling thread mostly waiting: the scoring took twice as long as it needs.)
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int from; (from = next.getAndAdd(SCORING_BLOCK)) < found.length; ) {
        for (int i = from; i < Math.min(found.length, from + SCORING_BLOCK); i++) found[i] = finding(i, grouped);
      }
    };
    List<Thread> helpers = new ArrayList<>();
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), 1 + found.length / SCORING_BLOCK);
    for (int t = 1; t < threads; t++) {
      Thread helper = new Thread(work, "beacon-scoring");
      helper.setDaemon(true);
      helper.start();
      helpers.add(helper);
    }
    work.run();
    for (Thread helper : helpers) {
      try {
        helper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while scoring beacon series", e);
      }
    }
    for (Finding f : found) {
      if (f != null) findings.accept(f);
    }
  }

  /** The series' finding when it is reported, else null. */
  private @Nullable Finding finding(int id, Grouped g) {
    long count = series.count(id);
    if (count >= STROBE) return finding(id, 1.0, "strobe: " + count + " connections, too many to be anything but automated");
    if (series.kept(id) < settings.minimumConnections()) return null;
    BeaconScore score = reportable(id, g);
    if (passes(score)) return finding(id, score.score(), score.explain());
    // A series its counts rule out (mayReport) was not grouped, and no stretch of its times can pass where all of them
    // cannot: the bound grows with the number of times.
    if (spanEnd - spanStart <= DAY || !mayReport(id)) return null;
    // A hunt of several days, and a series active in less than half of it: scored over its own active time too, at
    // least a day of it (RITA scores a day of connections at a time). Over the whole span an implant that calls home
    // only in the hunt's last days (the 3CX implant waited about a week before its first call) fills fewer than 11 of
    // its 24 parts, too few for the histogram's bimodality, and scores low; active in more, it scores as a beacon over
    // the span already. A series that spreads over most of the span, as most busy traffic does, gets no second chance.
    long[] stats = series.block(id);
    int at = SeriesTable.at(id);
    double first = stats[at + SeriesTable.FIRST_SECOND];
    double last = stats[at + SeriesTable.LAST_SECOND] + 1;
    double to = Math.min(spanEnd, Math.max(last, first + DAY));
    double from = Math.max(spanStart, Math.min(first, to - DAY));
    if (to - from > (spanEnd - spanStart) / 2) return null;
    BeaconScore active = reportable(id, g, from, to);
    if (!passes(active)) return null;
    return finding(id, active.score(),
        active.explain() + ", scored over its own active time, " + instant(from) + " to " + instant(to));
  }

  private static final double DAY = 86_400;

  private boolean passes(@Nullable BeaconScore s) {
    return s != null && s.score() >= settings.threshold() && s.timing() >= settings.minimumTiming()
        && s.dispersion() >= settings.minimumDispersion();
  }

  /** To the second, for an explanation. */
  private static Instant instant(double epochSeconds) {
    return Instant.ofEpochSecond((long) BeaconScore.floor(epochSeconds));
  }

  /** The score of a series read so far, or null when there is no such series or it has too few distinct times. */
  @Nullable BeaconScore score(String source, String destination) {
    byte[] key = key(source, destination);
    int id = series.find(key, ConnectionBatch.keyHash(key, 0, key.length));
    if (id < 0) return null;
    Grouped g = group(false);
    double[] times = distinctTimes(id, g);
    return times == null ? null : BeaconScore.of(times, sizes(id, g), spanStart, spanEnd);
  }

  /**
   * The series' score when it may be reported, else null: too few distinct times, spread too little over the span to
   * reach the threshold whatever its timing and sizes, or intervals too irregular to reach the timing thresholds or,
   * with the best sizes there are, the overall one. Each test costs less than the next.
   */
  private @Nullable BeaconScore reportable(int id, Grouped g) {
    if (!mayReport(id)) return null;
    double[] times = distinctTimes(id, g);
    if (times == null) return null;
    return reportable(times, sizes(id, g), series.sized(id) == series.kept(id), spanStart, spanEnd);
  }

  /**
   * As {@link #reportable(int, Grouped)}, of the series' connections from {@code from} (inclusive) to {@code to}
   * (inclusive, when it is the span's end; else exclusive), scored over that stretch of time alone.
   */
  private @Nullable BeaconScore reportable(int id, Grouped g, double from, double to) {
    int first = g.start[id];
    int kept = series.kept(id);
    double[] times = new double[kept];
    long[] bytes = new long[kept];
    int n = 0;
    for (int i = first; i < first + kept; i++) {
      double t = g.times[i];
      if (t >= from && (t < to || (t == to && to == spanEnd))) {
        times[n] = t;
        bytes[n++] = g.bytes[i];
      }
    }
    boolean sized = series.sized(id) == kept;
    if (n < settings.minimumConnections()
        || BeaconScore.best(BeaconScore.Spread.most(n), sized, 1.0) < settings.threshold()) {
      return null;
    }
    double[] distinct = distinct(Arrays.copyOf(times, n));
    if (distinct == null) return null;
    return reportable(distinct, sized ? Arrays.copyOf(bytes, n) : new long[0], sized, from, to);
  }

  /**
   * The score of distinct times, ascending, over the span {@code [from, to]}, or null when it cannot pass: spread too
   * little over it to reach the threshold whatever their timing and sizes, or intervals too irregular to reach the
   * timing thresholds or, with the best sizes there are, the overall one. Each test costs less than the next.
   */
  private @Nullable BeaconScore reportable(double[] times, long[] sizes, boolean sized, double from, double to) {
    BeaconScore.Spread spread = BeaconScore.Spread.of(times, from, to);
    if (BeaconScore.best(spread, sized, 1.0) < settings.threshold()) return null;
    BeaconScore.Regularity regularity = BeaconScore.timing(times);
    double timing = regularity.score();
    if (timing < settings.minimumTiming() || regularity.madScore() < settings.minimumDispersion()
        || BeaconScore.best(spread, sized, timing) < settings.threshold()) {
      return null;
    }
    return BeaconScore.of(times, sizes, from, to);
  }

  /**
   * Whether the series may be reported by its counts alone: enough times kept, and as many as can spread over the span
   * far enough to reach the threshold with perfect timing and sizes ({@link BeaconScore.Spread#most}).
   */
  private boolean mayReport(int id) {
    int kept = series.kept(id);
    if (kept < settings.minimumConnections()) return false;
    boolean sized = series.sized(id) == kept;
    return BeaconScore.best(BeaconScore.Spread.most(kept), sized, 1.0) >= settings.threshold();
  }

  /** The series' request sizes, or none when some connection's size is not known. */
  private long[] sizes(int id, Grouped g) {
    int kept = series.kept(id);
    return series.sized(id) == kept ? Arrays.copyOfRange(g.bytes, g.start[id], g.start[id] + kept) : new long[0];
  }

  /** The series' distinct connection times (to the second), ascending, or null when fewer than the settings ask. */
  private double @Nullable [] distinctTimes(int id, Grouped g) {
    return distinct(Arrays.copyOfRange(g.times, g.start[id], g.start[id] + series.kept(id)));
  }

  /** The times, sorted in place, one per second, or null when fewer than the settings ask. */
  private double @Nullable [] distinct(double[] times) {
    Arrays.sort(times);
    int distinct = 0;
    for (int i = 0; i < times.length; i++) {
      if (i == 0 || BeaconScore.floor(times[i]) != BeaconScore.floor(times[distinct - 1])) times[distinct++] = times[i];
    }
    if (distinct < settings.minimumConnections()) return null;
    return distinct == times.length ? times : Arrays.copyOf(times, distinct);
  }

  /** The kept times and sizes, series by series: series {@code id}'s from {@code start[id]}, in the order they came. */
  private record Grouped(int[] start, double[] times, long[] bytes) {}

  /**
   * Groups the log by series (a counting sort, which keeps each series' order), leaving out strobes' times and, with
   * {@code reportableOnly}, those of series whose counts rule them out ({@link #mayReport}): most series of a busy
   * network. The log's blocks are read in place, and which series are grouped is decided once per series: a read of a
   * series' counters for each of a million times was two thirds of the grouping.
   */
  private Grouped group(boolean reportableOnly) {
    int n = series.size();
    int[] start = new int[n + 1];
    // the series grouped: with reportableOnly, those that may be reported by their counts; never a strobe
    boolean[] grouped = new boolean[n];
    for (int id = 0; id < n; id++) {
      grouped[id] = (reportableOnly ? mayReport(id) : series.kept(id) > 0) && (strobes == 0 || series.count(id) < STROBE);
      start[id + 1] = start[id] + (grouped[id] ? series.kept(id) : 0);
    }
    double[] times = new double[start[n]];
    long[] bytes = new long[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int block = 0; (long) block * PointLog.BLOCK < log.size; block++) {
      int[] ids = log.series[block];
      double[] t = log.times[block];
      long[] b = log.bytes[block];
      int end = (int) Math.min(PointLog.BLOCK, log.size - (long) block * PointLog.BLOCK);
      for (int i = 0; i < end; i++) {
        int id = ids[i];
        if (!grouped[id]) continue;
        int at = fill[id]++;
        times[at] = t[i];
        bytes[at] = b[i];
      }
    }
    return new Grouped(start, times, bytes);
  }

  private String destination(int id) {
    int split = series.first(id).split();
    return new String(series.keys, series.keyStart(id) + split + 1, series.keyLength(id) - split - 1, StandardCharsets.UTF_8);
  }

  private Finding finding(int id, double score, String explanation) {
    First first = series.first(id);
    String destination = destination(id);
    String type = !first.address() ? "hostname" : destination.indexOf(':') >= 0 ? "ipv6" : "ipv4";
    Hit hit = new Hit(DETECTOR, type, destination, first.field(), destination, level(score));
    long count = series.count(id);
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(new Evidence(files.name(series.exampleFile(id, 0)), series.exampleLine(id, 0), "beacon", explanation));
    for (int i = 0; i < Math.min(count, EXAMPLES); i++) {
      evidence.add(new Evidence(files.name(series.exampleFile(id, i)), series.exampleLine(id, i),
          fields.name(series.exampleField(id, i)), destination));
    }
    String source = new String(series.keys, series.keyStart(id), first.split(), StandardCharsets.UTF_8);
    TelemetryEvent representative = new TelemetryEvent(first.kind(), Instant.ofEpochSecond(first.second(), first.nano()),
        first.sourceIsAddress() ? source : null, first.sourcePort(), first.responder(), first.responderPort(), first.host(),
        Map.of(), first.file(), first.line());
    long[] stats = series.block(id);
    int at = SeriesTable.at(id);
    long nanos = stats[at + SeriesTable.NANOS];
    return new Finding(hit, representative, Instant.ofEpochSecond(stats[at + SeriesTable.FIRST_SECOND], (int) (nanos >>> 32)),
        Instant.ofEpochSecond(stats[at + SeriesTable.LAST_SECOND], (int) nanos), count, evidence);
  }

  /** RITA's levels: 0.9 and up is high, 0.8 medium, below that low. */
  static String level(double score) {
    return score >= 0.9 ? "high" : score >= 0.8 ? "medium" : "low";
  }

  private static long parseBytes(@Nullable String s) {
    if (s == null || s.isEmpty() || s.length() > 18) return -1;
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** An address that is not private, loopback, link-local, multicast or unspecified. */
  static boolean isPublic(String address) {
    String a = address.strip();
    if (a.indexOf(':') >= 0) {
      String l = a.toLowerCase(java.util.Locale.ROOT);
      return !(l.equals("::1") || l.equals("::") || l.startsWith("fe80:") || l.startsWith("fc") || l.startsWith("fd")
          || l.startsWith("ff"));
    }
    String[] p = a.split("\\.");
    if (p.length != 4) return false;
    int b0;
    int b1;
    try {
      b0 = Integer.parseInt(p[0]);
      b1 = Integer.parseInt(p[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    if (b0 == 10 || b0 == 127 || b0 == 0 || b0 >= 224) return false;
    if (b0 == 172 && b1 >= 16 && b1 <= 31) return false;
    if (b0 == 192 && b1 == 168) return false;
    if (b0 == 169 && b1 == 254) return false;
    return !(b0 == 100 && b1 >= 64 && b1 <= 127); // carrier-grade NAT
  }

  /** A series' key: {@code source + '\n' + destination}, in UTF-8. */
  private static byte[] key(String source, String destination) {
    return (source + '\n' + destination).getBytes(StandardCharsets.UTF_8);
  }

  /** What a series' first connection tells, which names the host of what the series shows; kept once per series. */
  private record First(int split, boolean address, String field, String kind, boolean sourceIsAddress,
      @Nullable String host, int sourcePort, @Nullable String responder, int responderPort, long second, int nano,
      String file, long line) {}

  /**
   * A set of 64-bit hashes of bounded size (open addressing, half full at most): when it is full it is emptied and
   * starts again, so that it remembers the pairs seen lately. Two keys with one hash are taken as one: a pair then
   * makes its series at its first sighting, as it would with room to spare.
   */
  private static final class RecentPairs {
    private final long[] slots;
    private int size;

    RecentPairs(int capacity) {
      slots = new long[capacity];
    }

    boolean contains(long hash) {
      long h = hash == 0 ? 1 : hash;
      int mask = slots.length - 1;
      for (int i = (int) h & mask; slots[i] != 0; i = (i + 1) & mask) {
        if (slots[i] == h) return true;
      }
      return false;
    }

    /** Adds a hash that {@link #contains} has not. */
    void add(long hash) {
      if (2 * (size + 1) > slots.length) {
        Arrays.fill(slots, 0);
        size = 0;
      }
      long h = hash == 0 ? 1 : hash;
      int mask = slots.length - 1;
      int i = (int) h & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = h;
      size++;
    }
  }

  /**
   * The series, numbered in the order they began (the order they are reported in), found by key through open
   * addressing. What each connection reads and writes is in arrays: a series' counters and then its first
   * {@link #EXAMPLES} connections in {@link #STRIDE} longs of a block of {@link #stats} (two neighbouring cache lines,
   * which the processor fetches together), its key in {@link #keys}. Blocks of {@link #BLOCK} series, so that the
   * table grows without copying: doubling one array for 200,000 series allocated and copied twice its 26 MB.
   */
  private static final class SeriesTable {
    static final int STRIDE = 16;
    // a series' longs in stats
    static final int HASH = 0;
    static final int COUNT = 1;
    static final int FIRST_SECOND = 2;
    static final int LAST_SECOND = 3;
    /** The first connection's nanoseconds in the high half, the last's in the low half. */
    static final int NANOS = 4;
    /** The key's start in {@link #keys} in the high half, its length in the low half. */
    static final int KEY = 5;
    /** How many times the log keeps of the series in the high half, how many of them with a size in the low half. */
    static final int KEPT = 6;
    /** From here, per example: its line, then its file's number (high half) and field's (low half). */
    static final int EXAMPLE = 8;

    static final int BLOCK_BITS = 12;
    static final int BLOCK = 1 << BLOCK_BITS;
    private long[][] stats = new long[16][];
    private First[] firsts = new First[1024];
    byte[] keys = new byte[1 << 16];
    private int keysUsed;
    /** Slot i: {@code [2i]} the key's hash, {@code [2i + 1]} the series' number plus one (0: a free slot). */
    private long[] slots = new long[2 * 2048];
    private int size;

    int size() {
      return size;
    }

    /** The series of {@code key}, or -1. */
    int find(byte[] key, long hash) {
      int mask = slots.length / 2 - 1;
      for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
        long id = slots[2 * i + 1] - 1;
        if (id < 0) return -1;
        if (slots[2 * i] == hash && Arrays.equals(keys, keyStart((int) id), keyStart((int) id) + keyLength((int) id), key, 0,
            key.length)) {
          return (int) id;
        }
      }
    }

    /** The series of the batch's pair, or -1. */
    int find(ConnectionBatch b, int pair) {
      long hash = b.keyHash(pair);
      int mask = slots.length / 2 - 1;
      for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
        long id = slots[2 * i + 1] - 1;
        if (id < 0) return -1;
        if (slots[2 * i] == hash) {
          long key = block((int) id)[at((int) id) + KEY];
          int from = (int) (key >>> 32);
          if (b.keyEquals(pair, keys, from, from + (int) key)) return (int) id;
        }
      }
    }

    /**
     * Marks {@link #FOUND} each pair of the batch whose series holds its key's first slot, with its number in
     * {@code ids}; the others stay as they are, to be looked up in the replay. In two loops of loads that do not wait
     * for each other (the slots, then the keys), whose cache misses the processor overlaps: one look-up per pair in
     * the replay, between its other work, waited for each of its misses in turn (a third of the replay's time).
     */
    void prefind(ConnectionBatch b, int[] ids, byte[] state) {
      int pairs = b.pairs();
      long[] slots = this.slots;
      int mask = slots.length / 2 - 1;
      for (int p = 0; p < pairs; p++) {
        long hash = b.keyHash(p);
        int i = (int) hash & mask;
        ids[p] = slots[2 * i] == hash ? (int) slots[2 * i + 1] - 1 : -1; // an empty slot holds number 0, so -1 too
      }
      for (int p = 0; p < pairs; p++) {
        int id = ids[p];
        if (id < 0) continue;
        long key = block(id)[at(id) + KEY];
        int from = (int) (key >>> 32);
        if (b.keyEquals(p, keys, from, from + (int) key)) state[p] = FOUND;
      }
    }

    /** Makes room in the look-up for {@code series} series before the first is added (later: nothing). */
    void reserve(int series) {
      if (size > 0) return;
      int pairs = slots.length / 2;
      while (pairs < 2 * series) pairs *= 2;
      if (pairs > slots.length / 2) slots = new long[2 * pairs];
    }

    /** Adds a series whose key is not in the table, with room for its key (the caller copies it in); its number. */
    int add(long hash, int keyLength, First first) {
      int id = size;
      if (id == firsts.length) firsts = Arrays.copyOf(firsts, firsts.length * 2);
      int b = id >>> BLOCK_BITS;
      if (b == stats.length) stats = Arrays.copyOf(stats, b * 2);
      if (stats[b] == null) stats[b] = new long[BLOCK * STRIDE];
      if (keysUsed + keyLength > keys.length) keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keysUsed + keyLength));
      long[] block = stats[b];
      block[at(id) + HASH] = hash;
      block[at(id) + KEY] = (long) keysUsed << 32 | keyLength;
      keysUsed += keyLength;
      firsts[id] = first;
      if (2 * (size + 1) > slots.length / 2) {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) if (old[i + 1] != 0) put(old[i], old[i + 1]);
      }
      put(hash, id + 1);
      size++;
      return id;
    }

    private void put(long hash, long idPlusOne) {
      int mask = slots.length / 2 - 1;
      int i = (int) hash & mask;
      while (slots[2 * i + 1] != 0) i = (i + 1) & mask;
      slots[2 * i] = hash;
      slots[2 * i + 1] = idPlusOne;
    }

    /** The block of series {@code id}'s longs; they start at {@link #at}. */
    long[] block(int id) {
      return stats[id >>> BLOCK_BITS];
    }

    static int at(int id) {
      return (id & (BLOCK - 1)) * STRIDE;
    }

    int keyStart(int id) {
      return (int) (block(id)[at(id) + KEY] >>> 32);
    }

    int keyLength(int id) {
      return (int) block(id)[at(id) + KEY];
    }

    First first(int id) {
      return firsts[id];
    }

    long count(int id) {
      return block(id)[at(id) + COUNT];
    }

    int kept(int id) {
      return (int) (block(id)[at(id) + KEPT] >>> 32);
    }

    int sized(int id) {
      return (int) block(id)[at(id) + KEPT];
    }

    void example(int id, int i, int file, int field, long line) {
      long[] block = block(id);
      int at = at(id) + EXAMPLE + 2 * i;
      block[at] = line;
      block[at + 1] = (long) file << 32 | field;
    }

    long exampleLine(int id, int i) {
      return block(id)[at(id) + EXAMPLE + 2 * i];
    }

    int exampleFile(int id, int i) {
      return (int) (block(id)[at(id) + EXAMPLE + 2 * i + 1] >>> 32);
    }

    int exampleField(int id, int i) {
      return (int) block(id)[at(id) + EXAMPLE + 2 * i + 1];
    }
  }

  /** File or field names by number: an example keeps a number, not a reference. */
  private static final class Names {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> numbers = new java.util.HashMap<>();
    private @Nullable String last;
    private int lastNumber;

    int number(String name) {
      if (name == last) return lastNumber; // most calls name the one before: a batch's file, a log's field
      Integer n = numbers.get(name);
      if (n == null) {
        n = names.size();
        names.add(name);
        numbers.put(name, n);
      }
      last = name;
      lastNumber = n;
      return n;
    }

    String name(int number) {
      return names.get(number);
    }
  }

  /**
   * Every connection time kept, in the order they came: its series, time and size, in blocks (no copying as it grows).
   * A strobe's times stay in it, left out when grouped, until the log is full and compacted.
   */
  private static final class PointLog {
    private static final int BLOCK_BITS = 16;
    private static final int BLOCK = 1 << BLOCK_BITS;
    private final long capacity;
    private int[][] series = new int[16][];
    private double[][] times = new double[16][];
    private long[][] bytes = new long[16][];
    private long size;

    PointLog(long capacity) {
      this.capacity = capacity;
    }

    boolean full() {
      return size >= capacity;
    }

    void add(int id, double time, long size) {
      int block = (int) (this.size >>> BLOCK_BITS);
      int at = (int) (this.size & (BLOCK - 1));
      if (at == 0) {
        if (block == series.length) {
          series = Arrays.copyOf(series, block * 2);
          times = Arrays.copyOf(times, block * 2);
          bytes = Arrays.copyOf(bytes, block * 2);
        }
        if (series[block] == null) {
          series[block] = new int[BLOCK];
          times[block] = new double[BLOCK];
          bytes[block] = new long[BLOCK];
        }
      }
      series[block][at] = id;
      times[block][at] = time;
      bytes[block][at] = size;
      this.size++;
    }

    /** Keeps the times of the series {@code keep} accepts, in their order. */
    void compact(java.util.function.IntPredicate keep) {
      long kept = 0;
      for (long i = 0; i < size; i++) {
        int block = (int) (i >>> BLOCK_BITS);
        int at = (int) (i & (BLOCK - 1));
        int id = series[block][at];
        if (!keep.test(id)) continue;
        int toBlock = (int) (kept >>> BLOCK_BITS);
        int to = (int) (kept & (BLOCK - 1));
        series[toBlock][to] = id;
        times[toBlock][to] = times[block][at];
        bytes[toBlock][to] = bytes[block][at];
        kept++;
      }
      size = kept;
    }
  }
}
