package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a hunt reads: folders walked in name order, and each file once however often the paths name it. */
class TelemetryFilesTest {
  @TempDir Path dir;

  @Test
  void aFileNamedSeveralWays_isReadOnce_asFirstNamed() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(logs.resolve("zeek"));
    Files.writeString(logs.resolve("zeek/dns.log"), "x\n");
    Files.writeString(logs.resolve("zeek/conn.log"), "x\n");
    Files.writeString(logs.resolve("proxy.log"), "x\n");
    Files.createSymbolicLink(logs.resolve("zeek/current-dns.log"), logs.resolve("zeek/dns.log"));
    List<Path> files = TelemetryFiles.files(List.of(logs.resolve("zeek/dns.log").toString(), logs.toString(),
        logs.resolve("zeek").toString(), dir.resolve("logs/zeek/../proxy.log").toString()));
    assertThat(files).containsExactly(logs.resolve("zeek/dns.log"), logs.resolve("proxy.log"), logs.resolve("zeek/conn.log"));
  }
}
