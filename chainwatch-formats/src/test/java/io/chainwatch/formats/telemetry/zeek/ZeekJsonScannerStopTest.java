package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.common.Progress;
import io.chainwatch.formats.telemetry.Telemetry;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntRepository;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.HuntService;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.portfolio.AssetDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the parallel Zeek JSON scan meets a line the reader must report (here one over the line bound), it drops the
 * chunks still in flight and the reader reads the rest of the file. The chunks were once cancelled with an interrupt:
 * one interrupted inside {@code channel.map} closed the shared channel (FileChannel is an InterruptibleChannel), the
 * reader failed with ClosedChannelException and every event after the long line was lost, at random. Ten runs.
 */
class ZeekJsonScannerStopTest {
  @TempDir Path dir;

  @Test
  void aLongLineHandsTheRestToTheReader_everyTime_withTheHitsAfterIt() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path file = logs.resolve("http.log");
    try (OutputStream o = Files.newOutputStream(file)) {
      o.write("{\"ts\":1680089100.0,\"uid\":\"C1\",\"id.orig_h\":\"10.1.0.12\",\"host\":\"update.voxline.io\"}\n".getBytes(StandardCharsets.US_ASCII));
      o.write("{\"ts\":1680089101.0,\"uid\":\"C2\",\"host\":\"".getBytes(StandardCharsets.US_ASCII));
      byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 50; i++) o.write(block);
      o.write("\"}\n".getBytes(StandardCharsets.US_ASCII));
      byte[] filler = "{\"ts\":1680089102.0,\"uid\":\"C3\",\"id.orig_h\":\"10.1.0.13\",\"host\":\"www.example.org\"}\n"
          .getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 10; i++) o.write(filler);
      o.write("{\"ts\":1680089103.0,\"uid\":\"C4\",\"id.orig_h\":\"10.1.0.11\",\"host\":\"msstorageazure.com\"}\n".getBytes(StandardCharsets.US_ASCII));
    }
    List<Indicator> indicators = List.of(new Indicator("hostname", "update.voxline.io"), new Indicator("domain", "msstorageazure.com"));
    IntelRepository intel = proxy(IntelRepository.class, (m, a) -> m.equals("huntable") ? indicators : List.of());
    AssetDirectory assets = proxy(AssetDirectory.class, (m, a) -> Optional.empty());
    HuntService service = new HuntService(Telemetry.readers(), intel, assets, proxy(HuntRepository.class, (m, a) -> 1L),
        Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC)).scanning(2, 8 << 20);
    for (int run = 0; run < 10; run++) {
      HuntResult r = service.hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null), List.of(),
          Progress.NONE);
      assertThat(r.stats().problems()).as("run %d: %s", run, r.stats().examples()).isEqualTo(Map.of("long-line", 1L));
      assertThat(r.sightings()).as("run %d", run).hasSize(2);
    }
  }

  /**
   * A log cut short while the scan reads it (rotated, truncated by its writer) fails the file with a read problem
   * that says so, and the hunt goes on with what it read. Chunks were once memory-mapped: a chunk mapped after the cut
   * failed with "Channel not open for writing - cannot extend file to required size", and one cut between its mapping
   * and its copy would have killed the process with SIGBUS.
   */
  @Test
  void aFileCutShortWhileScanned_isReportedAsAProblem_andTheHuntGoesOn() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path file = logs.resolve("http.log");
    byte[] line = "{\"ts\":1680089102.0,\"uid\":\"C3\",\"id.orig_h\":\"10.1.0.13\",\"host\":\"www.example.org\"}\n"
        .getBytes(StandardCharsets.US_ASCII);
    try (OutputStream o = Files.newOutputStream(file)) {
      o.write("{\"ts\":1680089100.0,\"uid\":\"C1\",\"id.orig_h\":\"10.1.0.12\",\"host\":\"update.voxline.io\"}\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 100_000; i++) o.write(line); // about 8 MB: over a hundred chunks of 64 KiB
    }
    List<Indicator> indicators = List.of(new Indicator("hostname", "update.voxline.io"));
    IntelRepository intel = proxy(IntelRepository.class, (m, a) -> m.equals("huntable") ? indicators : List.of());
    AssetDirectory assets = proxy(AssetDirectory.class, (m, a) -> Optional.empty());
    HuntService service = new HuntService(Telemetry.readers(), intel, assets, proxy(HuntRepository.class, (m, a) -> 1L),
        Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC)).scanning(2, 1 << 16);
    boolean[] cut = new boolean[1];
    Progress cutting = (label, done, total) -> {
      if (cut[0] || done <= 0) return;
      cut[0] = true;
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(1 << 18); // the chunks read ahead may be whole; those after end at the cut
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    HuntResult r = service.hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null), List.of(),
        cutting);
    assertThat(cut[0]).isTrue();
    assertThat(r.stats().problems()).isEqualTo(Map.of("corrupt-record", 1L));
    assertThat(r.stats().examples()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(file.toString());
      assertThat(p.detail()).contains("became shorter while it was read");
    });
    assertThat(r.sightings()).singleElement().satisfies(s -> assertThat(s.indicatorValue()).isEqualTo("update.voxline.io"));
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
    return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> answer.apply(method.getName(), args));
  }
}
