package io.chainwatch.hunt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The connection events of one chunk of a parallel scan (Zeek conn, ssl and http lines no indicator can hit), kept as
 * primitives and grouped by (source, destination) pair as a scan thread reads them.
 *
 * <p>Why: a hunt over a gigabyte of logs has millions of connection events and the beacon detector needs every one,
 * in file order, on one thread. Building an event object per line and looking up its series in a map on that thread
 * set the pace of the whole hunt. Here the scan thread interns each pair once per chunk (its key's bytes and hash, not
 * a string per line) and records per event only numbers; the detector replays the events in order with array reads
 * ({@link ConnectionDetector}), so its memory bounds are applied exactly as when it sees the events one by one.
 *
 * <p>Sources and destinations are ASCII: the scanner hands any other line on whole.
 *
 * <p>A scan reuses its batches ({@link Spares}): a gigabyte is a hundred chunks, and a batch grown anew for each one
 * was a quarter of what a hunt allocated, which cost it a collection of its young heap.
 */
public final class ConnectionBatch {
  private static final AtomicLong IDS = new AtomicLong();
  /** Event kinds, as {@link TelemetryEvent#kind()} names them. */
  public static final int CONN = 0;
  public static final int SSL = 1;
  public static final int HTTP = 2;
  private static final String[] KINDS = {"zeek.conn", "zeek.ssl", "zeek.http"};
  /** The field that names the destination, and the one that gives the request size, per kind. */
  private static final String[] DESTINATION_FIELDS = {"id.resp_h", "server_name", "host"};

  private String file;
  private long id = IDS.incrementAndGet();
  private long lineOffset;

  // per event, in file order
  private int size;
  private int[] pair = new int[256];
  private byte[] kind = new byte[256];
  private long[] seconds = new long[256];
  private int[] nanos = new int[256];
  private long[] bytes = new long[256];
  private long[] line = new long[256];

  // per pair, in order of first appearance
  private int pairs;
  /** The hash of the pair's key ({@link #keyHash(byte[], int, int)}), made here, on the scan thread. */
  private long[] keyHashes = new long[64];
  private int[] responderLengths = new int[64];
  private boolean[] byAddress = new boolean[64];
  private int[] sourcePort = new int[64];
  private int[] responderPort = new int[64];
  /** The pair's first event. */
  private int[] first = new int[64];

  // the pairs by their bytes: open addressing over (hash, offset into keyBytes)
  private int[] slots = new int[256];
  private long[] hashes = new long[64];
  private int[] keyStart = new int[64];
  private int[] keySplit = new int[64];
  private int[] keyEnd = new int[64];
  private byte[] keyBytes = new byte[4096];
  private int keyUsed;

  public ConnectionBatch(String file) {
    this.file = file;
    Arrays.fill(slots, -1);
  }

  /** Batches a scan has delivered, to be filled again; safe to share between threads. */
  public static final class Spares {
    private final ConcurrentLinkedQueue<ConnectionBatch> batches = new ConcurrentLinkedQueue<>();

    /** An empty batch of {@code file}'s events: a spare one, or a new one. */
    public ConnectionBatch take(String file) {
      ConnectionBatch b = batches.poll();
      if (b == null) return new ConnectionBatch(file);
      b.reset(file);
      return b;
    }

    /** Takes back a batch the sink is done with: {@link ScanSink#connections} keeps no batch beyond the call. */
    public void give(ConnectionBatch b) {
      batches.add(b);
    }
  }

  /** Empties the batch for another chunk; it is then another batch ({@link #id()}), with its arrays kept. */
  private void reset(String file) {
    this.file = file;
    id = IDS.incrementAndGet();
    lineOffset = 0;
    size = 0;
    pairs = 0;
    keyUsed = 0;
    Arrays.fill(slots, -1);
  }

  /**
   * What tells batches apart, also a batch reused for another chunk: a detector that keeps what it learnt of a batch's
   * pairs between calls for the same batch keeps it by this id.
   */
  public long id() {
    return id;
  }

  /**
   * Adds an event.
   *
   * @param kind {@link #CONN}, {@link #SSL} or {@link #HTTP}
   * @param b the bytes holding the source {@code [sourceFrom, sourceTo)}, the destination (address or name) {@code
   *     [destinationFrom, destinationTo)} and the responder's address {@code [responderFrom, responderTo)} (-1 when
   *     absent), all ASCII
   * @param requestBytes the request size, or -1 when not known
   * @param lineInChunk the line's number, counted from the chunk's start
   */
  public void add(int kind, byte[] b, int sourceFrom, int sourceTo, int destinationFrom, int destinationTo,
      int responderFrom, int responderTo, int sourcePort, int responderPort, long seconds, int nanos, long requestBytes,
      long lineInChunk) {
    int p = pair(kind == CONN, b, sourceFrom, sourceTo, destinationFrom, destinationTo, responderFrom, responderTo,
        sourcePort, responderPort);
    if (size == this.pair.length) grow();
    this.pair[size] = p;
    this.kind[size] = (byte) kind;
    this.seconds[size] = seconds;
    this.nanos[size] = nanos;
    this.bytes[size] = requestBytes;
    this.line[size] = lineInChunk;
    size++;
  }

  /**
   * The pair's index. Pairs named by address and pairs named by name are apart even when their text is the same: the
   * detector judges every event of an address pair alike (public or not), whichever kind comes first.
   */
  private int pair(boolean address, byte[] b, int sf, int st, int df, int dt, int rf, int rt, int sourcePort,
      int responderPort) {
    // 64-bit hashes: two keys with one hash are then so rare that the compiled scan never meets the branch for them (a
    // branch never taken is compiled as a trap, and every trap costs a recompilation of the scan)
    long k = words(words(SEED, b, sf, st), b, df, dt);
    long keyHash = mix(k);
    long h = address ? mix(k ^ ADDRESS) : keyHash;
    int mask = slots.length - 1;
    int slot = (int) h & mask;
    while (true) {
      int p = slots[slot];
      if (p < 0) break;
      if (hashes[p] == h && byAddress[p] == address && same(p, b, sf, st, df, dt)) return p;
      slot = (slot + 1) & mask;
    }
    if (pairs == keyHashes.length) growPairs();
    int p = pairs++;
    // the key's bytes (source, newline, destination) and then the responder's, kept to compare and to make strings of
    int responderLength = rf < 0 ? 0 : rt - rf;
    int need = (st - sf) + 1 + (dt - df) + responderLength;
    if (keyUsed + need > keyBytes.length) keyBytes = Arrays.copyOf(keyBytes, Math.max(keyBytes.length * 2, keyUsed + need));
    int start = keyUsed;
    System.arraycopy(b, sf, keyBytes, keyUsed, st - sf);
    keyUsed += st - sf;
    keySplit[p] = keyUsed;
    keyBytes[keyUsed++] = '\n';
    System.arraycopy(b, df, keyBytes, keyUsed, dt - df);
    keyUsed += dt - df;
    keyEnd[p] = keyUsed;
    keyStart[p] = start;
    if (rf >= 0) System.arraycopy(b, rf, keyBytes, keyUsed, responderLength);
    keyUsed += responderLength;
    responderLengths[p] = rf < 0 ? -1 : responderLength;
    hashes[p] = h;
    keyHashes[p] = keyHash;
    byAddress[p] = address;
    this.sourcePort[p] = sourcePort;
    this.responderPort[p] = responderPort;
    first[p] = size;
    slots[slot] = p;
    if (pairs * 2 > slots.length) rehash();
    return p;
  }

  private boolean same(int p, byte[] b, int sf, int st, int df, int dt) {
    return same(keyBytes, keyStart[p], keySplit[p], b, sf, st) && same(keyBytes, keySplit[p] + 1, keyEnd[p], b, df, dt);
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    Arrays.fill(slots, -1);
    int mask = slots.length - 1;
    for (int p = 0; p < pairs; p++) {
      int slot = (int) hashes[p] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = p;
    }
  }

  private void grow() {
    int n = pair.length * 2;
    pair = Arrays.copyOf(pair, n);
    kind = Arrays.copyOf(kind, n);
    seconds = Arrays.copyOf(seconds, n);
    nanos = Arrays.copyOf(nanos, n);
    bytes = Arrays.copyOf(bytes, n);
    line = Arrays.copyOf(line, n);
  }

  private void growPairs() {
    int n = keyHashes.length * 2;
    keyHashes = Arrays.copyOf(keyHashes, n);
    responderLengths = Arrays.copyOf(responderLengths, n);
    byAddress = Arrays.copyOf(byAddress, n);
    sourcePort = Arrays.copyOf(sourcePort, n);
    responderPort = Arrays.copyOf(responderPort, n);
    first = Arrays.copyOf(first, n);
    hashes = Arrays.copyOf(hashes, n);
    keyStart = Arrays.copyOf(keyStart, n);
    keySplit = Arrays.copyOf(keySplit, n);
    keyEnd = Arrays.copyOf(keyEnd, n);
  }

  /** Makes line numbers count from the file's start: the lines of the chunks before this one. */
  public void lineOffset(long linesBefore) {
    this.lineOffset = linesBefore;
  }

  /** The file the events come from, for evidence. */
  public String file() {
    return file;
  }

  /** The number of events. */
  public int size() {
    return size;
  }

  /** The number of distinct (source, destination) pairs. */
  public int pairs() {
    return pairs;
  }

  /** The pair of event {@code i}. */
  public int pair(int i) {
    return pair[i];
  }

  /**
   * The hash of a series key, {@code source + '\n' + destination} in UTF-8 (which for the ASCII of a batch is its
   * bytes): the same for a key made of a whole event's fields and for a batch's pair. The source and the destination
   * are hashed apart (a batch's pair has them in two places of a line), split at the key's first newline: a batch's
   * source never holds one (the scanner hands such lines on whole), so both ways split alike.
   */
  public static long keyHash(byte[] key, int from, int to) {
    int split = from;
    while (split < to && key[split] != '\n') split++;
    return mix(words(words(SEED, key, from, split), key, Math.min(to, split + 1), to));
  }

  /**
   * Continues hash {@code h} over {@code b[from, to)}, eight bytes at a time and then the rest as one word, with the
   * length: a byte at a time (FNV-1a) cost about 2 ns a byte on the quick compiler (C1), for each connection of a hunt.
   */
  private static long words(long h, byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = (h ^ (long) LONGS.get(b, i)) * MULTIPLIER;
      h ^= h >>> 32;
    }
    long rest = 0;
    for (int shift = 0; i < to; i++, shift += 8) rest |= (b[i] & 0xffL) << shift;
    h = (h ^ rest ^ ((long) (to - from) << 56)) * MULTIPLIER;
    return h ^ (h >>> 32);
  }

  private static final long SEED = 0xcbf29ce484222325L;
  private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;
  private static final long ADDRESS = 0xc2b2ae3d27d4eb4fL;

  /** Spreads a hash's bits (MurmurHash3's finaliser): tables index by its low bits. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  /** The hash of the pair's key, as {@link #keyHash(byte[], int, int)} makes it. */
  public long keyHash(int pair) {
    return keyHashes[pair];
  }

  /**
   * Whether {@code a[af, at)} and {@code b[bf, bt)} hold the same bytes: eight at a time, then one by one.
   * {@code Arrays.equals} over ranges is no intrinsic on the quick compiler (C1), which runs most hunts, and a loop
   * over the bytes of a key of a few dozen costs about 2 ns a byte there; the detector compares a key for each of
   * a hunt's connections.
   */
  static boolean same(byte[] a, int af, int at, byte[] b, int bf, int bt) {
    int n = at - af;
    if (n != bt - bf) return false;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if ((long) LONGS.get(a, af + i) != (long) LONGS.get(b, bf + i)) return false;
    }
    for (; i < n; i++) {
      if (a[af + i] != b[bf + i]) return false;
    }
    return true;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Whether the pair's key (source, newline, destination, in UTF-8) is the bytes {@code key[from, to)}. */
  public boolean keyEquals(int pair, byte[] key, int from, int to) {
    return same(keyBytes, keyStart[pair], keyEnd[pair], key, from, to);
  }

  /** The length of the pair's key in bytes. */
  public int keyLength(int pair) {
    return keyEnd[pair] - keyStart[pair];
  }

  /** Copies the pair's key into {@code to} at {@code at}. */
  public void copyKey(int pair, byte[] to, int at) {
    System.arraycopy(keyBytes, keyStart[pair], to, at, keyEnd[pair] - keyStart[pair]);
  }

  /** The length of the pair's source, where its key splits. */
  public int sourceLength(int pair) {
    return keySplit[pair] - keyStart[pair];
  }

  public String destination(int pair) {
    return new String(keyBytes, keySplit[pair] + 1, keyEnd[pair] - keySplit[pair] - 1, StandardCharsets.ISO_8859_1);
  }

  /** Whether the pair's events name their destination by address (Zeek conn), not by name. */
  public boolean byAddress(int pair) {
    return byAddress[pair];
  }

  /** The field that names the destination of event {@code i}. */
  public String destinationField(int i) {
    return DESTINATION_FIELDS[kind[i]];
  }

  public long seconds(int i) {
    return seconds[i];
  }

  public int nanos(int i) {
    return nanos[i];
  }

  /** The request size of event {@code i}, or -1 when the log does not give it. */
  public long requestBytes(int i) {
    return bytes[i];
  }

  public long line(int i) {
    return line[i] + lineOffset;
  }

  /** Whether event {@code i} is an HTTP request (Zeek http), whose size is its body's. */
  public boolean http(int i) {
    return kind[i] == HTTP;
  }

  /** The kind of event {@code i}, as {@link TelemetryEvent#kind()} names it. */
  public String kind(int i) {
    return KINDS[kind[i]];
  }

  /** The source port of the pair's first event in the batch, -1 when not known. */
  public int sourcePort(int pair) {
    return sourcePort[pair];
  }

  /** The responder's address of the pair's first event in the batch (for a named destination), or null. */
  public @Nullable String responder(int pair) {
    return responderLengths[pair] < 0 ? null
        : new String(keyBytes, keyEnd[pair], responderLengths[pair], StandardCharsets.ISO_8859_1);
  }

  /** The responder's port of the pair's first event in the batch, -1 when not known. */
  public int responderPort(int pair) {
    return responderPort[pair];
  }

}
