package io.chainwatch.formats.telemetry.zeek;

import io.chainwatch.common.Progress;
import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ConnectionBatch;
import io.chainwatch.hunt.IndicatorDetector;
import io.chainwatch.hunt.NameTable;
import io.chainwatch.hunt.ScanPlan;
import io.chainwatch.hunt.ScanSink;
import io.chainwatch.hunt.TelemetryEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Scans a Zeek TSV log in parallel chunks. Zeek writes TSV by default, and read event by event on one thread a log
 * took 2.5 to 4 µs a line (the bench's 466 MB as TSV in 6.1 s, ripgrep's 8.8 to 10 s; scanned, 1.4 s). Each scan
 * thread splits its chunk's records at the separator's byte, under the header read at the file's start, and tests the
 * columns that carry indicators by their bytes as the Zeek JSON scan does ({@link IndicatorDetector.Prefilter}). It
 * hands on the event itself, made exactly as {@link ZeekTsvReader} makes it, for a record that may hit (the detector
 * then decides), a connection's numbers for the beacon detector ({@link ConnectionBatch}), or a count. A record with an
 * escape in a column it needs, and every record of a header it cannot read by bytes ({@link Columns#of}), is made into
 * its event and tested by the detector itself ({@link IndicatorDetector.Prefilter#event}).
 *
 * <p>The main thread takes the chunks' results in file order, so the detectors see what a read gives, in the same order
 * (the {@link io.chainwatch.hunt.ParallelReader} contract). A line the scan does not take as it is (a header line, which
 * may change the header; a record with the wrong number of columns; a line too long, or not ASCII; a time that is
 * none) ends the scan there: the reader reads the rest of the file from that line under the header in force, and
 * reports what it reports.
 */
final class ZeekTsvScanner {
  private static final int MAX_LINE = TelemetryLines.DEFAULT_MAX_LINE_BYTES;
  /** Read past a chunk's end for its last line; a longer last line makes its chunk read up to {@link #MAX_LINE}. */
  private static final int LAST_LINE_READ = 64 << 10;
  /** The most bytes of the file's start read for its header; a longer header is read event by event. */
  private static final int HEADER_BYTES = 1 << 20;

  private final ZeekTsvReader reader;
  private final Path file;
  private final String name;
  private final ScanPlan plan;
  private final ScanSink sink;
  private final Progress progress;
  /** Each scan thread's copy of its chunk: one for all files. */
  private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();
  /** Each scan thread's names that missed lately: for all its chunks, which share most of their names. */
  private static final ThreadLocal<NameTable.Misses> MISSES = ThreadLocal.withInitial(NameTable.Misses::new);
  /** The columns of the header at the file's start, or null when its records are tested as strings. */
  private @Nullable Columns columns;

  ZeekTsvScanner(ZeekTsvReader reader, Path file, String name, ScanPlan plan, ScanSink sink, Progress progress) {
    this.reader = reader;
    this.file = file;
    this.name = name;
    this.plan = plan;
    this.sink = sink;
    this.progress = progress;
  }

  /** What one chunk gave, in line order, and where the line being tested keeps its columns. */
  private final class Chunk extends ScannedChunk {
    /** Where the line's columns start and end. */
    final int[] starts = new int[columns == null ? 0 : columns.count];
    final int[] ends = new int[starts.length];
    /** Where the epoch times are read into (the JSON scan's line: it keeps the last second's digits). */
    final ZeekJsonScanner.Line times = new ZeekJsonScanner.Line();

    Chunk() {
      super(plan.spares().take(name));
    }
  }

  /** The file's header, the offset of its first record and the lines before it; null when it is to be read whole. */
  private record Start(ZeekTsvReader.Header header, long offset, long lines) {}

  void scan() throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      Start start = header(channel, size);
      if (start == null) {
        // no header the scan can take (none, too long, not ASCII) or no records: the reader reads it all
        try (InputStream in = Channels.newInputStream(channel.position(0))) {
          reader.read(name, new BufferedInputStream(in, 1 << 16), sink);
        }
        progress.update(name, size, size);
        return;
      }
      columns = Columns.of(start.header());
      long step = Math.max(1 << 16, plan.chunkBytes());
      Deque<Future<Chunk>> pending = new ArrayDeque<>();
      long next = start.offset();
      long linesBefore = start.lines();
      int ahead = Math.max(2, plan.parallelism() * 2);
      try {
        while (next < size || !pending.isEmpty()) {
          while (next < size && pending.size() < ahead) {
            long from = next;
            long to = Math.min(size, next + step);
            boolean first = from == start.offset();
            pending.add(plan.pool().submit(() -> chunk(channel, size, from, to, first, start.header())));
            next = to;
          }
          Chunk c = ScannedChunk.get(pending.removeFirst());
          c.deliver(sink, linesBefore);
          plan.spares().give(c.connections);
          linesBefore += c.lines;
          if (c.stopOffset >= 0) {
            for (Future<Chunk> f : pending) f.cancel(false);
            pending.clear();
            try (FileChannel rest = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(rest.position(c.stopOffset))) {
              // a copy: tasks cancelled while running still read theirs, and the reader changes it at a new header
              reader.read(name, new BufferedInputStream(in, 1 << 16), sink, linesBefore, start.header().copy());
            }
            progress.update(name, size, size);
            return;
          }
          progress.update(name, c.end, size);
        }
      } finally {
        for (Future<Chunk> f : pending) f.cancel(false);
      }
    }
  }

  /**
   * Reads the header lines at the file's start (blank lines and lines that start with {@code #}), as the reader would:
   * null when they are not all ASCII and within {@link #HEADER_BYTES}, when they name no fields, or when no record
   * follows them.
   */
  private @Nullable Start header(FileChannel channel, long size) throws IOException {
    int n = (int) Math.min(size, HEADER_BYTES);
    byte[] b = new byte[n];
    ScannedChunk.read(channel, file, b, 0, 0, n);
    ZeekTsvReader.Header header = new ZeekTsvReader.Header(name);
    int p = 0;
    long lines = 0;
    while (p < n) {
      int nl = indexOf(b, (byte) '\n', p, n);
      if (nl < 0) return null; // the header runs past what was read, or the file ends in it
      int from = p;
      int to = nl;
      if (lines == 0 && to - from >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) from = 3;
      if (to > from && b[to - 1] == '\r') to--;
      if (to > from && b[from] != '#') break; // the first record
      for (int i = from; i < to; i++) if (b[i] < 0) return null;
      if (to > from) header.apply(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
      lines++;
      p = nl + 1;
    }
    if (p >= n || header.fields == null) return null;
    return new Start(header, p, lines);
  }

  /**
   * Scans the lines that start in {@code [start, end)}; {@code first}: {@code start} is the first record's start,
   * else a line begun before it is the chunk before's.
   */
  private Chunk chunk(FileChannel channel, long size, long start, long end, boolean first, ZeekTsvReader.Header header)
      throws IOException {
    Chunk c = new Chunk();
    c.end = end;
    long base = first ? start : start - 1;
    long most = Math.min(size, end + MAX_LINE + 2);
    int length = (int) (Math.min(most, end + LAST_LINE_READ) - base);
    byte[] b = buffer((int) (most - base));
    ScannedChunk.read(channel, file, b, base, 0, length);
    int p = 0;
    if (!first) {
      int nl = indexOf(b, (byte) '\n', 0, length);
      while (nl < 0 && base + length < most) {
        int more = (int) (most - base);
        ScannedChunk.read(channel, file, b, base, length, more);
        nl = indexOf(b, (byte) '\n', length, more);
        length = more;
      }
      if (nl < 0) return c; // the line begun before runs past the chunk: it is the chunk before's
      p = nl + 1;
    }
    while (base + p < end) {
      int nl = indexOf(b, (byte) '\n', p, length);
      if (nl < 0 && base + length < most) {
        // the chunk's last line runs past what was read: read up to the longest line there may be
        int more = (int) (most - base);
        ScannedChunk.read(channel, file, b, base, length, more);
        nl = indexOf(b, (byte) '\n', length, more);
        length = more;
      }
      int le = nl < 0 ? length : nl;
      if (nl < 0 && base + length < size || le - p > MAX_LINE || !line(b, p, le, c.lines + 1, c, header)) {
        c.stopOffset = base + p;
        return c;
      }
      c.lines++;
      p = le + 1;
    }
    return c;
  }

  /**
   * Handles one line ({@code \r} and all, without its {@code \n}); false when the reader must take over from it.
   *
   * @param number the line's number within the chunk
   */
  private boolean line(byte[] b, int from, int to, long number, Chunk c, ZeekTsvReader.Header header) {
    if (to > from && b[to - 1] == '\r') to--;
    if (to == from) return true; // blank: the reader skips it too
    if (b[from] == '#') return false; // a header line may change the header
    Columns k = columns;
    if (k == null) return record(b, from, to, number, c, header);
    // the columns' places, and whether the line is ASCII (the reader decodes anything else, or reports it)
    int[] start = c.starts;
    int[] end = c.ends;
    int n = k.count;
    int col = 0;
    start[0] = from;
    byte separator = k.separator;
    for (int i = from; i < to; i++) {
      byte x = b[i];
      if (x < 0) return false;
      if (x == separator) {
        if (col == n - 1) return false; // too many columns: the reader reports it
        end[col++] = i;
        start[col] = i + 1;
      }
    }
    if (col != n - 1) return false;
    end[col] = to;
    // the time, as ZeekEvents reads it: epoch digits by the JSON scan's reader (no string, no instant), else as text
    boolean timed = false;
    long seconds = 0;
    int nanos = 0;
    if (k.ts >= 0 && !k.unset(b, start[k.ts], end[k.ts]) && !k.empty(b, start[k.ts], end[k.ts])) {
      ZeekJsonScanner.Line times = c.times;
      if (ZeekJsonScanner.epoch(b, start[k.ts], end[k.ts], times)) {
        seconds = times.seconds;
        nanos = times.nanos;
        timed = true;
      } else {
        if (escaped(b, start[k.ts], end[k.ts])) return record(b, from, to, number, c, header);
        String ts = new String(b, start[k.ts], end[k.ts] - start[k.ts], StandardCharsets.ISO_8859_1);
        Instant time = ZeekEvents.time(ts);
        if (time == null && ZeekEvents.badTime(ts) != null) return false; // the reader reports it
        if (time != null) {
          seconds = time.getEpochSecond();
          nanos = time.getNano();
          timed = true;
        }
      }
    }
    IndicatorDetector.Prefilter ioc = plan.indicators();
    if (ioc != null) {
      // the URL the reader makes of an HTTP record: tested on the event itself
      if (k.http && ioc.urls()) return record(b, from, to, number, c, header);
      for (int r = 0; r < k.roleColumns.length; r++) {
        int at = k.roleColumns[r];
        int s = start[at];
        int e = end[at];
        if (s == e || k.unset(b, s, e) || k.empty(b, s, e)) continue; // left out, or empty: no role hits nothing
        if (escaped(b, s, e)) return record(b, from, to, number, c, header);
        boolean may = switch (k.roles[r]) {
          // an address where a name is expected is an endpoint: it may hit an address indicator
          case NAME -> (ioc.names() || ioc.addresses()) && ioc.name(b, s, e, MISSES.get());
          case ADDRESS -> ioc.addresses() && ioc.address(b, s, e);
          case HASH -> ioc.hashes()
              && ioc.value(IndicatorDetector.Role.HASH, new String(b, s, e - s, StandardCharsets.ISO_8859_1));
          case URL -> ioc.urls();
        };
        if (may) return record(b, from, to, number, c, header);
      }
    }
    if (timed && plan.outside(seconds, nanos)) {
      c.skippedOut++;
      return true;
    }
    if (!plan.beacons() || !timed || k.kind < 0 || k.source < 0 || k.destination < 0) {
      c.skippedIn++; // no detector needs it
      return true;
    }
    int ss = start[k.source];
    int se = end[k.source];
    int ds = start[k.destination];
    int de = end[k.destination];
    if (k.unset(b, ss, se) || k.unset(b, ds, de) || k.empty(b, ds, de) || de == ds
        || (de - ds == 1 && b[ds] == '-')) {
      c.skippedIn++; // no source, or no destination: no connection (BeaconDetector.inspect)
      return true;
    }
    // an empty source (the marker or nothing) is an empty string to the reader, not an absent one: its event decides
    if (ss == se || k.empty(b, ss, se) || escaped(b, ss, se) || escaped(b, ds, de)) {
      return record(b, from, to, number, c, header);
    }
    int rs = -1;
    int re = -1;
    if (k.responder >= 0 && !k.unset(b, start[k.responder], end[k.responder])) {
      rs = start[k.responder];
      re = end[k.responder];
      if (rs == re || k.empty(b, rs, re) || escaped(b, rs, re)) return record(b, from, to, number, c, header);
    }
    long sourcePort = k.number(b, k.sourcePort, start, end, 5);
    long responderPort = k.number(b, k.responderPort, start, end, 5);
    long size = k.number(b, k.size, start, end, 18);
    if (sourcePort == ESCAPED || responderPort == ESCAPED || size == ESCAPED) return record(b, from, to, number, c, header);
    c.connections.add(k.kind, b, ss, se, ds, de, rs, re, (int) sourcePort, (int) responderPort, seconds, nanos, size,
        number);
    return true;
  }

  private static final long ESCAPED = Long.MIN_VALUE;

  /** Whether {@code b[from, to)} holds an escape ({@code \\xHH}), which the reader decodes. */
  private static boolean escaped(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] == '\\') return true;
    return false;
  }

  /**
   * Where a header's fields are, for the test of a record by its bytes: the separator (one ASCII byte), the unset and
   * empty markers, the columns that carry indicators ({@link IndicatorDetector#role}) and those a connection needs.
   */
  private static final class Columns {
    final byte separator;
    final byte[] unset;
    final byte[] empty;
    final int count;
    final int[] roleColumns;
    final IndicatorDetector.Role[] roles;
    final boolean http;
    final int ts;
    /** {@link ConnectionBatch#CONN}, {@code SSL} or {@code HTTP}; -1 for a log of no connections. */
    final int kind;
    final int source;
    final int sourcePort;
    final int responder;
    final int responderPort;
    final int destination;
    final int size;

    private Columns(ZeekTsvReader.Header h, String path) {
      List<String> fields = List.of(h.fields);
      separator = (byte) h.separator.charAt(0);
      unset = h.unset.getBytes(StandardCharsets.ISO_8859_1);
      empty = h.empty.getBytes(StandardCharsets.ISO_8859_1);
      count = fields.size();
      List<Integer> at = new ArrayList<>();
      List<IndicatorDetector.Role> role = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        IndicatorDetector.Role r = IndicatorDetector.role(fields.get(i));
        if (r == null) continue;
        at.add(i);
        role.add(r);
      }
      roleColumns = at.stream().mapToInt(Integer::intValue).toArray();
      roles = role.toArray(new IndicatorDetector.Role[0]);
      http = path.equals("http");
      ts = fields.indexOf("ts");
      String destinationField;
      String sizeField;
      switch (path) {
        case "conn" -> { kind = ConnectionBatch.CONN; destinationField = "id.resp_h"; sizeField = "orig_bytes"; }
        case "ssl" -> { kind = ConnectionBatch.SSL; destinationField = "server_name"; sizeField = null; }
        case "http" -> { kind = ConnectionBatch.HTTP; destinationField = "host"; sizeField = "request_body_len"; }
        default -> { kind = -1; destinationField = null; sizeField = null; }
      }
      source = fields.indexOf("id.orig_h");
      sourcePort = fields.indexOf("id.orig_p");
      responder = fields.indexOf("id.resp_h");
      responderPort = fields.indexOf("id.resp_p");
      destination = destinationField == null ? -1 : fields.indexOf(destinationField);
      size = sizeField == null ? -1 : fields.indexOf(sizeField);
    }

    /**
     * The columns of a header whose records can be tested by their bytes, or null: a separator of more than one byte
     * or not ASCII, a log named neither by its header nor by its file (the reader infers it record by record), a
     * column named as a mapped export's ({@code @domain:...}), which the detector reads too, or a name given twice.
     */
    static @Nullable Columns of(ZeekTsvReader.Header h) {
      String path = h.path();
      if (h.fields == null || path == null || h.separator.length() != 1 || h.separator.charAt(0) >= 0x80) return null;
      for (String f : h.fields) if (f.startsWith("@")) return null;
      // a name twice: the reader's event keeps the last set value of it, which a column's place does not tell
      if (new java.util.HashSet<>(List.of(h.fields)).size() != h.fields.length) return null;
      return new Columns(h, path);
    }

    boolean unset(byte[] b, int from, int to) {
      return same(b, from, to, unset);
    }

    boolean empty(byte[] b, int from, int to) {
      return same(b, from, to, empty);
    }

    private static boolean same(byte[] b, int from, int to, byte[] marker) {
      if (to - from != marker.length) return false;
      for (int i = 0; i < marker.length; i++) if (b[from + i] != marker[i]) return false;
      return true;
    }

    /**
     * A number of at most {@code digits} digits in column {@code at}, as the reader and detectors read it: -1 when the
     * column is absent, unset, empty or not such a number; {@link #ESCAPED} when it holds an escape.
     */
    long number(byte[] b, int at, int[] start, int[] end, int digits) {
      if (at < 0) return -1;
      int s = start[at];
      int e = end[at];
      if (unset(b, s, e) || empty(b, s, e)) return -1;
      if (escaped(b, s, e)) return ESCAPED;
      if (e == s || e - s > digits) return -1;
      long n = 0;
      for (int i = s; i < e; i++) {
        byte x = b[i];
        if (x < '0' || x > '9') return -1;
        n = n * 10 + (x - '0');
      }
      return n;
    }
  }

  /** The record as the reader reads it: its event, tested by the detector itself; false when the reader must take over. */
  private boolean record(byte[] b, int from, int to, long number, Chunk c, ZeekTsvReader.Header header) {
    for (int i = from; i < to; i++) if (b[i] < 0) return false;
    String[] values = ZeekTsvReader.split(new String(b, from, to - from, StandardCharsets.ISO_8859_1), header.separator);
    if (values.length != header.fields.length) return false; // the reader reports it
    TelemetryEvent e = header.event(values, name, number);
    if (ZeekEvents.badTime(e) != null) return false; // the reader reports it
    Instant time = e.time();
    if (time != null && plan.outside(time.getEpochSecond(), time.getNano())) {
      c.skippedOut++;
      return true;
    }
    IndicatorDetector.Prefilter ioc = plan.indicators();
    if (ioc != null && ioc.event(e)) {
      c.whole(e);
      return true;
    }
    if (!plan.beacons() || time == null) {
      c.skippedIn++; // no detector needs it (the beacon detector leaves out events without a time)
      return true;
    }
    if (!connection(e, time, number, c)) c.whole(e);
    return true;
  }

  /**
   * Adds the event to the chunk's connections when the beacon detector takes it as one (as it does an event: {@code
   * inspect}), else counts it; false when it must go whole instead (a name or address not ASCII).
   */
  private boolean connection(TelemetryEvent e, Instant time, long number, Chunk c) {
    int kind;
    String destination;
    String size;
    switch (e.kind()) {
      case "zeek.conn": kind = ConnectionBatch.CONN; destination = "id.resp_h"; size = "orig_bytes"; break;
      case "zeek.ssl": kind = ConnectionBatch.SSL; destination = "server_name"; size = null; break;
      case "zeek.http": kind = ConnectionBatch.HTTP; destination = "host"; size = "request_body_len"; break;
      default:
        c.skippedIn++;
        return true;
    }
    String to = e.field(destination);
    String source = e.sourceAddress();
    if (to == null || to.isEmpty() || to.equals("-") || source == null) {
      c.skippedIn++;
      return true;
    }
    String responder = e.destinationAddress();
    String key = responder == null ? source + to : source + to + responder;
    byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < key.length(); i++) if (key.charAt(i) >= 0x80) return false;
    int s = source.length();
    int d = s + to.length();
    c.connections.add(kind, bytes, 0, s, s, d, responder == null ? -1 : d, responder == null ? -1 : bytes.length,
        e.sourcePort(), e.destinationPort(), time.getEpochSecond(), time.getNano(),
        size == null ? -1 : requestBytes(e.field(size)), number);
    return true;
  }

  /** A size as the beacon detector reads it: digits alone, at most 18 of them; else -1. */
  private static long requestBytes(@Nullable String s) {
    if (s == null || s.isEmpty() || s.length() > 18) return -1;
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') return -1;
      n = n * 10 + (ch - '0');
    }
    return n;
  }

  private static byte[] buffer(int length) {
    byte[] b = BUFFERS.get();
    if (b == null || b.length < length) {
      b = new byte[length];
      BUFFERS.set(b);
    }
    return b;
  }


  private static int indexOf(byte[] b, byte v, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] == v) return i;
    return -1;
  }
}
