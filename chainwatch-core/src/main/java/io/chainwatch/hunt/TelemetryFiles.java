package io.chainwatch.hunt;

import io.chainwatch.common.CountingInputStream;
import io.chainwatch.common.Progress;
import io.chainwatch.ingest.Head;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Telemetry files as the hunt and downstream monitoring read them: folders walked in name order, each file read by the
 * first reader whose sniff accepts its (decompressed) head, {@code .gz} decompressed on the fly.
 */
public final class TelemetryFiles {
  /** A compressed file may expand this many times its size (real logs compress 10 to 20 times)... */
  public static final int EXPANSION_RATIO = 100;
  /** ...or to this many bytes, whichever is more; beyond that it is an {@code expansion-bound} problem (a gzip bomb). */
  public static final long EXPANSION_MINIMUM = 1L << 30;
  /** A compressed file this large or larger is decompressed and scanned in parallel when its reader can; see {@link Decompressed}. */
  public static final long SCANNED_COMPRESSED_MINIMUM = 64 << 10;

  private TelemetryFiles() {}

  /**
   * Every regular file under the paths, directories walked recursively in name order; each file once, as first named,
   * however often the paths name it (a folder and a file in it, a link to it, {@code logs/*} and {@code logs}): read
   * twice, its hits would count twice and its connections would make every beacon series look twice as busy.
   */
  public static List<Path> files(List<String> paths) {
    List<Path> out = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (String p : paths) {
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).sorted().forEach(f -> {
            if (seen.add(identity(f))) out.add(f);
          });
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + path, e);
        }
      } else if (Files.isRegularFile(path)) {
        if (seen.add(identity(path))) out.add(path);
      } else {
        throw new io.chainwatch.ingest.InputRejected(p, null, "no such file or folder");
      }
    }
    return out;
  }

  /** What tells files apart: the path with links followed, or the absolute path when that cannot be had. */
  private static Path identity(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  /**
   * The bytes of the files under {@code paths} when a hunt without Sigma rules scans every one of them in parallel (a
   * compressed file's as it expands); -1 when some file would be read event by event: UTF-16, compressed and small
   * ({@link Decompressed#worth}), or of a format no {@link ParallelReader} reads. (A file no reader recognises is
   * skipped, so it counts as nothing.) Reads the head of each file only, and a compressed file's last bytes.
   */
  public static long parallelBytes(List<String> paths, List<TelemetryReader> readers) {
    long bytes = 0;
    for (Path f : files(paths)) {
      byte[] head;
      boolean compressed;
      try (InputStream in = Files.newInputStream(f)) {
        head = in.readNBytes(Head.SIZE);
        compressed = head.length >= 2 && gzip(head[0] & 0xff, head[1] & 0xff);
        if (compressed) {
          if (!Decompressed.worth(Files.size(f))) return -1; // read event by event
          try (InputStream gz = new GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
            head = gz.readNBytes(Head.SIZE);
          }
          bytes += expandedSize(f);
        } else {
          bytes += Files.size(f);
        }
      } catch (IOException e) {
        continue; // reported by the hunt, and not read at all (a compressed file cut short in its head: read event by event)
      }
      if (utf16(head)) return -1; // as read() decides: UTF-16 is read event by event
      TelemetryReader r = readerFor(new Head(headName(f, compressed), head), readers);
      if (r != null && !(r instanceof ParallelReader)) return -1;
    }
    return bytes;
  }

  /**
   * The size a gzip file expands to, as its last member's trailer gives it (modulo 2^32); ten times the file's size
   * when that is less than the file's own (several members, or more than 4 GiB).
   */
  private static long expandedSize(Path f) throws IOException {
    long size = Files.size(f);
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(f)) {
      ByteBuffer trailer = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      while (trailer.hasRemaining() && size >= 4 && c.read(trailer, size - 4 + trailer.position()) > 0) {
        // read on
      }
      long expanded = trailer.hasRemaining() ? 0 : trailer.getInt(0) & 0xffffffffL;
      return expanded >= size ? expanded : 10 * size;
    }
  }

  /** The name a file's head is sniffed under: a compressed file's without its {@code .gz}. */
  static String headName(Path f, boolean compressed) {
    String name = f.getFileName().toString();
    return compressed && name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }

  /** How many bytes a compressed file of {@code size} bytes may expand to before it is cut (a gzip bomb). */
  static long expansionBound(long size, long expansionMinimum) {
    return Math.max(expansionMinimum, EXPANSION_RATIO * size);
  }

  /** The first reader whose sniff accepts the head, or null. */
  static @Nullable TelemetryReader readerFor(Head head, List<TelemetryReader> readers) {
    for (TelemetryReader r : readers) {
      if (r.accepts(head)) return r;
    }
    return null;
  }

  /** Whether a (decompressed) file starting with these bytes is UTF-16 with a byte-order mark. */
  static boolean utf16(byte[] head) {
    return head.length >= 2 && utf16(head[0] & 0xff, head[1] & 0xff);
  }

  /** Whether a file starting with these two bytes is gzip. */
  private static boolean gzip(int b0, int b1) {
    return b0 == 0x1f && b1 == 0x8b;
  }

  /** Whether a (decompressed) file starting with these two bytes is UTF-16 with a byte-order mark. */
  private static boolean utf16(int b0, int b1) {
    return (b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff);
  }

  /**
   * Reads one file into {@code sink} with the reader its content calls for; an unrecognised or unreadable file is a
   * problem handed to the sink, never an exception.
   */
  public static void read(Path f, List<TelemetryReader> readers, TelemetrySink sink, Progress progress) {
    read(f, readers, sink, progress, null, EXPANSION_MINIMUM);
  }

  /**
   * Reads one file, as {@link #read(Path, List, TelemetrySink, Progress)} does, but scans a plain file in parallel when
   * a plan is given, the sink takes a scan's deliveries and the reader can ({@link ParallelReader}); a compressed file
   * is read up to {@link #EXPANSION_RATIO} times its size or {@code expansionMinimum} bytes, whichever is more.
   */
  public static void read(Path f, List<TelemetryReader> readers, TelemetrySink sink, Progress progress,
      @Nullable ScanPlan plan, long expansionMinimum) {
    read(f, readers, sink, progress, plan, expansionMinimum, null);
  }

  /**
   * Reads one file as {@link #read(Path, List, TelemetrySink, Progress, ScanPlan, long)} does, with {@code ahead} its
   * decompression started beforehand ({@link Decompressed#ahead}), if any; the caller closes it.
   */
  static void read(Path f, List<TelemetryReader> readers, TelemetrySink sink, Progress progress,
      @Nullable ScanPlan plan, long expansionMinimum, @Nullable Decompressed ahead) {
    String name = f.toString();
    LineCounting lines = null;
    try (InputStream raw = Files.newInputStream(f)) {
      InputStream in = new BufferedInputStream(new CountingInputStream(raw, progress, name, -1), 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      boolean compressed = gzip(b0, b1);
      long size = Files.size(f);
      long bound = expansionBound(size, expansionMinimum);
      if (compressed) {
        in = new BufferedInputStream(new Bounded(new GZIPInputStream(in, 1 << 16), bound, () -> sink.problem(new ReadProblem(name, 0,
            ReadProblem.EXPANSION_BOUND, "expands beyond " + bound + " bytes (" + EXPANSION_RATIO
            + " times its size, at least " + expansionMinimum + "): the rest is not read"))), 1 << 16);
      }
      in.mark(2);
      int c0 = in.read();
      int c1 = in.read();
      in.reset();
      // UTF-16 with a byte-order mark, as Windows PowerShell 5 writes files (Out-File, >): read as the UTF-8 it says
      boolean utf16 = utf16(c0, c1);
      if (utf16) in = new BufferedInputStream(new Utf16AsUtf8(in), 1 << 16);
      in.mark(Head.SIZE);
      byte[] head = in.readNBytes(Head.SIZE);
      in.reset();
      @Nullable TelemetryReader reader = readerFor(new Head(headName(f, compressed), head), readers);
      if (reader == null) {
        if (head.length > 0) sink.problem(new ReadProblem(name, 0, ReadProblem.UNKNOWN_FORMAT, "no telemetry reader recognises this file"));
        return;
      }
      if (plan != null && !utf16 && reader instanceof ParallelReader && sink instanceof ScanSink
          && (!compressed || Decompressed.worth(size))) {
        if (!compressed) {
          ((ParallelReader) reader).scan(f, name, plan, (ScanSink) sink, progress);
          return;
        }
        // decompressed into a temporary file and scanned as a plain one; else read event by event from the start, which
        // reports what stopped the decompression (ADR 009, session 16's addendum)
        Decompressed d = ahead != null && ahead.of(f) ? ahead : Decompressed.now(f, readers, bound);
        try {
          Path temp = d.file(progress, name, size);
          if (temp != null) {
            // the scan, the second half of the file's work, in the compressed file's bytes
            Progress scan = (label, done, total) -> progress.update(label, size / 2 + (total <= 0 ? 0
                : (long) ((double) (size - size / 2) * Math.min(done, total) / total)), size);
            ((ParallelReader) reader).scan(temp, name, plan, (ScanSink) sink, scan);
            return;
          }
        } finally {
          if (d != ahead) d.close();
        }
      }
      lines = new LineCounting(in);
      reader.read(name, lines, sink);
    } catch (IOException e) {
      // a compressed file cut short (a copy interrupted, a log rotated while written) fails where the cut is: what came
      // before it was read and counts
      long line = lines == null ? 0 : lines.lines + 1;
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      sink.problem(new ReadProblem(name, line, ReadProblem.CORRUPT, line == 0 ? "cannot be read: " + why
          : "cannot be read on from here: " + why + "; the lines before it were read"));
    }
  }

  /** One byte through a stream's block read (the streams here transform blocks). */
  private static int single(InputStream s) throws IOException {
    byte[] one = new byte[1];
    int n = s.read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  /** UTF-16 text (its byte-order mark says which order) as UTF-8 bytes; unpaired surrogates become U+FFFD. */
  private static final class Utf16AsUtf8 extends InputStream {
    private final Reader chars;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer in = CharBuffer.allocate(8192);
    private final ByteBuffer out = ByteBuffer.allocate(3 * 8192 + 8);
    private boolean done;

    Utf16AsUtf8(InputStream bytes) {
      // UTF-16 reads the byte-order mark, and drops it
      this.chars = new InputStreamReader(bytes, StandardCharsets.UTF_16);
      out.flip();
    }

    @Override
    public int read() throws IOException {
      return single(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      while (!out.hasRemaining()) {
        if (done) return -1;
        out.clear();
        int n = chars.read(in);
        if (n < 0) {
          done = true;
          in.flip();
          encoder.encode(in, out, true);
          encoder.flush(out);
        } else {
          in.flip();
          encoder.encode(in, out, false);
          in.compact();
        }
        out.flip();
      }
      int n = Math.min(len, out.remaining());
      out.get(b, off, n);
      return n;
    }

    @Override
    public void close() throws IOException {
      chars.close();
    }
  }

  /** Counts the line ends that pass, so that a read failure can name the line it happened in. */
  private static final class LineCounting extends FilterInputStream {
    long lines;

    LineCounting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b == '\n') lines++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      for (int i = off; i < off + n; i++) {
        if (b[i] == '\n') lines++;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // skipped bytes are not looked at: count them by reading
      byte[] buffer = new byte[8192];
      long done = 0;
      while (done < n) {
        int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
        if (r < 0) break;
        done += r;
      }
      return done;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** A stream that ends after {@code bound} bytes, telling once that it cut the input short. */
  private static final class Bounded extends FilterInputStream {
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
      return single(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (read >= bound) {
        // at the bound: the input is cut here if anything is left
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
}
