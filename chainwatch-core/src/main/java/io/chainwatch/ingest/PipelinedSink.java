package io.chainwatch.ingest;

import io.chainwatch.advisory.Incident;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.intel.IntelRecord;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a parser on its own thread and hands what it reads, in batches and in order, to a sink on the calling
 * thread: one core parses while the other writes. The queue is bounded, so memory stays flat whatever the file size.
 */
final class PipelinedSink implements ImportSink {
  private static final int BATCH = 2048;
  private static final List<Consumer<ImportSink>> END = List.of();

  private final BlockingQueue<List<Consumer<ImportSink>>> queue = new ArrayBlockingQueue<>(32);
  private List<Consumer<ImportSink>> batch = new ArrayList<>(BATCH);
  private volatile boolean cancelled;
  private volatile @Nullable Throwable parserFailure;

  /** Parses {@code source} with {@code parser} into {@code target}; rethrows the parser's or the target's failure. */
  static void run(Parser parser, Source source, ImportSink target) throws IOException {
    PipelinedSink pipe = new PipelinedSink();
    Thread worker = new Thread(() -> pipe.produce(parser, source), "parse-" + parser.name());
    worker.setDaemon(true);
    worker.start();
    try {
      while (true) {
        List<Consumer<ImportSink>> next = pipe.queue.take();
        if (next == END) break;
        for (Consumer<ImportSink> op : next) op.accept(target);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pipe.cancelled = true;
      throw new InterruptedIOException("import interrupted");
    } catch (RuntimeException e) {
      pipe.cancelled = true;
      throw e;
    } finally {
      pipe.cancelled = pipe.cancelled || pipe.parserFailure != null;
      joinQuietly(worker);
    }
    Throwable failure = pipe.parserFailure;
    if (failure instanceof IOException) throw (IOException) failure;
    if (failure instanceof RuntimeException) throw (RuntimeException) failure;
    if (failure instanceof Error) throw (Error) failure;
  }

  private void produce(Parser parser, Source source) {
    try {
      parser.parse(source, this);
      flush();
    } catch (CancellationException e) {
      return; // the consumer failed and reports its own error
    } catch (Throwable t) {
      parserFailure = t;
    }
    try {
      while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
        if (cancelled) return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void add(Consumer<ImportSink> op) {
    batch.add(op);
    if (batch.size() >= BATCH) flush();
  }

  private void flush() {
    if (batch.isEmpty()) return;
    try {
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        if (cancelled) throw new CancellationException();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("import interrupted"));
    }
    batch = new ArrayList<>(BATCH);
  }

  @Override
  public void customer(Customer customer) {
    add(s -> s.customer(customer));
  }

  @Override
  public void installation(Installation installation) {
    add(s -> s.installation(installation));
  }

  @Override
  public void incident(Incident incident) {
    add(s -> s.incident(incident));
  }

  @Override
  public void trustEdge(TrustEdge edge) {
    add(s -> s.trustEdge(edge));
  }

  @Override
  public void intel(IntelRecord record) {
    add(s -> s.intel(record));
  }

  @Override
  public void release(ReleaseRecord release) {
    add(s -> s.release(release));
  }

  @Override
  public void warning(String message) {
    add(s -> s.warning(message));
  }
}
