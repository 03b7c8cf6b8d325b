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
  /** The series in the order they began: reported in that order (and iterated faster than the map). */
  private final List<Series> inOrder = new ArrayList<>();
  private long points;
  private long dropped;
  private double spanStart = Double.MAX_VALUE;
  private double spanEnd = -Double.MAX_VALUE;

  // the batch being replayed (by id: a scan reuses batch objects), and what is known of its pairs
  private long batch = -1;
  private Series[] resolved = new Series[0];
  private byte[] pairState = new byte[0];
  private static final byte UNKNOWN = 0;
  private static final byte PRIVATE = 1;
  private static final byte REFUSED = 2;

  public BeaconDetector(BeaconSettings settings) {
    this(settings, MAX_SERIES, MAX_POINTS);
  }

  private BeaconDetector(BeaconSettings settings, int maxSeries, long maxPoints) {
    this.settings = settings;
    this.maxSeries = maxSeries;
    this.maxPoints = maxPoints;
  }

  /** A detector with smaller memory bounds, so that tests can reach them. */
  public static BeaconDetector bounded(BeaconSettings settings, int maxSeries, long maxPoints) {
    return new BeaconDetector(settings, maxSeries, maxPoints);
  }

  /** Connections left out because the memory bounds were reached. */
  public long dropped() {
    return dropped;
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
    Series s = series.get(key, hash);
    if (s == null) {
      if (series.size() >= maxSeries) {
        dropped++;
        return;
      }
      s = new Series(key, hash, source.getBytes(StandardCharsets.UTF_8).length, address, field, e.kind(),
          e.sourceAddress() != null, e.host(), e.sourcePort(), e.destinationAddress(), e.destinationPort(),
          time.getEpochSecond(), time.getNano(), e.file(), e.line());
      series.add(s);
      inOrder.add(s);
    }
    long bytes = sizeField == null ? -1 : parseBytes(e.field(sizeField));
    add(s, time.getEpochSecond(), time.getNano(), e.kind().equals("zeek.http") ? body(bytes) : bytes, e.file(), e.line(),
        field);
  }

  @Override
  public void connections(ConnectionBatch b, int from, int to) {
    if (b.id() != batch) {
      batch = b.id();
      if (resolved.length < b.pairs()) {
        resolved = new Series[Math.max(b.pairs(), 2 * resolved.length)];
        pairState = new byte[resolved.length];
      } else {
        Arrays.fill(resolved, 0, b.pairs(), null);
        Arrays.fill(pairState, 0, b.pairs(), UNKNOWN);
      }
    }
    for (int i = from; i < to; i++) {
      int p = b.pair(i);
      Series s = resolved[p];
      if (s == null) {
        // what inspect decides for the pair's first event holds for all of them
        byte state = pairState[p];
        if (state == PRIVATE) continue;
        if (state == REFUSED) {
          dropped++;
          continue;
        }
        s = series.get(b, p);
        if (s == null) {
          if (b.byAddress(p) && !isPublic(b.destination(p))) {
            pairState[p] = PRIVATE;
            continue;
          }
          if (series.size() >= maxSeries) {
            pairState[p] = REFUSED;
            dropped++;
            continue;
          }
          // event i is the pair's first in the batch: it names the host of what the series shows
          s = new Series(b.keyBytes(p), b.keyHash(p), b.sourceLength(p), b.byAddress(p), b.destinationField(i), b.kind(i),
              true, null, b.sourcePort(p), b.responder(p), b.responderPort(p), b.seconds(i), b.nanos(i), b.file(),
              b.line(i));
          series.add(s);
          inOrder.add(s);
        } else if (b.byAddress(p) && !isPublic(s.destination())) {
          pairState[p] = PRIVATE;
          continue;
        }
        resolved[p] = s;
      }
      add(s, b.seconds(i), b.nanos(i), b.http(i) ? body(b.requestBytes(i)) : b.requestBytes(i), b.file(), b.line(i),
          b.destinationField(i));
    }
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

  /** Adds a connection to its series, within the memory bounds. */
  private void add(Series s, long epochSecond, int nano, long bytes, String file, long line, String field) {
    double seconds = epochSecond + nano / 1e9;
    spanStart = Math.min(spanStart, seconds);
    spanEnd = Math.max(spanEnd, seconds);
    if (s.count == 0 || epochSecond < s.firstSecond || (epochSecond == s.firstSecond && nano < s.firstNano)) {
      s.firstSecond = epochSecond;
      s.firstNano = nano;
    }
    if (s.count == 0 || epochSecond > s.lastSecond || (epochSecond == s.lastSecond && nano > s.lastNano)) {
      s.lastSecond = epochSecond;
      s.lastNano = nano;
    }
    s.count++;
    if (s.count <= EXAMPLES) s.example((int) s.count - 1, file, line, field);
    if (s.count >= STROBE) {
      points -= s.size;
      s.drop();
      return;
    }
    if (points >= maxPoints) {
      dropped++;
      return;
    }
    s.add(seconds, bytes);
    points++;
  }

  @Override
  public void finish(Consumer<Finding> findings) {
    // Scored and explained on every core: the hunt waits for this at its end, and the series are independent.
    // Reported in the order the series began.
    Finding[] found = new Finding[inOrder.size()];
    // Each thread claims blocks of series until none is left. (A parallel stream ran on the common pool's one worker
    // on two cores, the calling thread mostly waiting: the scoring took twice as long as it needs.)
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int from; (from = next.getAndAdd(SCORING_BLOCK)) < found.length; ) {
        for (int i = from; i < Math.min(found.length, from + SCORING_BLOCK); i++) found[i] = finding(inOrder.get(i));
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
  private @Nullable Finding finding(Series s) {
    if (s.count >= STROBE) return s.finding(1.0, "strobe: " + s.count + " connections, too many to be anything but automated");
    if (s.size < settings.minimumConnections()) return null;
    BeaconScore score = reportable(s);
    if (score != null && score.score() >= settings.threshold() && score.timing() >= settings.minimumTiming()) {
      return s.finding(score.score(), score.explain());
    }
    return null;
  }

  /** The score of a series read so far, or null when there is no such series or it has too few distinct times. */
  @Nullable BeaconScore score(String source, String destination) {
    byte[] key = key(source, destination);
    Series s = series.get(key, ConnectionBatch.keyHash(key, 0, key.length));
    return s == null ? null : score(s);
  }

  /** The series' score, or null when it has too few distinct times. */
  @Nullable BeaconScore score(Series s) {
    double[] times = distinctTimes(s);
    return times == null ? null : BeaconScore.of(times, sizes(s), spanStart, spanEnd);
  }

  /**
   * The series' score when it may be reported, else null: too few distinct times, spread too little over the span to
   * reach the threshold whatever its timing and sizes, or intervals too irregular to reach the timing threshold or,
   * with the best sizes there are, the overall one. Each test costs less than the next.
   */
  private @Nullable BeaconScore reportable(Series s) {
    double[] times = distinctTimes(s);
    if (times == null) return null;
    boolean sized = s.sized == s.size;
    BeaconScore.Spread spread = BeaconScore.Spread.of(times, spanStart, spanEnd);
    if (BeaconScore.best(spread, sized, 1.0) < settings.threshold()) return null;
    double timing = BeaconScore.timing(times);
    if (timing < settings.minimumTiming() || BeaconScore.best(spread, sized, timing) < settings.threshold()) return null;
    return BeaconScore.of(times, sizes(s), spanStart, spanEnd);
  }

  /** The series' request sizes, or none when some connection's size is not known. */
  private static long[] sizes(Series s) {
    return s.sized == s.size ? Arrays.copyOf(s.sizes, s.size) : new long[0];
  }

  /** The series' distinct connection times (to the second), ascending, or null when fewer than the settings ask. */
  private double @Nullable [] distinctTimes(Series s) {
    double[] times = Arrays.copyOf(s.times, s.size);
    Arrays.sort(times);
    int distinct = 0;
    for (int i = 0; i < times.length; i++) {
      if (i == 0 || Math.floor(times[i]) != Math.floor(times[distinct - 1])) times[distinct++] = times[i];
    }
    if (distinct < settings.minimumConnections()) return null;
    return distinct == times.length ? times : Arrays.copyOf(times, distinct);
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

  /**
   * The series by key, open addressing over the keys' bytes: a batch's pairs are looked up by the bytes and hash the
   * scan thread made, without a string per pair and chunk (two million strings for a gigabyte of logs).
   */
  private static final class SeriesTable {
    private Series[] slots = new Series[1 << 10];
    private int size;

    int size() {
      return size;
    }

    @Nullable Series get(byte[] key, long hash) {
      int mask = slots.length - 1;
      for (int i = (int) hash & mask; slots[i] != null; i = (i + 1) & mask) {
        Series s = slots[i];
        if (s.hash == hash && Arrays.equals(s.key, key)) return s;
      }
      return null;
    }

    @Nullable Series get(ConnectionBatch b, int pair) {
      long hash = b.keyHash(pair);
      int mask = slots.length - 1;
      for (int i = (int) hash & mask; slots[i] != null; i = (i + 1) & mask) {
        Series s = slots[i];
        if (s.hash == hash && b.keyEquals(pair, s.key)) return s;
      }
      return null;
    }

    /** Adds a series whose key is not in the table. */
    void add(Series s) {
      if (2 * (size + 1) > slots.length) {
        Series[] old = slots;
        slots = new Series[old.length * 2];
        for (Series o : old) if (o != null) put(o);
      }
      put(s);
      size++;
    }

    private void put(Series s) {
      int mask = slots.length - 1;
      int i = (int) s.hash & mask;
      while (slots[i] != null) i = (i + 1) & mask;
      slots[i] = s;
    }
  }

  /**
   * One (source, destination) series. Kept lean, with no objects per connection: a hunt over a large network may hold
   * {@link #MAX_SERIES} of them, and every object they keep is copied by each collection of the young heap.
   */
  static final class Series {
    /** The source and destination: {@code source + '\n' + destination} in UTF-8, the detector's key. */
    final byte[] key;
    /** {@link ConnectionBatch#keyHash}: 64 bits, so that two keys with one hash practically never meet. */
    final long hash;
    /** The source's length in the key, in bytes. */
    private final int split;
    final boolean address;
    final String field;
    // the first connection, which names the host of what the series shows
    private final String kind;
    private final boolean sourceIsAddress;
    private final @Nullable String host;
    private final int sourcePort;
    private final @Nullable String responder;
    private final int responderPort;
    private final long firstEventSecond;
    private final int firstEventNano;
    private final String file;
    private final long line;
    /** The first {@link #EXAMPLES} connections: file and field in pairs, and lines (the value is the destination). */
    private final Object[] exampleRefs = new Object[EXAMPLES * 2];
    private final long[] exampleLines = new long[EXAMPLES];
    long firstSecond;
    int firstNano;
    long lastSecond;
    int lastNano;
    long count;
    double[] times = new double[4];
    long[] sizes = new long[4];
    int size;
    int sized;

    Series(byte[] key, long hash, int split, boolean address, String field, String kind, boolean sourceIsAddress,
        @Nullable String host, int sourcePort, @Nullable String responder, int responderPort, long second, int nano,
        String file, long line) {
      this.key = key;
      this.hash = hash;
      this.split = split;
      this.address = address;
      this.field = field;
      this.kind = kind;
      this.sourceIsAddress = sourceIsAddress;
      this.host = host;
      this.sourcePort = sourcePort;
      this.responder = responder;
      this.responderPort = responderPort;
      this.firstEventSecond = second;
      this.firstEventNano = nano;
      this.file = file;
      this.line = line;
    }

    String destination() {
      return new String(key, split + 1, key.length - split - 1, StandardCharsets.UTF_8);
    }

    void example(int i, String file, long line, String field) {
      exampleRefs[2 * i] = file;
      exampleRefs[2 * i + 1] = field;
      exampleLines[i] = line;
    }

    void add(double time, long bytes) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        sizes = Arrays.copyOf(sizes, size * 2);
      }
      times[size] = time;
      sizes[size] = bytes;
      if (bytes >= 0) sized++;
      size++;
    }

    void drop() {
      times = new double[0];
      sizes = new long[0];
      size = 0;
      sized = 0;
    }

    Finding finding(double score, String explanation) {
      String destination = destination();
      String type = !address ? "hostname" : destination.indexOf(':') >= 0 ? "ipv6" : "ipv4";
      Hit hit = new Hit(DETECTOR, type, destination, field, destination, level(score));
      List<Evidence> evidence = new ArrayList<>();
      evidence.add(new Evidence((String) exampleRefs[0], exampleLines[0], "beacon", explanation));
      for (int i = 0; i < Math.min(count, EXAMPLES); i++) {
        evidence.add(new Evidence((String) exampleRefs[2 * i], exampleLines[i], (String) exampleRefs[2 * i + 1], destination));
      }
      String source = new String(key, 0, split, StandardCharsets.UTF_8);
      TelemetryEvent representative = new TelemetryEvent(kind, Instant.ofEpochSecond(firstEventSecond, firstEventNano),
          sourceIsAddress ? source : null, sourcePort, responder, responderPort, host, Map.of(), file, line);
      return new Finding(hit, representative, Instant.ofEpochSecond(firstSecond, firstNano),
          Instant.ofEpochSecond(lastSecond, lastNano), count, evidence);
    }
  }
}
