package io.chainwatch.hunt;

import io.chainwatch.common.CountingInputStream;
import io.chainwatch.common.Progress;
import io.chainwatch.ingest.Head;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A compressed log decompressed into a temporary file, so that it can be scanned in parallel as a plain one (ADR 009,
 * session 16's addendum), when its decompressed head is for a {@link ParallelReader}. Made on the calling thread, or
 * ahead on a thread of its own while the file before it is scanned: inflating is one thread's work, which the cores
 * the scan leaves idle at times can do.
 *
 * <p>Nothing is made (and the file is then read event by event, which reports why where it is) when the file is cut
 * short or corrupt, expands beyond its bound (a gzip bomb), or would leave the temporary folder's file system less than
 * {@link #SPARE} free (or take more than a quarter of it when it is held in memory: {@link #limit}). The temporary
 * file is its owner's only; {@link #close} deletes it.
 */
final class Decompressed implements AutoCloseable {
  /** What a decompressed file may leave free of the temporary folder's file system, at least. */
  static final long SPARE = 1L << 30;
  /** File systems held in memory: a temporary folder there (many Linux systems mount /tmp so) is the machine's memory. */
  private static final java.util.Set<String> MEMORY_BACKED = java.util.Set.of("tmpfs", "ramfs");

  /**
   * The most bytes a decompressed file may have: its expansion bound, less than the temporary file system's
   * {@code usable} bytes by {@link #SPARE}, and on a file system held in memory a quarter of them at most, so that one
   * large log does not take the machine's memory (it is read event by event instead).
   */
  static long limit(long bound, long usable, boolean memoryBacked) {
    long most = Math.min(bound, usable - SPARE);
    return memoryBacked ? Math.min(most, usable / 4) : most;
  }

  /** How often a wait for the decompression tells the progress. */
  private static final long PROGRESS_MILLIS = 200;

  private final Path file;
  private final List<TelemetryReader> readers;
  private final long bound;
  private final FutureTask<@Nullable Path> task;
  /** The compressed bytes read so far. */
  private final AtomicLong read = new AtomicLong();
  private volatile boolean closed;
  private @Nullable Path temp;

  private Decompressed(Path file, List<TelemetryReader> readers, long bound) {
    this.file = file;
    this.readers = readers;
    this.bound = bound;
    this.task = new FutureTask<>(this::make);
  }

  /** Decompresses {@code file} on this thread. */
  static Decompressed now(Path file, List<TelemetryReader> readers, long bound) {
    Decompressed d = new Decompressed(file, readers, bound);
    d.task.run();
    return d;
  }

  /**
   * Whether a compressed file of {@code bytes} is decompressed for the scan: from
   * {@link TelemetryFiles#SCANNED_COMPRESSED_MINIMUM}. A temporary file and a thread cost about a millisecond, and a
   * small file is read event by event in less: 2,000 gzipped files of 20 Zeek lines (4 KB each) took 2.3 to 2.4 s so
   * decompressed against 1.55 to 1.6 s read event by event.
   */
  static boolean worth(long bytes) {
    return bytes >= TelemetryFiles.SCANNED_COMPRESSED_MINIMUM;
  }

  /** Starts decompressing {@code file} on a thread of its own when it is gzip and {@link #worth} it; else null. */
  static @Nullable Decompressed ahead(Path file, List<TelemetryReader> readers, long expansionMinimum) {
    long bound;
    try (InputStream in = Files.newInputStream(file)) {
      if (in.read() != 0x1f || in.read() != 0x8b) return null;
      long size = Files.size(file);
      if (!worth(size)) return null;
      bound = TelemetryFiles.expansionBound(size, expansionMinimum);
    } catch (IOException e) {
      return null; // the read reports it
    }
    Decompressed d = new Decompressed(file, readers, bound);
    Thread t = new Thread(d.task, "hunt-decompress");
    t.setDaemon(true);
    t.start();
    return d;
  }

  /** Whether this is the decompression of {@code f}. */
  boolean of(Path f) {
    return file.equals(f);
  }

  /** The decompressed file, waiting for it; null when the compressed one is to be read event by event. */
  @Nullable Path file() {
    return file(Progress.NONE, "", 0);
  }

  /**
   * {@link #file()}, telling {@code progress} meanwhile how much of the compressed file's {@code size} bytes is
   * decompressed, as the first half of the file's work (its scan is the second).
   */
  @Nullable Path file(Progress progress, String label, long size) {
    try {
      while (true) {
        try {
          return task.get(PROGRESS_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          progress.update(label, Math.min(size, read.get()) / 2, size);
        }
      }
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private @Nullable Path make() {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = new GZIPInputStream(new BufferedInputStream(new CountingInputStream(raw,
            (label, done, total) -> read.set(done), "", -1), 1 << 16), 1 << 16)) {
      byte[] head = in.readNBytes(Head.SIZE);
      Head h = new Head(TelemetryFiles.headName(file, true), head);
      if (TelemetryFiles.utf16(head) || !(TelemetryFiles.readerFor(h, readers) instanceof ParallelReader)) {
        return null;
      }
      synchronized (this) {
        if (closed) return null;
        temp = Files.createTempFile("chainwatch-hunt-", ".log");
        // also when the hunt is interrupted (Ctrl-C runs the JVM's shutdown hooks); only a killed process leaves it
        temp.toFile().deleteOnExit();
      }
      java.nio.file.FileStore store = Files.getFileStore(temp);
      long most = limit(bound, store.getUsableSpace(), MEMORY_BACKED.contains(store.type()));
      try (OutputStream out = Files.newOutputStream(temp)) {
        if (head.length > most) return delete();
        out.write(head);
        if (!copy(in, out, most - head.length)) return delete();
      }
      return temp;
    } catch (IOException e) {
      return delete();
    }
  }

  /** Copies {@code in} to {@code out}; false, having stopped, when {@code in} has more than {@code most} bytes or this is closed. */
  private boolean copy(InputStream in, OutputStream out, long most) throws IOException {
    byte[] buffer = new byte[1 << 20];
    long done = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      done += n;
      if (done > most || closed) return false;
      out.write(buffer, 0, n);
    }
    return true;
  }

  /** Deletes the temporary file, if any; null. */
  private synchronized @Nullable Path delete() {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        temp.toFile().deleteOnExit();
      }
      temp = null;
    }
    return null;
  }

  /** Stops the decompression if it runs, and deletes the temporary file. */
  @Override
  public void close() {
    closed = true;
    if (task.isDone()) {
      delete();
      return;
    }
    // the decompression stops at its next block, sees it is closed, and deletes what it wrote
    file();
    delete();
  }
}
