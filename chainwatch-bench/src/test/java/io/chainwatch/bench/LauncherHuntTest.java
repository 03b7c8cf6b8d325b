package io.chainwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./chainwatch}, run after the build has made the jar) starts a hunt on the quick compiler alone
 * and runs it again with the optimising one when the hunt asks (status 75): either way the person sees one hunt, its
 * output and status 0, and never the 75.
 */
class LauncherHuntTest {
  static final String LINE = "{\"ts\":1679479262.5,\"uid\":\"C1\",\"id.orig_h\":\"10.20.1.11\",\"id.orig_p\":49152,"
      + "\"id.resp_h\":\"185.199.108.133\",\"id.resp_p\":80,\"method\":\"GET\",\"host\":\"raw.githubusercontent.com\","
      + "\"uri\":\"/IconStorages/images/main/icon3.ico\"}\n";
  @TempDir Path dir;

  private JsonNode hunt(Path logs) throws IOException, InterruptedException {
    Path launcher = Path.of("..", "chainwatch").toAbsolutePath().normalize();
    Path out = dir.resolve("out.json");
    Path err = dir.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), "--db", "jdbc:sqlite:" + dir.resolve("t.db"), "hunt",
        "--logs", logs.toString(), "--format", "json"))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().remove("CHAINWATCH_JAVA_OPTS");
    pb.environment().remove("CHAINWATCH_COMPILER");
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    return new ObjectMapper().readTree(out.toFile());
  }

  @Test
  void aHuntScannedInParallel_andOneReadEventByEvent_bothRunToTheirResult() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("http.log"), LINE.repeat(3), StandardCharsets.UTF_8);
    JsonNode first = hunt(plain);
    assertThat(first.path("stats").path("events").asLong()).isEqualTo(3);

    Path compressed = Files.createDirectories(dir.resolve("compressed"));
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(compressed.resolve("http.log.gz")))) {
      o.write(LINE.repeat(4).getBytes(StandardCharsets.UTF_8));
    }
    JsonNode second = hunt(compressed);
    assertThat(second.path("stats").path("events").asLong()).isEqualTo(4);
    assertThat(second.path("hunt").asLong()).isEqualTo(first.path("hunt").asLong() + 1);
  }
}
