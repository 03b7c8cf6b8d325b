package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.common.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  @Test
  void theBarIsDrawnWhenStandardErrorIsATerminal_notAPipeOrAFile() {
    assertThat(TerminalProgress.terminalDevice("/dev/pts/3")).isTrue();
    assertThat(TerminalProgress.terminalDevice("/dev/tty1")).isTrue();
    assertThat(TerminalProgress.terminalDevice("pipe:[41]")).isFalse();
    assertThat(TerminalProgress.terminalDevice("/tmp/hunt.err")).isFalse();
    assertThat(TerminalProgress.terminalDevice("/dev/null")).isFalse();
    // the test's standard error is the build's pipe: nothing is drawn
    assertThat(TerminalProgress.forTerminal(new PrintWriter(new StringWriter()), Clock.systemUTC())).isSameAs(Progress.NONE);
  }

  @Test
  void theBar_percentBytesRateAndEta_redrawnInPlace_andClearedBeforeTheResult() {
    AtomicLong millis = new AtomicLong(0);
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
    };
    StringWriter out = new StringWriter();
    TerminalProgress bar = new TerminalProgress(new PrintWriter(out), clock);
    millis.set(2_000);
    bar.update("dns.log (1/2)", 512L << 20, 2048L << 20);
    assertThat(out.toString()).isEqualTo("\rdns.log (1/2)   25%  512.0 MiB of 2.00 GiB  256.0 MiB/s  ETA 6 s\033[K");
    millis.set(2_100);
    bar.update("dns.log (1/2)", 600L << 20, 2048L << 20);
    assertThat(out.toString()).as("not redrawn within 200 ms").endsWith("ETA 6 s\033[K");
    TerminalProgress.clear(bar);
    assertThat(out.toString()).endsWith("\r\033[K");
  }
}
