package io.chainwatch.hunt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Domain and host names as bytes in an open-addressing hash table, so that a scanner can test a name straight from a
 * log's bytes, without making a string: {@link #mayHit} answers whether the name is a hostname indicator, or it or any
 * parent (the part after any dot) is a domain indicator, exactly as {@link IndicatorDetector} decides with strings.
 *
 * <p>A name's hash is made of its labels' hashes, taken from the right, so one pass from the last label to the first
 * yields the hash of every suffix that starts at a label; each is probed there. A label is hashed eight bytes at a
 * time (a byte at a time cost about 2 ns a byte on the quick compiler, C1, for every name of every log line). Letters
 * are folded to lower case while hashing and comparing; the stored names are the normaliser's (lower case, punycode).
 */
public final class NameTable {
  static final byte DOMAIN = 1;
  static final byte HOSTNAME = 2;
  private static final long SEED = 0xcbf29ce484222325L;
  private static final long MULTIPLIER = 0x9e3779b97f4a7c15L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private long[] hashes;
  /**
   * A byte of each slot's hash, 0 for an empty slot: most names are no indicator, and their probes end in this array,
   * an eighth the size of {@link #hashes} and so far more often in the CPU's cache.
   */
  private byte[] tags;
  private int[] offsets;
  private int[] lengths;
  private byte[] flags;
  private byte[] pool = new byte[1 << 12];
  private int poolSize;
  private int size;
  private int domains;
  private int hostnames;
  private int mask;
  /**
   * The fewest and the most dots of the names held: a suffix of a log's name with fewer or more cannot be one, so it
   * is not looked up (most names in logs have a top-level domain no indicator is, and more labels than any indicator).
   */
  private int fewestDots = Integer.MAX_VALUE;
  private int mostDots = -1;

  public NameTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    hashes = new long[capacity];
    tags = new byte[capacity];
    offsets = new int[capacity];
    lengths = new int[capacity];
    flags = new byte[capacity];
    mask = capacity - 1;
  }

  public int size() {
    return size;
  }

  /** How many distinct names are domain indicators. */
  public int domains() {
    return domains;
  }

  /** How many distinct names are hostname indicators. */
  public int hostnames() {
    return hostnames;
  }

  public void addDomain(String name) {
    add(name, DOMAIN);
  }

  public void addHostname(String name) {
    add(name, HOSTNAME);
  }

  private void add(String name, byte flag) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    long h = nonZero(nameHash(b, 0, b.length));
    int slot = find(h, b, 0, b.length);
    if (slot >= 0) {
      if ((flags[slot] & flag) == 0) count(flag);
      flags[slot] |= flag;
      return;
    }
    count(flag);
    int dots = 0;
    for (byte c : b) if (c == '.') dots++;
    fewestDots = Math.min(fewestDots, dots);
    mostDots = Math.max(mostDots, dots);
    if ((size + 1) * 2 > hashes.length) grow();
    if (poolSize + b.length > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + b.length));
    System.arraycopy(b, 0, pool, poolSize, b.length);
    slot = mix(h) & mask;
    while (hashes[slot] != 0) slot = (slot + 1) & mask;
    hashes[slot] = h;
    tags[slot] = tag(h);
    offsets[slot] = poolSize;
    lengths[slot] = b.length;
    flags[slot] = flag;
    poolSize += b.length;
    size++;
  }

  private void count(byte flag) {
    if (flag == DOMAIN) domains++;
    else hostnames++;
  }

  private void grow() {
    long[] oldHashes = hashes;
    int[] oldOffsets = offsets;
    int[] oldLengths = lengths;
    byte[] oldFlags = flags;
    allocate(hashes.length * 2);
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldHashes[i] == 0) continue;
      int slot = mix(oldHashes[i]) & mask;
      while (hashes[slot] != 0) slot = (slot + 1) & mask;
      hashes[slot] = oldHashes[i];
      tags[slot] = tag(oldHashes[i]);
      offsets[slot] = oldOffsets[i];
      lengths[slot] = oldLengths[i];
      flags[slot] = oldFlags[i];
    }
  }

  /**
   * Whether the name in {@code b[from, to)} (plain ASCII as a log wrote it: any case, trailing dots allowed) would be
   * reported: it is a hostname indicator, or it or one of its parents is a domain indicator. An empty name, or
   * {@code -} (Zeek's unset), never is.
   */
  public boolean mayHit(byte[] b, int from, int to) {
    if (size == 0) return false;
    if (to - from == 1 && b[from] == '-') return false;
    while (to > from && b[to - 1] == '.') to--;
    if (to == from) return false;
    return probe(b, from, to, false) == HIT;
  }

  /** {@link #test}: no hit. */
  static final int MISS = 0;
  /** {@link #test}: a hit. */
  static final int HIT = 1;
  /** {@link #test}: the name holds {@code ,}, {@code :} or {@code [}, which only the detector can judge. */
  static final int SPECIAL = 2;

  /**
   * {@link #mayHit} and the search for {@code , : [} (a set of names, a port, an address literal) in one pass over the
   * name: {@link #SPECIAL} when there is one anywhere in {@code b[from, to)}, else {@link #HIT} or {@link #MISS}.
   */
  int test(byte[] b, int from, int to) {
    if (to - from == 1 && b[from] == '-') return MISS;
    if (special(b, from, to)) return SPECIAL;
    if (size == 0) return MISS;
    int end = to;
    while (end > from && b[end - 1] == '.') end--;
    if (end == from) return MISS;
    return probe(b, from, end, true);
  }

  /**
   * Probes every suffix of the name {@code b[from, end)} that starts at a label, from the shortest: {@link #HIT} when
   * the name is a hostname or domain indicator or a suffix a domain indicator, else {@link #MISS}. With
   * {@code bounded}, suffixes with fewer or more dots than any name held are not looked up.
   */
  private int probe(byte[] b, int from, int end, boolean bounded) {
    long h = SEED;
    int dots = 0; // in the suffix b[s, end)
    int e = end;
    while (true) {
      // this suffix and every longer one have more dots than any name held: none is one, and its label need not be read
      if (bounded && dots > mostDots) return MISS;
      int s = labelStart(b, from, e);
      h = label(h, b, s, e);
      if (s == from) {
        if (bounded && (dots < fewestDots || dots > mostDots)) return MISS;
        int slot = find(nonZero(h), b, s, end);
        return slot >= 0 && flags[slot] != 0 ? HIT : MISS;
      }
      if (!bounded || dots >= fewestDots) {
        int slot = find(nonZero(h), b, s, end);
        if (slot >= 0 && (flags[slot] & DOMAIN) != 0) return HIT;
      }
      dots++;
      e = s - 1;
    }
  }

  /**
   * {@link #test}, answered from {@code misses} when the same bytes missed lately on the same thread: most names of a
   * log come again soon (a client's lookups, a site's requests), and a look there costs about a third of a test.
   */
  int test(byte[] b, int from, int to, Misses misses) {
    int n = to - from;
    if (n < 1 || n > Misses.MOST || to < 8) return test(b, from, to);
    // the name as three words, zeros past its end: the last word read as the eight bytes up to its end, shifted
    long first;
    long second = 0;
    long third = 0;
    if (n > 16) {
      first = (long) LONGS.get(b, from);
      second = (long) LONGS.get(b, from + 8);
      third = (long) LONGS.get(b, to - 8) >>> ((24 - n) << 3);
    } else if (n > 8) {
      first = (long) LONGS.get(b, from);
      second = (long) LONGS.get(b, to - 8) >>> ((16 - n) << 3);
    } else {
      first = (long) LONGS.get(b, to - 8) >>> ((8 - n) << 3);
    }
    if (misses.table != this) misses.clear(this);
    long h = first * MULTIPLIER ^ second * 0xc2b2ae3d27d4eb4fL ^ third * 0x165667b19e3779f9L ^ n;
    int slot = (int) (h ^ (h >>> 29)) & (Misses.SLOTS - 1);
    if (misses.lengths[slot] == n && misses.first[slot] == first && misses.second[slot] == second
        && misses.third[slot] == third) {
      return MISS;
    }
    int answer = test(b, from, to);
    if (answer == MISS) {
      misses.lengths[slot] = n;
      misses.first[slot] = first;
      misses.second[slot] = second;
      misses.third[slot] = third;
    }
    return answer;
  }

  /**
   * Names that {@link #test} found to be no indicator, by their bytes as a log wrote them (up to {@link #MOST}), one
   * per slot of a small table, the latest kept: one thread's, as it is written without locks. Kept for one name table:
   * used with another, it forgets what it held.
   */
  public static final class Misses {
    static final int MOST = 24;
    /** 4,096 slots of 28 bytes: 112 KB, which stays in the processor's second-level cache. */
    static final int SLOTS = 1 << 12;
    private final long[] first = new long[SLOTS];
    private final long[] second = new long[SLOTS];
    private final long[] third = new long[SLOTS];
    /** 0: an empty slot. */
    private final int[] lengths = new int[SLOTS];
    private @Nullable NameTable table;

    private void clear(NameTable table) {
      Arrays.fill(lengths, 0);
      this.table = table;
    }
  }

  /** Whether {@code b[from, to)} holds {@code , : [}: eight bytes at a time. */
  private static boolean special(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i);
      if (zeroByte(x ^ COMMAS) || zeroByte(x ^ COLONS) || zeroByte(x ^ BRACKETS)) return true;
    }
    if (i < to && to - 8 >= from) {
      // the rest as the last eight bytes, which overlap bytes already read: they are tested again, as harmlessly
      long x = (long) LONGS.get(b, to - 8);
      return zeroByte(x ^ COMMAS) || zeroByte(x ^ COLONS) || zeroByte(x ^ BRACKETS);
    }
    for (; i < to; i++) {
      byte c = b[i];
      if (c == ',' || c == ':' || c == '[') return true;
    }
    return false;
  }

  private static final long COMMAS = ',' * ONES;
  private static final long COLONS = ':' * ONES;
  private static final long BRACKETS = '[' * ONES;

  /** Whether a byte of {@code v} is zero (exact: false flags occur only above a zero byte). */
  private static boolean zeroByte(long v) {
    return ((v - ONES) & ~v & HIGHS) != 0;
  }

  /** The hash of the name {@code b[from, to)}: its labels' from the right (0 is possible: see {@link #nonZero}). */
  private static long nameHash(byte[] b, int from, int to) {
    long h = SEED;
    int e = to;
    while (true) {
      int s = labelStart(b, from, e);
      h = label(h, b, s, e);
      if (s == from) return h;
      e = s - 1;
    }
  }

  /** Where the label that ends at {@code e} begins: after the dot before it, or at {@code from}. */
  private static int labelStart(byte[] b, int from, int e) {
    int s = e;
    while (s > from && b[s - 1] != '.') s--;
    return s;
  }

  /** Continues {@code h} (the labels to the right) with the label {@code b[s, e)} in lower case and its length. */
  private static long label(long h, byte[] b, int s, int e) {
    int i = s;
    for (; i + 8 <= e; i += 8) {
      h = (h ^ lowerWord((long) LONGS.get(b, i))) * MULTIPLIER;
      h ^= h >>> 29;
    }
    int rest = e - i;
    if (rest > 0) {
      long w;
      if (e >= 8) {
        // the last eight bytes of the array up to e, the ones before the label's rest shifted out
        w = (long) LONGS.get(b, e - 8) >>> ((8 - rest) << 3);
      } else {
        w = 0;
        for (int k = e - 1; k >= i; k--) w = w << 8 | (b[k] & 0xff);
      }
      h = (h ^ lowerWord(w)) * MULTIPLIER;
      h ^= h >>> 29;
    }
    h = (h ^ (e - s)) * MULTIPLIER;
    return h ^ (h >>> 32);
  }

  /** Eight bytes with the ASCII capitals made small, the other bytes as they are. */
  static long lowerWord(long x) {
    long seven = x & ~HIGHS;
    // per byte (no carries: seven bits plus less than 0x80): the high bit set from 'A' up, and above 'Z'
    long fromA = seven + (0x80 - 'A') * ONES;
    long aboveZ = seven + (0x80 - 'Z' - 1) * ONES;
    long capitals = fromA & ~aboveZ & ~x & HIGHS;
    return x | (capitals >>> 2);
  }

  /** Whether {@code b[from, to)} (compared in lower case, taken as it is) is a hostname indicator. */
  boolean hostname(byte[] b, int from, int to) {
    if (hostnames == 0 || to == from) return false;
    int slot = find(nonZero(nameHash(b, from, to)), b, from, to);
    return slot >= 0 && (flags[slot] & HOSTNAME) != 0;
  }

  /**
   * Where the longest domain indicator that {@code b[from, to)} (compared in lower case, taken as it is) is or lies
   * under begins: {@code from} for the name itself, else just after one of its dots; -1 when there is none.
   */
  int domain(byte[] b, int from, int to) {
    if (domains == 0 || to == from) return -1;
    int found = -1;
    long h = SEED;
    int e = to;
    while (true) {
      int s = labelStart(b, from, e);
      h = label(h, b, s, e);
      int slot = find(nonZero(h), b, s, to);
      if (slot >= 0 && (flags[slot] & DOMAIN) != 0) found = s;
      if (s == from) return found;
      e = s - 1;
    }
  }

  /** The slot holding the name {@code b[from, to)} (compared in lower case), or -1. */
  private int find(long h, byte[] b, int from, int to) {
    int length = to - from;
    byte tag = tag(h);
    int slot = mix(h) & mask;
    while (true) {
      byte t = tags[slot];
      if (t == 0) return -1;
      if (t == tag && hashes[slot] == h && lengths[slot] == length && same(b, from, offsets[slot], length)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** The top byte of a hash, never 0 (an empty slot's). */
  private static byte tag(long h) {
    int t = (int) (h >>> 56);
    return (byte) (t == 0 ? 1 : t);
  }

  private boolean same(byte[] b, int from, int offset, int length) {
    for (int k = 0; k < length; k++) {
      if (lower(b[from + k]) != pool[offset + k]) return false;
    }
    return true;
  }

  private static int lower(byte c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static long nonZero(long h) {
    return h == 0 ? 1 : h;
  }

  private static int mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) h;
  }
}
