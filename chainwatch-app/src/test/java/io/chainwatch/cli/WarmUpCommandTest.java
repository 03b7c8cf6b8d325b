package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run: it must run every path it trains silently and succeed, or the class-data archive is
 * built from a run that stopped early (the launcher hides its failures: the archive is only an optimisation).
 */
class WarmUpCommandTest {
  @TempDir Path dir;

  @Test
  void warmUp_runsTheDemoAndHuntsOfZeekLogs_silently() {
    CliRun.Result r = new CliRun(dir).run("warm-up");

    // the hunts inside throw when one fails or prints a warning, which would end the command with an error status
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
  }
}
