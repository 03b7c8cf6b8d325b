package io.chainwatch.formats.telemetry.zeek;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.common.Progress;
import io.chainwatch.formats.telemetry.EpochSeconds;
import io.chainwatch.formats.telemetry.JsonRecords;
import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ConnectionBatch;
import io.chainwatch.hunt.IndicatorDetector;
import io.chainwatch.hunt.NameTable;
import io.chainwatch.hunt.ScanPlan;
import io.chainwatch.hunt.ScanSink;
import io.chainwatch.hunt.TelemetryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Scans a Zeek JSON file in parallel: the file is read in chunks split at line ends, threads walk each line's
 * bytes without building a JSON tree, keep only the fields a detector needs (the time, the endpoints, the names,
 * hashes and URLs that carry indicators, the destination and size a beacon series needs), test names against the
 * indicators' byte-level hash table, and hand on:
 *
 * <ul>
 *   <li>a whole event, parsed by {@link ZeekJsonReader} exactly as it would be, for a line that may hit an indicator
 *       or that the walker does not fully understand (escapes in a field it needs, non-ASCII text, nested objects);
 *   <li>a connection event (time, endpoints, destination, size) for the beacon detector;
 *   <li>nothing but a count for the rest.
 * </ul>
 *
 * <p>The main thread takes the chunks' results in file order, so the detectors see the same events in the same order
 * as when the reader reads the file. A line the reader would report as a problem (too long, not UTF-8, not a JSON
 * object, a record over several lines) ends the scan: the reader reads the rest of the file from that line, and
 * reports it. The walker accepts only strict JSON (RFC 8259) that Jackson parses to the same values; anything else is
 * a whole-event line.
 */
final class ZeekJsonScanner {
  private static final int MAX_LINE = TelemetryLines.DEFAULT_MAX_LINE_BYTES;
  /** Read past a chunk's end for its last line; a longer last line makes its chunk read up to {@link #MAX_LINE}. */
  static final int LAST_LINE_READ = 64 << 10;

  // field codes: what the scanner keeps of a line
  private static final int TS = 0;
  private static final int PATH = 1;
  private static final int STREAM = 2;
  private static final int ORIG_H = 3;
  private static final int ORIG_P = 4;
  private static final int RESP_H = 5;
  private static final int RESP_P = 6;
  private static final int HOST = 7;
  private static final int SERVER_NAME = 8;
  private static final int REQUEST_BODY_LEN = 9;
  private static final int ORIG_BYTES = 10;
  private static final int URL = 11;
  private static final int URI = 12;
  private static final List<String> FIXED = List.of("ts", "_path", "@stream", "id.orig_h", "id.orig_p", "id.resp_h",
      "id.resp_p", "host", "server_name", "request_body_len", "orig_bytes", "url", "uri");
  /** The fields {@link ZeekJsonReader#inferPath} asks about. */
  private static final List<String> INFERENCE = List.of("query", "qtype_name", "trans_id", "method", "status_code",
      "server_name", "cipher", "certificate.subject", "fuid", "mime_type", "seen_bytes", "conn_state", "orig_bytes");

  static final KeyTable KEYS = new KeyTable();

  private static final int STRING = 1;
  /** A number with a sign, a fraction or an exponent. */
  private static final int NUMBER = 2;
  /** A number of digits alone: text the reader's tree gives back unchanged, which {@link #plain} asks. */
  private static final int INTEGER = 3;

  private final ZeekJsonReader reader;
  private final Path file;
  private final String name;
  private final ScanPlan plan;
  private final ScanSink sink;
  private final Progress progress;
  private final @Nullable String fromName;
  /** Each scan thread's copy of its chunk: one for all files, not one per file and thread. */
  private static final ThreadLocal<byte[]> BUFFERS = new ThreadLocal<>();
  /** Each scan thread's names that missed lately: for all its chunks, which share most of their names. */
  private static final ThreadLocal<NameTable.Misses> MISSES = ThreadLocal.withInitial(NameTable.Misses::new);

  ZeekJsonScanner(ZeekJsonReader reader, Path file, String name, ScanPlan plan, ScanSink sink, Progress progress) {
    this.reader = reader;
    this.file = file;
    this.name = name;
    this.plan = plan;
    this.sink = sink;
    this.progress = progress;
    this.fromName = ZeekJsonReader.pathFromFileName(name);
  }

  /** What one chunk gave, in line order. */
  private final class Chunk extends ScannedChunk {
    Chunk() {
      super(plan.spares().take(name));
    }
  }

  void scan() throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long step = Math.max(1 << 16, plan.chunkBytes());
      Deque<Future<Chunk>> pending = new ArrayDeque<>();
      long next = 0;
      long linesBefore = 0;
      int ahead = Math.max(2, plan.parallelism() * 2);
      try {
        while (next < size || !pending.isEmpty()) {
          while (next < size && pending.size() < ahead) {
            long from = next;
            // Near the end of the file, smaller chunks: the file's last chunks are scanned while nothing of the next
            // file is, and with whole chunks one thread waited out the other's last chunk at every file's end.
            long left = size - next;
            long piece = left > (long) plan.parallelism() * step ? step : Math.max(1 << 16, step / 4);
            long to = Math.min(size, next + piece);
            pending.add(plan.pool().submit(() -> chunk(channel, size, from, to)));
            next = to;
          }
          Chunk c = ScannedChunk.get(pending.removeFirst());
          c.deliver(sink, linesBefore);
          plan.spares().give(c.connections);
          if (c.stopOffset >= 0) {
            // Not interrupted: an interrupt during a read closes the channel (it is interruptible) under the tasks
            // still running. The reader reads the rest through a channel of its own.
            for (Future<Chunk> f : pending) f.cancel(false);
            pending.clear();
            linesBefore += c.lines;
            try (FileChannel rest = FileChannel.open(file, StandardOpenOption.READ);
                InputStream in = Channels.newInputStream(rest.position(c.stopOffset))) {
              reader.read(name, new java.io.BufferedInputStream(in, 1 << 16), sink, linesBefore);
            }
            progress.update(name, size, size);
            return;
          }
          linesBefore += c.lines;
          progress.update(name, c.end, size);
        }
      } finally {
        for (Future<Chunk> f : pending) f.cancel(false);
      }
    }
  }

  private byte[] buffer(int length) {
    byte[] b = BUFFERS.get();
    if (b == null || b.length < length) {
      // with room after the bytes read, where the walk reads words ahead of a field it matches
      b = new byte[length + RUN_BYTES];
      BUFFERS.set(b);
    }
    return b;
  }

  /** Scans the lines that start in {@code [start, end)}. */
  private Chunk chunk(FileChannel channel, long size, long start, long end) throws IOException {
    Chunk c = new Chunk();
    c.end = end;
    // The chunk and a little more, for its last line: the whole allowance of a line (MAX_LINE) is read only when that
    // line turns out longer, instead of for every chunk (an eighth more bytes copied at 8 MiB chunks).
    long most = Math.min(size, end + MAX_LINE + 2);
    Window w = new Window(channel, size, start == 0 ? 0 : start - 1, Math.min(most, end + LAST_LINE_READ));
    byte[] b = w.b;
    int p = 0;
    if (start > 0) {
      int nl;
      while ((nl = indexOf(b, (byte) '\n', 0, w.length)) < 0) {
        if (!w.more(w.length, w.normalEnd)) return c;
      }
      p = nl + 1;
    }
    Line line = new Line();
    line.inferring = fromName == null;
    line.misses = MISSES.get();
    while (w.base + p < end) {
      if (p >= w.complete) {
        // no whole line left: read on, keeping the line begun, unless it is too long already
        if (w.length - p > MAX_LINE || !w.more(p, w.normalEnd) && !w.more(p, most)) {
          c.stopOffset = w.base + p;
          return c;
        }
        p = 0;
        continue;
      }
      int complete = w.complete;
      if (b[p] == '{') {
        // most lines: walk the object and find where the line ends in one pass
        line.stamp++;
        int le = walk(b, p, complete, line);
        if (le >= 0 && le - p <= MAX_LINE && (le < complete || w.atEnd())) {
          if (!fields(b, p, le, c.lines + 1, c, line)) {
            c.stopOffset = w.base + p;
            return c;
          }
          c.lines++;
          p = le + 1;
          continue;
        }
      }
      int nl = indexOf(b, (byte) '\n', p, complete);
      int le = nl < 0 ? complete : nl; // no newline: the file's last line
      if (le - p > MAX_LINE || !line(b, p, le, c.lines + 1, c, line)) {
        c.stopOffset = w.base + p;
        return c;
      }
      c.lines++;
      p = nl < 0 ? complete : nl + 1;
    }
    return c;
  }

  /**
   * How much of a chunk is read at a time: a window the walk then reads from the processor's cache (its L2, 512 KiB
   * to 1 MiB a core on today's servers). At most a quarter of a chunk, so that small chunks (tests) have several.
   */
  static final int WINDOW = 256 << 10;

  /**
   * A chunk's bytes, read a window at a time into this thread's buffer: the walk reads each window right after it
   * was copied there, from the processor's cache, instead of a whole chunk (8 MiB) from memory. The bytes of a line
   * not read whole are moved to the buffer's start before the next window.
   */
  private final class Window {
    final FileChannel channel;
    final long size;
    /** Where reads stop unless a line begun needs more: a little past the chunk's end. */
    final long normalEnd;
    final int window = Math.max(4096, Math.min(WINDOW, plan.chunkBytes() / 4));
    final byte[] b;
    /** The file's offset of {@code b[0]}. */
    long base;
    /** The bytes read: {@code b[0, length)}. */
    int length;
    /** The end of the whole lines read: just past the last newline, or {@link #length} at the file's end. */
    int complete;

    Window(FileChannel channel, long size, long from, long normalEnd) throws IOException {
      this.channel = channel;
      this.size = size;
      this.normalEnd = normalEnd;
      this.b = buffer(MAX_LINE + 2 + window);
      this.base = from;
      more(0, normalEnd);
    }

    /** Whether the file's last byte was read. */
    boolean atEnd() {
      return base + length == size;
    }

    /**
     * Keeps {@code b[keep, length)}, moved to the start, and reads up to a window more, not past file offset
     * {@code to}; false when nothing more could be read. What is kept holds no newline: it is a line begun, or nothing.
     */
    boolean more(int keep, long to) throws IOException {
      long readTo = base + length;
      int n = (int) Math.min(window, to - readTo);
      if (n <= 0) return false;
      if (keep > 0) {
        System.arraycopy(b, keep, b, 0, length - keep);
        base += keep;
        length -= keep;
      }
      ScannedChunk.read(channel, file, b, base, length, length + n);
      length += n;
      if (atEnd()) {
        complete = length;
      } else {
        int nl = length - 1;
        while (nl >= length - n && b[nl] != '\n') nl--;
        complete = nl >= length - n ? nl + 1 : 0;
      }
      return true;
    }
  }


  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The first {@code v} in {@code b[from, to)}, or -1; eight bytes at a time (the scan's hottest loop). */
  private static int indexOf(byte[] b, byte v, int from, int to) {
    long pattern = (v & 0xffL) * 0x0101010101010101L;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (found != 0) return i + lowestFlaggedByte(found);
    }
    for (; i < to; i++) if (b[i] == v) return i;
    return -1;
  }

  /**
   * The place (0 to 7) of the lowest byte whose high bit is set in {@code flags}, in which only bytes' high bits are
   * set. One multiplication: {@code Long.numberOfTrailingZeros} is no intrinsic on the quick compiler (C1), which runs
   * most hunts, and costs a call and a search there.
   */
  static int lowestFlaggedByte(long flags) {
    // the lowest flag, moved to bit 8k, times bytes 7..0 puts k in the top byte
    return (int) ((((flags & -flags) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /** The fields kept of the line being walked. */
  private static final int SHAPE = 48;
  /** The most bytes a place's shape matches. */
  private static final int SHAPE_BYTES = 24;
  /** The most bytes a place's whole field matches. */
  private static final int FIELD_BYTES = 64;
  /** The most words and bytes a place's run of fields matches. */
  private static final int RUN_WORDS = 24;
  private static final int RUN_BYTES = 8 * RUN_WORDS;
  /** How many lines in a row a place's field may differ before it is no longer kept. */
  private static final int FIELD_MISSES = 3;
  /** Every this many lines (a power of two), the places whose fields changed too often are tried again. */
  private static final int FIELD_RETRY = 4096;

  static final class Line {
    final int[] start = new int[KEYS.codes()];
    final int[] end = new int[KEYS.codes()];
    final int[] type = new int[KEYS.codes()];
    final long[] seen = new long[KEYS.codes()];
    /** The codes of the keys kept that carry indicators, in the order of the line, and how many. */
    final int[] roles = new int[KEYS.codes()];
    int roleCount;
    long stamp;
    /**
     * The keys of the lines walked before, by their place in the line: a Zeek log writes every line's keys in the same
     * order, so that the key at a place is most often the one there before, and matching its bytes is cheaper than
     * finding the quote, looking the key up and reading the colon and the value's first byte one test at a time. The
     * bytes matched are the key with its quotes, the colon and, when the value was a string, its opening quote: up to
     * {@link #SHAPE_BYTES}, as three masked words.
     */
    final long[] shapeFirst = new long[SHAPE];
    final long[] shapeSecond = new long[SHAPE];
    final long[] shapeThird = new long[SHAPE];
    final long[] shapeFirstMask = new long[SHAPE];
    final long[] shapeSecondMask = new long[SHAPE];
    final long[] shapeThirdMask = new long[SHAPE];
    /** How many bytes the place's shape matches, 0 when the place has no key to match. */
    final int[] shapeLength = new int[SHAPE];
    final int[] shapeCode = new int[SHAPE];
    /** Whether the place's shape ends with a string's opening quote. */
    final boolean[] shapeString = new boolean[SHAPE];
    /**
     * The whole fields of the lines walked before, by their place: the key, the value and the comma after it, up to
     * {@link #FIELD_BYTES}; or, where two or more such fields, none of them kept, followed each other and matched their
     * places' fields, all their bytes, up to {@link #RUN_BYTES} (the flags and codes of a Zeek line stand side by side:
     * a DNS line's eleven from qclass to Z are matched at once). As words ({@link #RUN_WORDS} a place), the last one
     * masked. Most values of a Zeek log are the line before's at the same place (a protocol, a flag, a status): bytes
     * the walk took before tell all it reads of them again, where the value starts and ends, its type and that a next
     * field follows.
     */
    final long[] field = new long[SHAPE * RUN_WORDS];
    final long[] fieldMask = new long[SHAPE];
    /** How many bytes the place's field matches, 0 when it has none to match. */
    final int[] fieldLength = new int[SHAPE];
    /** How many places the bytes cover: 1 for a field, more for a run, 0 for the last field with its closing brace. */
    final int[] fieldPlaces = new int[SHAPE];
    final int[] fieldCode = new int[SHAPE];
    /** The value's start and end, from the field's start, and its type: for a field kept. */
    final int[] fieldStart = new int[SHAPE];
    final int[] fieldEnd = new int[SHAPE];
    final int[] fieldType = new int[SHAPE];
    /**
     * The place's field was not the line before's this many times in a row: a value that changes on every line (a
     * time, an id) stops being kept after {@link #FIELD_MISSES}, until every place is tried again.
     */
    final int[] fieldMisses = new int[SHAPE];
    /**
     * Whether the log of a line may have to be inferred from its keys (the file's name does not tell it): else the keys
     * kept for that alone are walked as any other, which spares the walk their bookkeeping and lets it take them with
     * the fields around them.
     */
    boolean inferring = true;
    /** The names that missed lately on this thread ({@link NameTable.Misses}); null: none kept. */
    NameTable.@Nullable Misses misses;
    /**
     * The first ten bytes of the last time read with ten digits of seconds and a fraction, as a word and two bytes (-1:
     * none yet), and those seconds.
     */
    long secondsFirst;
    int secondsRest = -1;
    long secondsRead;
    /** The line's time, when read. */
    long seconds;
    int nanos;
  }

  /**
   * Handles one line; false when the reader must take over from it (it would report a problem there).
   *
   * @param number the line's number within the chunk
   */
  private boolean line(byte[] b, int from, int to, long number, Chunk c, Line l) {
    l.stamp++;
    int p = skip(b, from, to);
    if (p == to) return true; // blank: the reader skips it too
    if (b[p] != '{') return false;
    if (walk(b, p, to, l) != to) return whole(b, from, to, number, c);
    return fields(b, from, to, number, c, l);
  }

  /** Handles a line {@link #walk} took as a simple object, from the fields it kept; false as for {@link #line}. */
  private boolean fields(byte[] b, int from, int to, long number, Chunk c, Line l) {
    // the path, as the reader decides it
    String path;
    if (has(l, PATH)) {
      if (l.type[PATH] != STRING) return whole(b, from, to, number, c);
      path = path(b, l.start[PATH], l.end[PATH]);
    } else if (has(l, STREAM)) {
      if (l.type[STREAM] != STRING) return whole(b, from, to, number, c);
      path = path(b, l.start[STREAM], l.end[STREAM]);
    } else if (fromName != null) {
      path = fromName;
    } else {
      Map<String, String> present = new HashMap<>();
      for (String k : INFERENCE) if (has(l, KEYS.code(k))) present.put(k, "");
      path = ZeekJsonReader.inferPath(present);
    }
    IndicatorDetector.Prefilter ioc = plan.indicators();
    if (ioc != null) {
      if (ioc.urls() && (has(l, URL) || (path.equals("http") && mayHitUrl(b, l, ioc)))) return whole(b, from, to, number, c);
      // the keys with roles the walk met, not every key that may have one: most lines have one or two of 23
      for (int r = 0; r < l.roleCount; r++) {
        int code = l.roles[r];
        IndicatorDetector.Role role = KEYS.role(code);
        if (l.type[code] != STRING) return whole(b, from, to, number, c);
        int s = l.start[code];
        int e = l.end[code];
        switch (role) {
          case NAME:
            // an address where a name is expected (a Host, an SNI) is an endpoint: it may hit an address indicator
            if ((ioc.names() || ioc.addresses()) && ioc.name(b, s, e, l.misses)) return whole(b, from, to, number, c);
            break;
          case ADDRESS:
            if (ioc.addresses() && ioc.address(b, s, e)) return whole(b, from, to, number, c);
            break;
          case HASH:
            if (ioc.hashes() && ioc.value(role, ascii(b, s, e))) return whole(b, from, to, number, c);
            break;
          default:
            if (ioc.urls()) return whole(b, from, to, number, c);
            break;
        }
      }
    }
    int destination = -1;
    int size = -1;
    int kind = -1;
    if (plan.beacons()) {
      switch (path) {
        case "http": destination = HOST; size = REQUEST_BODY_LEN; kind = ConnectionBatch.HTTP; break;
        case "ssl": destination = SERVER_NAME; kind = ConnectionBatch.SSL; break;
        case "conn": destination = RESP_H; size = ORIG_BYTES; kind = ConnectionBatch.CONN; break;
        default: break;
      }
    }
    boolean connection = destination >= 0 && has(l, ORIG_H) && has(l, destination);
    if (!connection && !plan.windowed()) {
      c.skippedIn++; // no detector needs it, and every event is in the window: its time does not matter
      return true;
    }
    // the event's time, as ZeekEvents reads it
    boolean timed = false;
    if (has(l, TS)) {
      if (l.type[TS] == NUMBER || l.type[TS] == INTEGER) {
        if (!epoch(b, l.start[TS], l.end[TS], l)) return whole(b, from, to, number, c);
        timed = true;
      } else {
        Instant time = ZeekEvents.time(ascii(b, l.start[TS], l.end[TS]));
        if (time != null) {
          l.seconds = time.getEpochSecond();
          l.nanos = time.getNano();
          timed = true;
        } else if (l.end[TS] > l.start[TS]) {
          return whole(b, from, to, number, c); // no time: the reader reports it, unless it is masked
        }
      }
    }
    if (timed && plan.outside(l.seconds, l.nanos)) {
      c.skippedOut++;
      return true;
    }
    if (connection && timed) {
      // field by field, not over an array of the codes: that array was made for every line until C2 compiled this
      if (!plainOrAbsent(l, ORIG_H) || !plainOrAbsent(l, ORIG_P) || !plainOrAbsent(l, RESP_H)
          || !plainOrAbsent(l, RESP_P) || !plainOrAbsent(l, destination) || !plainOrAbsent(l, size)) {
        return whole(b, from, to, number, c);
      }
      int ds = l.start[destination];
      int de = l.end[destination];
      if (de > ds && !(de - ds == 1 && b[ds] == '-')) {
        long bytes = size >= 0 && has(l, size) ? digits(b, l.start[size], l.end[size], 18) : -1;
        c.connections.add(kind, b, l.start[ORIG_H], l.end[ORIG_H], ds, de, has(l, RESP_H) ? l.start[RESP_H] : -1,
            has(l, RESP_H) ? l.end[RESP_H] : -1, port(b, l, ORIG_P), port(b, l, RESP_P), l.seconds, l.nanos, bytes,
            number);
        return true;
      }
    }
    c.skippedIn++;
    return true;
  }

  /**
   * Whether the URL the reader makes of an HTTP line ({@link ZeekEvents#event}: the request target when it is absolute,
   * else {@code http://} with the Host and the target) may hit a URL indicator: only one of the indicators' hosts can
   * ({@link IndicatorDetector.Prefilter#urlHost}). A target that is neither absolute nor a path, or a field that is no
   * string, may make the URL's host another: yes.
   */
  private static boolean mayHitUrl(byte[] b, Line l, IndicatorDetector.Prefilter ioc) {
    int from = -1;
    int to = -1;
    if (has(l, URI)) {
      if (l.type[URI] != STRING) return true;
      int s = l.start[URI];
      int e = l.end[URI];
      int rest = startsWith(b, s, e, "http://") ? s + 7 : startsWith(b, s, e, "https://") ? s + 8 : -1;
      if (rest >= 0) {
        from = rest;
        to = rest;
        while (to < e && b[to] != '/' && b[to] != '?' && b[to] != '#') to++;
      } else if (e > s && b[s] != '/') {
        return true;
      }
    }
    if (from < 0) {
      if (!has(l, HOST)) return false; // neither an absolute target nor a Host: no URL
      if (l.type[HOST] != STRING) return true;
      from = l.start[HOST];
      to = l.end[HOST];
      if (from == to) return false;
    }
    return ioc.urlHost(b, from, to);
  }

  private static boolean startsWith(byte[] b, int from, int to, String prefix) {
    if (to - from < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) if (b[from + i] != prefix.charAt(i)) return false;
    return true;
  }

  private static boolean plainOrAbsent(Line l, int code) {
    return code < 0 || !has(l, code) || plain(l, code);
  }

  private static boolean has(Line l, int code) {
    return code >= 0 && l.seen[code] == l.stamp;
  }

  /** A string, or an integer without sign: text the reader's tree gives back unchanged. */
  private static boolean plain(Line l, int code) {
    int type = l.type[code];
    return type == STRING || type == INTEGER;
  }

  /** A port as {@link ZeekEvents#port} reads its text, or -1. */
  private static int port(byte[] b, Line l, int code) {
    return has(l, code) ? (int) digits(b, l.start[code], l.end[code], 5) : -1;
  }

  /** The decimal number of 1 to {@code most} digits in {@code b[from, to)}, or -1 for any other text. */
  static long digits(byte[] b, int from, int to, int most) {
    if (to <= from || to - from > most) return -1;
    long n = 0;
    for (int i = from; i < to; i++) {
      byte x = b[i];
      if (x < '0' || x > '9') return -1;
      n = n * 10 + (x - '0');
    }
    return n;
  }

  /** The line as the reader would parse it, whole; false when the reader must report it. */
  private boolean whole(byte[] b, int from, int to, long number, Chunk c) {
    int end = to > from && b[to - 1] == '\r' ? to - 1 : to;
    String text;
    boolean ascii = true;
    for (int i = from; i < end; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      text = new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    } else {
      try {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, end - from));
        text = chars.toString();
      } catch (CharacterCodingException e) {
        return false;
      }
    }
    if (!balanced(text)) return false;
    JsonNode node = JsonRecords.parseLine(text);
    if (node == null) return false;

    TelemetryEvent e = ZeekJsonReader.event(node, name, number, fromName);
    if (ZeekEvents.badTime(e) != null) return false; // the reader reports it
    c.whole(e);
    return true;
  }

  /** Whether the line closes every brace it opens, as the reader decides where a record ends. */
  private static boolean balanced(String text) {
    JsonRecords.Braces braces = new JsonRecords.Braces();
    braces.feed(text);
    return braces.depth() <= 0;
  }

  private static final int WHOLE = -1;

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = '"' * ONES;
  private static final long BACKSLASHES = '\\' * ONES;
  private static final long LOWS = 0x7f * ONES;
  private static final long FROM_SPACE = (0x80 - ' ') * ONES;
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int TRUE = word("true");
  private static final int ALSE = word("alse");
  private static final int NULL = word("null");

  private static int word(String four) {
    byte[] w = four.getBytes(StandardCharsets.US_ASCII);
    return (w[0] & 0xff) | (w[1] & 0xff) << 8 | (w[2] & 0xff) << 16 | (w[3] & 0xff) << 24;
  }

  /**
   * The first byte in {@code b[p, to)} that ends or interrupts a JSON string's plain text: a quote, a backslash, a
   * control character or a non-ASCII byte; {@code to} when there is none. Eight bytes at a time: most of a line is
   * string text.
   */
  static int special(byte[] b, int p, int to) {
    while (p + 8 <= b.length) {
      long x = (long) LONGS.get(b, p);
      // on each byte's low seven bits, where no sum carries into the next byte: the high bit is set when the byte is
      // no quote, no backslash, and from 0x20 up; a byte is flagged when that bit is clear, or when it is non-ASCII
      long low = x & LOWS;
      long m = ~(((low ^ QUOTES) + LOWS) & ((low ^ BACKSLASHES) + LOWS) & (low + FROM_SPACE)) | x;
      m &= HIGHS;
      if (m != 0) {
        int i = p + lowestFlaggedByte(m);
        return Math.min(i, to);
      }
      p += 8;
      if (p >= to) return to;
    }
    for (; p < to; p++) {
      byte x = b[p];
      if (x == '"' || x == '\\' || x < 0x20) return p;
    }
    return to;
  }

  /**
   * The end (the closing quote) of a string's text from {@code q}, where a backslash is: escapes checked as JSON has
   * them; -1 when the string is no valid JSON or has non-ASCII text (the reader's parser takes those lines).
   */
  private static int escaped(byte[] b, int q, int to) {
    while (true) {
      if (q >= to) return -1;
      byte x = b[q];
      if (x == '"') return q;
      if (x == '\\') {
        if (q + 1 >= to) return -1;
        byte y = b[q + 1];
        if (y == 'u') {
          if (q + 5 >= to || !hex(b[q + 2]) || !hex(b[q + 3]) || !hex(b[q + 4]) || !hex(b[q + 5])) return -1;
          q += 6;
        } else if (y == '"' || y == '\\' || y == '/' || y == 'b' || y == 'f' || y == 'n' || y == 'r' || y == 't') {
          q += 2;
        } else {
          return -1;
        }
        continue;
      }
      if (x < 0x20) return -1; // a control character, or non-ASCII
      q++;
    }
  }

  /** The end (the closing quote) of the string whose text starts at {@code q}; -1 as for {@link #escaped}. */
  private static int string(byte[] b, int q, int to) {
    q = special(b, q, to);
    if (q >= to) return -1;
    byte x = b[q];
    if (x == '"') return q;
    return x == '\\' ? escaped(b, q, to) : -1;
  }

  /**
   * Walks the object at {@code p} and the line it is on, up to {@code to} at most: the end of the line (the index of
   * its newline, or {@code to} when the object and its trailing blanks reach it), or {@link #WHOLE} when the line needs
   * the reader's parser: anything but a flat object of strict JSON with ASCII text and no escapes in the fields kept.
   * The walk never passes a newline: no JSON token or string may hold one.
   */
  static int walk(byte[] b, int p, int to, Line l) {
    // the line's arrays in locals: the quick compiler (C1) reloads a field at every use
    final int[] shapeLength = l.shapeLength;
    final long[] shapeFirst = l.shapeFirst;
    final long[] shapeFirstMask = l.shapeFirstMask;
    final long[] seen = l.seen;
    final long stamp = l.stamp;
    final boolean[] carries = KEYS.carries;
    final int[] fieldLength = l.fieldLength;
    final long[] field = l.field;
    final int[] fieldMisses = l.fieldMisses;
    l.roleCount = 0;
    if ((stamp & (FIELD_RETRY - 1)) == 0) Arrays.fill(fieldMisses, 0);
    p++;
    if (p < to && b[p] <= ' ') p = skip(b, p, to);
    if (p < to && b[p] == '}') return end(b, p + 1, to);
    // the stretch of fields taken whole, none kept, before the place walked: its first place and where it starts; -1
    // when there is none
    int stretchPlace = -1;
    int stretchFrom = 0;
    // whether the stretch is one run, taken as it was kept
    boolean stretchIsRun = false;
    for (int place = 0; ; place++) {
      int q;
      int code;
      if (place < SHAPE) {
        int f = fieldLength[place];
        if (f != 0 && p + RUN_BYTES <= b.length && p + f <= to) {
          // the words but the last whole, then the last masked
          int base = place * RUN_WORDS;
          int last = base + ((f - 1) >>> 3);
          int w = base;
          int at = p;
          while (w < last && (long) LONGS.get(b, at) == field[w]) {
            w++;
            at += 8;
          }
          if (w == last && ((long) LONGS.get(b, at) & l.fieldMask[place]) == field[w]) {
            // the bytes of a field walked before, up to its comma: the same key, value and separator; or of a run of
            // such fields, none kept
            fieldMisses[place] = 0;
            code = l.fieldCode[place];
            int places = l.fieldPlaces[place];
            if (code >= 0 || places == 0) {
              if (code >= 0) {
                if (seen[code] == stamp) return WHOLE; // a repeated key: the reader keeps the last
                seen[code] = stamp;
                l.start[code] = p + l.fieldStart[place];
                l.end[code] = p + l.fieldEnd[place];
                l.type[code] = l.fieldType[place];
                if (carries[code]) l.roles[l.roleCount++] = code;
              }
              if (stretchPlace >= 0) {
                if (!stretchIsRun && place - stretchPlace > 1) keepRun(b, stretchPlace, place, stretchFrom, p, l);
                stretchPlace = -1;
              }
            } else {
              if (stretchPlace < 0) {
                stretchPlace = place;
                stretchFrom = p;
                stretchIsRun = places > 1;
              } else {
                stretchIsRun = false;
              }
              place += places - 1;
            }
            p += f;
            if (places == 0) return end(b, p, to); // the line's last field, with its closing brace
            if (p < to && b[p] <= ' ') p = skip(b, p, to);
            continue;
          }
          // a run that differs is walked field by field, and its first field kept again in its place
          if (l.fieldPlaces[place] <= 1 && ++fieldMisses[place] >= FIELD_MISSES) fieldLength[place] = 0;
        }
      }
      if (stretchPlace >= 0) {
        // a call only where there is a run to keep: most stretches are a single field
        if (!stretchIsRun && place - stretchPlace > 1) keepRun(b, stretchPlace, place, stretchFrom, p, l);
        stretchPlace = -1;
      }
      int fieldFrom = p;
      // whether p is past a string value's opening quote, at its first byte
      boolean opened;
      int n = place < SHAPE ? shapeLength[place] : 0;
      if (n != 0 && p + SHAPE_BYTES <= b.length && p + n <= to
          && ((long) LONGS.get(b, p) & shapeFirstMask[place]) == shapeFirst[place]
          && (n <= 8 || ((long) LONGS.get(b, p + 8) & l.shapeSecondMask[place]) == l.shapeSecond[place])
          && (n <= 16 || ((long) LONGS.get(b, p + 16) & l.shapeThirdMask[place]) == l.shapeThird[place])) {
        // the same bytes as a key special() and lookup() took before, with the colon (and the quote) after it
        code = l.shapeCode[place];
        opened = l.shapeString[place];
        p += n;
      } else {
        if (p >= to || b[p] != '"') return WHOLE;
        int ks = p + 1;
        q = special(b, ks, to);
        if (q >= to || b[q] != '"') return WHOLE;
        code = KEYS.lookup(b, ks, q);
        if (code >= 0 && !l.inferring && KEYS.inferenceOnly[code]) code = -1;
        p = q + 1;
        if (p < to && b[p] != ':') p = skip(b, p, to);
        if (p >= to || b[p] != ':') return WHOLE;
        p++;
        if (place < SHAPE) learn(b, ks - 1, p, to, code, place, l);
        opened = false;
      }
      if (!opened && p < to && b[p] <= ' ') p = skip(b, p, to);
      if (p >= to) return WHOLE;
      byte v = opened ? (byte) '"' : b[p];
      int vs;
      int ve;
      int type;
      if (v == '"') {
        vs = opened ? p : p + 1;
        q = special(b, vs, to);
        if (q >= to) return WHOLE;
        byte x = b[q];
        if (x != '"') {
          if (x != '\\' || code >= 0) return WHOLE; // escapes in a field kept: the reader's parser decodes them
          q = escaped(b, q, to);
          if (q < 0) return WHOLE;
        }
        ve = q;
        p = q + 1;
        type = STRING;
      } else if (v >= '1' && v <= '9') {
        // most numbers: digits, read here; a fraction or exponent is read by number()
        vs = p;
        int r = digitsEnd(b, p + 1, to);
        byte y = r < to ? b[r] : 0;
        boolean integer = y != '.' && y != 'e' && y != 'E';
        ve = !integer ? numberAfterDigits(b, p, r, to) : r - p > 100 ? -1 : r;
        if (ve < 0) return WHOLE;
        p = ve;
        type = integer ? INTEGER : NUMBER;
      } else if (v == '-' || v == '0') {
        vs = p;
        ve = number(b, p, to);
        if (ve < 0) return WHOLE;
        p = ve;
        type = ve - vs == 1 && v == '0' ? INTEGER : NUMBER;
      } else if (v == '[') {
        if (code >= 0) return WHOLE;
        p = array(b, p, to);
        if (p < 0) return WHOLE;
        vs = ve = -1;
        type = 0;
      } else if (v == 't' || v == 'f' || v == 'n') {
        if (code >= 0) return WHOLE;
        p = literal(b, p, to);
        if (p < 0) return WHOLE;
        vs = ve = -1;
        type = 0;
      } else {
        return WHOLE; // a nested object, or no JSON
      }
      if (code >= 0) {
        if (seen[code] == stamp) return WHOLE; // a repeated key: the reader keeps the last
        seen[code] = stamp;
        l.start[code] = vs;
        l.end[code] = ve;
        l.type[code] = type;
        if (carries[code]) l.roles[l.roleCount++] = code;
      }
      if (p < to && b[p] <= ' ') p = skip(b, p, to);
      if (p >= to) return WHOLE;
      byte x = b[p];
      if (x == ',') {
        p++;
        if (place < SHAPE && fieldMisses[place] < FIELD_MISSES && p - fieldFrom <= FIELD_BYTES
            && fieldFrom + FIELD_BYTES <= b.length) {
          keepField(b, fieldFrom, p, code, vs, ve, type, place, 1, l);
        }
        if (p < to && b[p] <= ' ') p = skip(b, p, to);
        continue;
      }
      if (x == '}') {
        p++;
        if (place < SHAPE && fieldMisses[place] < FIELD_MISSES && p - fieldFrom <= FIELD_BYTES
            && fieldFrom + FIELD_BYTES <= b.length) {
          keepField(b, fieldFrom, p, code, vs, ve, type, place, 0, l);
        }
        return end(b, p, to);
      }
      return WHOLE;
    }
  }

  /**
   * Keeps the bytes {@code b[from, to)}, the fields of places {@code [place, endPlace)} walked or taken whole (each
   * with its comma, none kept), as the run of the first place: a next line's same bytes there are taken at once. More
   * bytes than {@link #RUN_BYTES} are not kept.
   */
  private static void keepRun(byte[] b, int place, int endPlace, int from, int to, Line l) {
    int n = to - from;
    if (n > RUN_BYTES || from + ((n + 7) & ~7) > b.length) return;
    keepBytes(b, from, to, place, l);
    l.fieldCode[place] = -1;
    l.fieldPlaces[place] = endPlace - place;
  }

  /**
   * Keeps the bytes {@code b[from, to)} (a field walked: its key, value and the comma after it, or the closing brace
   * of the object when it is the last) as the field of this place in the line, with what the walk found in them: the
   * key's code, the value's start, end and type.
   *
   * @param places 1, or 0 for the last field
   */
  private static void keepField(byte[] b, int from, int to, int code, int vs, int ve, int type, int place, int places,
      Line l) {
    keepBytes(b, from, to, place, l);
    l.fieldCode[place] = code;
    l.fieldPlaces[place] = places;
    l.fieldStart[place] = vs - from;
    l.fieldEnd[place] = ve - from;
    l.fieldType[place] = type;
  }

  /** Keeps the bytes {@code b[from, to)} as the place's words, the last one masked, and their length. */
  private static void keepBytes(byte[] b, int from, int to, int place, Line l) {
    int n = to - from;
    int base = place * RUN_WORDS;
    int last = base + ((n - 1) >>> 3);
    for (int w = base, at = from; w <= last; w++, at += 8) l.field[w] = (long) LONGS.get(b, at);
    long mask = mask(n - 8 * (last - base));
    l.field[last] &= mask;
    l.fieldMask[place] = mask;
    l.fieldLength[place] = n;
  }

  /**
   * Keeps the bytes {@code b[from, colon]} (a key, its quotes and the colon right after it: no blanks between) and, when
   * a string value follows at once, its opening quote, as the shape of this place in the line; a place whose bytes
   * are longer than {@link #SHAPE_BYTES} or have blanks keeps none.
   *
   * @param afterColon the index after the colon
   */
  private static void learn(byte[] b, int from, int afterColon, int to, int code, int place, Line l) {
    boolean string = afterColon < to && b[afterColon] == '"';
    int n = afterColon - from + (string ? 1 : 0);
    if (n > SHAPE_BYTES || from + SHAPE_BYTES > b.length || b[afterColon - 2] != '"') {
      l.shapeLength[place] = 0;
      return;
    }
    l.shapeFirstMask[place] = mask(n);
    l.shapeSecondMask[place] = mask(n - 8);
    l.shapeThirdMask[place] = mask(n - 16);
    l.shapeFirst[place] = (long) LONGS.get(b, from) & l.shapeFirstMask[place];
    l.shapeSecond[place] = (long) LONGS.get(b, from + 8) & l.shapeSecondMask[place];
    l.shapeThird[place] = (long) LONGS.get(b, from + 16) & l.shapeThirdMask[place];
    l.shapeLength[place] = n;
    l.shapeCode[place] = code;
    l.shapeString[place] = string;
  }

  /** The mask of a word's first {@code bytes} bytes (none below 1, all above 7). */
  private static long mask(int bytes) {
    return bytes <= 0 ? 0 : bytes >= 8 ? -1L : (1L << (bytes << 3)) - 1;
  }

  /** The end of the line after an object's closing brace at {@code p - 1}: blanks, then a newline or {@code to}. */
  private static int end(byte[] b, int p, int to) {
    if (p < to && b[p] != '\n') p = skip(b, p, to);
    return p == to || b[p] == '\n' ? p : WHOLE;
  }

  /** Skips a flat array of scalars; -1 when it is not one. */
  private static int array(byte[] b, int p, int to) {
    // skip() only where a blank is: it is a call on the quick compiler (C1), and Zeek writes none
    p++;
    if (p < to && b[p] <= ' ') p = skip(b, p, to);
    if (p < to && b[p] == ']') return p + 1;
    while (p < to) {
      byte v = b[p];
      if (v == '"') {
        int q = string(b, p + 1, to);
        if (q < 0) return -1;
        p = q + 1;
      } else if (v == '-' || (v >= '0' && v <= '9')) {
        p = number(b, p, to);
      } else if (v == 't' || v == 'f' || v == 'n') {
        p = literal(b, p, to);
      } else {
        return -1;
      }
      if (p < 0) return -1;
      if (p < to && b[p] <= ' ') p = skip(b, p, to);
      if (p >= to) return -1;
      if (b[p] == ']') return p + 1;
      if (b[p] != ',') return -1;
      p++;
      if (p < to && b[p] <= ' ') p = skip(b, p, to);
    }
    return -1;
  }

  /**
   * The end of a strict JSON number starting at p, or -1 (also when it is too long for the reader's limits). What
   * follows it is checked by the caller, which accepts only a separator.
   */
  private static int number(byte[] b, int p, int to) {
    int q = p;
    if (b[q] == '-') q++;
    if (q >= to) return -1;
    byte x = b[q];
    if (x == '0') {
      q++;
    } else if (x >= '1' && x <= '9') {
      q = digitsEnd(b, q + 1, to);
    } else {
      return -1;
    }
    return numberAfterDigits(b, p, q, to);
  }

  /**
   * {@link #number} from {@code q}, the end of the integer part of the number that starts at {@code p}: its fraction
   * and exponent, if any. The walk, which has read the integer digits already, goes on from them.
   */
  private static int numberAfterDigits(byte[] b, int p, int q, int to) {
    byte x;
    if (q < to && b[q] == '.') {
      int d = q + 1;
      q = digitsEnd(b, d, to);
      if (q == d) return -1;
    }
    if (q < to && ((x = b[q]) == 'e' || x == 'E')) {
      q++;
      if (q < to && ((x = b[q]) == '+' || x == '-')) q++;
      int d = q;
      while (q < to && (x = b[q]) >= '0' && x <= '9') q++;
      if (q == d) return -1;
    }
    return q - p > 100 ? -1 : q;
  }

  private static final long ZEROS = '0' * ONES;
  private static final long ABOVE_NINE = (0x80 - ':') * ONES;

  /**
   * The end of the run of decimal digits from {@code q}: the first byte in {@code b[q, to)} that is no digit, or
   * {@code to}. Eight bytes at a time: a Zeek time has 16 digits, and the quick compiler's (C1) loop over bytes costs
   * about 2 ns a byte.
   */
  static int digitsEnd(byte[] b, int q, int to) {
    while (q + 8 <= to) {
      long x = (long) LONGS.get(b, q);
      // a byte is flagged when below '0' (the subtraction borrows: its high bit is set) or above '9' (adding 0x80 - ':'
      // sets it), or non-ASCII; a borrow or carry runs only upwards from a flagged byte, so the lowest flag is exact
      long flags = ((x - ZEROS) | (x + ABOVE_NINE) | x) & HIGHS;
      if (flags != 0) return q + lowestFlaggedByte(flags);
      q += 8;
    }
    while (q < to && b[q] >= '0' && b[q] <= '9') q++;
    return q;
  }

  /** The end of {@code true}, {@code false} or {@code null} at p, or -1; the caller checks what follows. */
  private static int literal(byte[] b, int p, int to) {
    if (p + 4 > to) return -1;
    int w = (int) INTS.get(b, p);
    if (w == TRUE || w == NULL) return p + 4;
    if (b[p] == 'f' && p + 5 <= to && (int) INTS.get(b, p + 1) == ALSE) return p + 5;
    return -1;
  }

  private static boolean hex(byte x) {
    return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F');
  }

  private static int skip(byte[] b, int p, int to) {
    while (p < to) {
      byte x = b[p];
      if (x != ' ' && x != '\t' && x != '\r') break;
      p++;
    }
    return p;
  }

  /**
   * Reads epoch seconds written as digits with an optional fraction into {@code l.seconds} and {@code l.nanos}, as the
   * reader's exact decimals give them to {@link ZeekEvents#time}, or integer milliseconds; false for any other form
   * (sign, exponent, a zero or very long integer part, milliseconds with a fraction).
   */
  static boolean epoch(byte[] b, int from, int to, Line l) {
    if (to - from > SECOND_DIGITS && b[from + SECOND_DIGITS] == '.' && (long) LONGS.get(b, from) == l.secondsFirst
        && ((b[from + 8] & 0xff) | (b[from + 9] & 0xff) << 8) == l.secondsRest) {
      // the same ten digits, and a fraction, as the time read before: a log's lines share their second (and their
      // first eight digits for minutes), so those digits' value is that time's, and only the fraction is read
      return fraction(b, from + SECOND_DIGITS, to, l.secondsRead, l);
    }
    int q = from;
    long seconds = 0;
    while (q < to && b[q] >= '0' && b[q] <= '9') {
      seconds = seconds * 10 + (b[q] - '0');
      q++;
    }
    int digits = q - from;
    if (digits >= ZeekEvents.MILLISECOND_DIGITS && digits <= 18 && q == to && b[from] != '0') {
      // integer milliseconds (JSON::TS_MILLIS); with a fraction the reader's decimals decide
      l.seconds = seconds / 1000;
      l.nanos = (int) (seconds % 1000) * 1_000_000;
      return true;
    }
    if (digits == 0 || digits >= ZeekEvents.MILLISECOND_DIGITS || b[from] == '0' || seconds > Instant.MAX.getEpochSecond()) {
      return false;
    }
    if (digits == SECOND_DIGITS && q < to && b[q] == '.') {
      l.secondsFirst = (long) LONGS.get(b, from);
      l.secondsRest = (b[from + 8] & 0xff) | (b[from + 9] & 0xff) << 8;
      l.secondsRead = seconds;
    }
    return fraction(b, q, to, seconds, l);
  }

  /** How many digits the seconds of a Zeek time have (from 2001 to 2286). */
  private static final int SECOND_DIGITS = 10;

  /**
   * {@link #epoch} from {@code q}, after the integer seconds {@code seconds}: none, or a dot and the fraction's digits,
   * up to {@code to}.
   */
  private static boolean fraction(byte[] b, int q, int to, long seconds, Line l) {
    long nanos = 0;
    if (q < to) {
      if (b[q] != '.') return false;
      q++;
      int start = q;
      int f = 0;
      while (q < to && b[q] >= '0' && b[q] <= '9') {
        if (f < 9) {
          nanos = nanos * 10 + (b[q] - '0');
          f++;
        }
        q++;
      }
      if (q < to) return false;
      // more decimals than the reader's exact decimals take: no time there, which the reader reports
      if (q - start > EpochSeconds.MAX_SCALE) return false;
      while (f < 9) {
        nanos *= 10;
        f++;
      }
    }
    l.seconds = seconds;
    l.nanos = (int) nanos;
    return true;
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static String path(byte[] b, int from, int to) {
    for (String known : new String[] {"dns", "http", "conn", "ssl", "files", "x509"}) {
      if (known.length() == to - from) {
        boolean same = true;
        for (int i = 0; i < known.length() && same; i++) same = b[from + i] == known.charAt(i);
        if (same) return known;
      }
    }
    return ascii(b, from, to);
  }

  /** The keys the scanner keeps, by their bytes: a small open-addressing table. */
  static final class KeyTable {
    private final Map<String, Integer> codes = new LinkedHashMap<>();
    /** Each code's role while the table is made; then {@link #roleOf}. */
    private final List<IndicatorDetector.@Nullable Role> roles = new ArrayList<>();
    /** Each code's role, asked for every line: an array, as a list's get is a call chain on the quick compiler (C1). */
    private final IndicatorDetector.@Nullable Role[] roleOf;
    /** Whether the key of each code carries indicators (has a role): asked by the walk for every key it keeps. */
    final boolean[] carries;
    /** Whether the key of each code is kept only to infer a line's log from its keys ({@link #INFERENCE}). */
    final boolean[] inferenceOnly;
    private static final int SLOTS = 512;
    // keys of up to 16 bytes, as two words and a length (0: a free slot)
    private final int[] lengths = new int[SLOTS];
    private final long[] firstWords = new long[SLOTS];
    private final long[] secondWords = new long[SLOTS];
    private final int[] values = new int[SLOTS];
    // longer keys, by their bytes
    private final byte[][] longKeys = new byte[SLOTS][];
    private final int[] longValues = new int[SLOTS];

    KeyTable() {
      for (String k : FIXED) add(k);
      for (String k : INFERENCE) add(k);
      for (String k : IndicatorDetector.roleFields()) add(k);
      roleOf = roles.toArray(new IndicatorDetector.Role[0]);
      carries = new boolean[roleOf.length];
      for (int c = 0; c < roleOf.length; c++) carries[c] = roleOf[c] != null;
      inferenceOnly = new boolean[roleOf.length];
      for (int c = FIXED.size(); c < roleOf.length; c++) inferenceOnly[c] = roleOf[c] == null;
      for (String k : List.copyOf(codes.keySet())) {
        // the reader renames a top-level id_ key (RockNSM) to id.
        if (k.startsWith("id.")) put("id_" + k.substring(3), codes.get(k));
      }
    }

    private void add(String key) {
      if (codes.containsKey(key)) return;
      int code = codes.size();
      codes.put(key, code);
      roles.add(IndicatorDetector.role(key));
      put(key, code);
    }

    private void put(String key, int code) {
      byte[] k = key.getBytes(StandardCharsets.US_ASCII);
      if (k.length <= 16) {
        long w0 = word(k, 0, k.length);
        long w1 = word(k, 8, k.length);
        int slot = mix(w0, w1, k.length) & (SLOTS - 1);
        while (lengths[slot] != 0) slot = (slot + 1) & (SLOTS - 1);
        lengths[slot] = k.length;
        firstWords[slot] = w0;
        secondWords[slot] = w1;
        values[slot] = code;
      } else {
        int slot = hash(k, 0, k.length) & (SLOTS - 1);
        while (longKeys[slot] != null) slot = (slot + 1) & (SLOTS - 1);
        longKeys[slot] = k;
        longValues[slot] = code;
      }
    }

    /** Up to eight bytes of {@code k[from, end)} as a little-endian word, zeros past the end. */
    private static long word(byte[] k, int from, int end) {
      long w = 0;
      for (int i = Math.min(end, from + 8) - 1; i >= from; i--) w = w << 8 | (k[i] & 0xff);
      return w;
    }

    private static int mix(long w0, long w1, int length) {
      long h = (w0 * 0x9E3779B97F4A7C15L) ^ (w1 * 0xC2B2AE3D27D4EB4FL) ^ length;
      return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    int codes() {
      return codes.size();
    }

    int code(String key) {
      return codes.get(key);
    }

    IndicatorDetector.@Nullable Role role(int code) {
      return roleOf[code];
    }

    /**
     * The code of the key in {@code b[from, to)}, or -1. A key of up to 16 bytes (all but a few) is read as two words,
     * without a loop over its bytes; the bytes past its end are masked off, so the array must hold 16 bytes from
     * {@code from} (else the bytes are compared one by one).
     */
    int lookup(byte[] b, int from, int to) {
      int n = to - from;
      if (n > 16) return lookupLong(b, from, to);
      long w0;
      long w1;
      if (from + 16 <= b.length) {
        w0 = (long) LONGS.get(b, from);
        w1 = (long) LONGS.get(b, from + 8);
        if (n < 8) {
          w0 &= (1L << (n << 3)) - 1;
          w1 = 0;
        } else if (n < 16) {
          w1 &= (1L << ((n - 8) << 3)) - 1;
        }
      } else {
        w0 = word(b, from, to);
        w1 = word(b, from + 8, to);
      }
      int slot = mix(w0, w1, n) & (SLOTS - 1);
      while (true) {
        int length = lengths[slot];
        if (length == 0) return -1;
        if (length == n && firstWords[slot] == w0 && secondWords[slot] == w1) return values[slot];
        slot = (slot + 1) & (SLOTS - 1);
      }
    }

    private int lookupLong(byte[] b, int from, int to) {
      int slot = hash(b, from, to) & (SLOTS - 1);
      while (true) {
        byte[] k = longKeys[slot];
        if (k == null) return -1;
        if (Arrays.equals(k, 0, k.length, b, from, to)) return longValues[slot];
        slot = (slot + 1) & (SLOTS - 1);
      }
    }

    private static int hash(byte[] b, int from, int to) {
      int h = to - from;
      for (int i = from; i < to; i++) h = h * 31 + b[i];
      return h ^ (h >>> 9);
    }
  }
}
