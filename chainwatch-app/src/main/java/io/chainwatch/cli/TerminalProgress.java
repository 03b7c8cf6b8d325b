package io.chainwatch.cli;

import io.chainwatch.common.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place: percentage, bytes, throughput and ETA. Only used when
 * stderr is a terminal; piped output stays quiet.
 */
final class TerminalProgress implements Progress {
  private static final long REDRAW_MILLIS = 200;
  private final PrintWriter err;
  private final Clock clock;
  private final long started;
  private long lastDraw;
  private boolean drawn;

  TerminalProgress(PrintWriter err, Clock clock) {
    this.err = err;
    this.clock = clock;
    this.started = clock.millis();
  }

  /** A progress bar when standard error is a terminal, else {@link Progress#NONE}. */
  static Progress forTerminal(PrintWriter err, Clock clock) {
    return stderrIsTerminal() ? new TerminalProgress(err, clock) : Progress.NONE;
  }

  /**
   * Whether the process's standard error is a terminal, where the bar is drawn: also when the result goes to a file or
   * a pipe ({@code hunt ... > hunt.json}), as curl and pv draw theirs. Java 17 tells only whether standard input and
   * output both are ({@code System.console()}); on Linux the descriptor's link says it of standard error itself.
   */
  static boolean stderrIsTerminal() {
    try {
      return terminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Whether a descriptor linking to {@code target} is a terminal ({@code /dev/pts/3}, not {@code pipe:[41]} or a file). */
  static boolean terminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }

  @Override
  public void update(String label, long done, long total) {
    long now = clock.millis();
    if (now - lastDraw < REDRAW_MILLIS) return;
    lastDraw = now;
    double seconds = Math.max(0.001, (now - started) / 1000.0);
    double rate = done / seconds;
    String line;
    if (total > 0) {
      double eta = rate > 0 ? (total - done) / rate : 0;
      line = String.format(Locale.ROOT, "%s  %3d%%  %s of %s  %s/s  ETA %s", label, (int) (100 * done / total),
          bytes(done), bytes(total), bytes((long) rate), duration(eta));
    } else {
      line = String.format(Locale.ROOT, "%s  %s  %s/s", label, bytes(done), bytes((long) rate));
    }
    err.print("\r" + line + "\033[K");
    err.flush();
    drawn = true;
  }

  /** Clears the bar before the command prints its result. */
  void clear() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  static void clear(Progress p) {
    if (p instanceof TerminalProgress) ((TerminalProgress) p).clear();
  }

  static String bytes(long n) {
    if (n < 1024) return n + " B";
    if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
  }
}
