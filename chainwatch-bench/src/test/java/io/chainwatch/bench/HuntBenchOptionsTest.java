package io.chainwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The hunt bench runs the hunt with the JVM options the launcher gives it, so that it measures what ships. */
class HuntBenchOptionsTest {
  @Test
  void theBenchUsesTheLaunchersHuntOptions() throws IOException {
    String launcher = Files.readString(Path.of("..", "chainwatch"));
    assertThat(launcher).contains("hunt) opts=\"" + HuntBench.HUNT_JVM_OPTIONS + "\"");
  }
}
