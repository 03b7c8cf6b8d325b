package io.chainwatch.app;

import io.chainwatch.hunt.HuntService;
import io.chainwatch.hunt.IndicatorDetector;
import io.chainwatch.store.Database;
import io.chainwatch.store.SqlIntelRepository;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * A hunt's indicators read and indexed on a thread of their own, started as soon as a process knows it will hunt, so
 * that this work (a fifth to a third of a second for 100,000 indicators) runs beside the reading of the command line
 * on a core that would otherwise wait (ADR 014).
 *
 * <p>It is a guess made early, so it changes nothing: the database is opened for reading only
 * ({@link Database#openForReading}: nothing is created or migrated), and the hunt uses what it read only when the hunt turns out to be for the same database and incident;
 * otherwise, and when anything failed here, the hunt reads its indicators itself, and any error is reported there.
 */
public final class IndicatorPrefetch {
  private final String url;
  private final @Nullable String incident;
  private final FutureTask<IndicatorDetector> task;

  private IndicatorPrefetch(String url, @Nullable String incident) {
    this.url = url;
    this.incident = incident;
    // the store and the detector only: the services a hunt needs besides are made by the main thread meanwhile
    this.task = new FutureTask<>(() -> {
      try (Database db = Database.openForReading(url)) {
        return HuntService.indicatorDetector(new SqlIntelRepository(db), incident);
      }
    });
  }

  /** Starts reading the huntable indicators of {@code incident} (all when null) from the database at {@code url}. */
  public static IndicatorPrefetch start(String url, @Nullable String incident) {
    IndicatorPrefetch p = new IndicatorPrefetch(url, incident);
    Thread t = new Thread(p.task, "indicator-prefetch");
    t.setDaemon(true); // a command that ends before it is needed does not wait for it
    t.start();
    // Meanwhile the caller, which has time to spare before it needs the indicators, makes what the driver would make
    // next on the prefetch thread, while that thread loads the driver's library: the two take as long.
    Database.prepare(url);
    return p;
  }

  /**
   * The indicator detector, waiting for it, when this prefetch was for the database at {@code url} and for
   * {@code incident} and it succeeded; else null, and the caller builds its own.
   */
  public @Nullable IndicatorDetector take(String url, @Nullable String incident) {
    if (!this.url.equals(url) || !Objects.equals(this.incident, incident)) return null;
    try {
      return task.get();
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
