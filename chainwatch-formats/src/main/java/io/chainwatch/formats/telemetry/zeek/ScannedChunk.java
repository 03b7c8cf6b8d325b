package io.chainwatch.formats.telemetry.zeek;

import io.chainwatch.hunt.ConnectionBatch;
import io.chainwatch.hunt.ScanSink;
import io.chainwatch.hunt.TelemetryEvent;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * What one chunk of a parallel scan (Zeek JSON or TSV) gave, in line order, and how the main thread hands it on: the
 * whole events between the runs of connection events they came between, then the counts.
 */
class ScannedChunk {
  /** The events every detector sees, each with the number of connection events before it in the chunk. */
  final List<TelemetryEvent> whole = new ArrayList<>();
  private int[] wholeAt = new int[16];
  final ConnectionBatch connections;
  long lines;
  long skippedIn;
  long skippedOut;
  /** The file offset of the first line not handled, or -1 when the whole chunk was handled. */
  long stopOffset = -1;
  long end;

  ScannedChunk(ConnectionBatch connections) {
    this.connections = connections;
  }

  /** Adds an event every detector must see, after the connection events added so far. */
  void whole(TelemetryEvent e) {
    int i = whole.size();
    if (i == wholeAt.length) wholeAt = Arrays.copyOf(wholeAt, 2 * i);
    wholeAt[i] = connections.size();
    whole.add(e);
  }

  /** Hands the chunk on in line order, its line numbers counted from the file's start ({@code linesBefore} before it). */
  void deliver(ScanSink sink, long linesBefore) {
    connections.lineOffset(linesBefore);
    int done = 0;
    for (int i = 0; i < whole.size(); i++) {
      int at = wholeAt[i];
      if (at > done) sink.connections(connections, done, at);
      done = at;
      TelemetryEvent e = whole.get(i);
      if (linesBefore > 0) {
        e = new TelemetryEvent(e.kind(), e.time(), e.sourceAddress(), e.sourcePort(), e.destinationAddress(),
            e.destinationPort(), e.host(), e.fields(), e.file(), e.line() + linesBefore);
      }
      sink.event(e);
    }
    if (connections.size() > done) sink.connections(connections, done, connections.size());
    sink.skipped(skippedIn, skippedOut);
  }

  /** The chunk a scan thread made, its failure thrown as the read's. */
  static <C extends ScannedChunk> C get(Future<C> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException) throw ((UncheckedIOException) cause).getCause();
      if (cause instanceof IOException) throw (IOException) cause;
      if (cause instanceof RuntimeException) throw (RuntimeException) cause;
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Reads {@code b[from, to)} from {@code file} at {@code offset + from}. Read, not mapped: a mapping lives until a
   * collection frees it, which a hunt rarely has, so every chunk's pages stayed mapped to the end (a 1 GiB hunt's
   * resident memory was 1.5 GB, and the exit took 20 ms longer to unmap them), and a file cut short while it was read
   * would have crashed the process (SIGBUS) instead of failing a read.
   */
  static void read(FileChannel channel, Path file, byte[] b, long offset, int from, int to) throws IOException {
    // In slices: the channel reads into a direct buffer of the read's size and copies that into the array. A slice's
    // buffer stays in the processor's cache between the two copies; a whole chunk's (8 MiB) did not, and both copies
    // then went to memory (reading 1 GiB: 280 to 300 against 340 to 360 ms of CPU, BENCHMARKS.md).
    for (int at = from; at < to; ) {
      ByteBuffer into = ByteBuffer.wrap(b, at, Math.min(READ_SLICE, to - at));
      while (into.hasRemaining()) {
        if (channel.read(into, offset + into.position()) < 0) {
          throw new EOFException(file + " became shorter while it was read");
        }
      }
      at = into.position();
    }
  }

  private static final int READ_SLICE = 64 << 10;
}
