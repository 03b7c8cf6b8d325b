package io.chainwatch.formats.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.hunt.TelemetryFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which hunts scan every file in parallel (the launcher runs those on the quick compiler alone): the real readers
 * decide on the real samples, as the hunt would.
 */
class ParallelBytesTest {
  @TempDir Path dir;

  private Path copy(String resource, String name) throws IOException {
    Path target = dir.resolve(name);
    Files.createDirectories(target.getParent());
    try (InputStream in = getClass().getResourceAsStream("/telemetry/" + resource)) {
      Files.copy(in, target);
    }
    return target;
  }

  private long parallelBytes() {
    return TelemetryFiles.parallelBytes(List.of(dir.toString()), Telemetry.readers());
  }

  @Test
  void zeekJsonFiles_areScannedInParallel_andTheirBytesCounted() throws IOException {
    Path a = copy("zeek/SCRANTON_dns.log", "a/dns.log");
    Path b = copy("zeek/BroExampleOutput", "b/http.json");
    Files.writeString(dir.resolve("empty.log"), "");
    Files.writeString(dir.resolve("notes.txt"), "no telemetry reader recognises this\n");
    assertThat(parallelBytes()).isEqualTo(Files.size(a) + Files.size(b) + Files.size(dir.resolve("notes.txt")));
  }

  /** The resource {@code times} over, gzipped; its decompressed size. */
  private long gzip(String resource, String name, int times) throws IOException {
    Path target = dir.resolve(name);
    Files.createDirectories(target.getParent());
    byte[] text;
    try (InputStream in = getClass().getResourceAsStream("/telemetry/" + resource)) {
      text = in.readAllBytes();
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
      for (int i = 0; i < times; i++) out.write(text);
    }
    return (long) text.length * times;
  }

  /** A compressed Zeek log is decompressed and scanned in parallel: it counts as the bytes it expands to. */
  @Test
  void aCompressedZeekFile_isScannedInParallel_atItsExpandedSize() throws IOException {
    Path plain = copy("zeek/SCRANTON_dns.log", "dns.log");
    long http = gzip("zeek/SCRANTON_http.log", "http.log.gz", 40);
    assertThat(Files.size(dir.resolve("http.log.gz"))).isGreaterThanOrEqualTo(TelemetryFiles.SCANNED_COMPRESSED_MINIMUM);
    assertThat(parallelBytes()).isEqualTo(Files.size(plain) + http);
  }

  /** A small compressed file is read event by event: decompressing it would cost more than reading it. */
  @Test
  void aSmallCompressedFile_orOneOfAnotherFormat_isReadEventByEvent() throws IOException {
    copy("zeek/SCRANTON_dns.log", "dns.log");
    gzip("zeek/SCRANTON_http.log", "http.log.gz", 1);
    assertThat(Files.size(dir.resolve("http.log.gz"))).isLessThan(TelemetryFiles.SCANNED_COMPRESSED_MINIMUM);
    assertThat(parallelBytes()).isEqualTo(-1);
    Files.delete(dir.resolve("http.log.gz"));
    gzip("proxy/SquidExampleOutput", "access.log.gz", 1000);
    assertThat(parallelBytes()).isEqualTo(-1);
  }

  @Test
  void formatsNoParallelReaderTakes_areReadEventByEvent() throws IOException {
    for (String other : List.of("sysmon/d7a63acb-1284-49bc-bfea-7771146c8b1c.json", "proxy/SquidExampleOutput",
        "dns/bind9-logs.log")) {
      Path json = copy("zeek/SCRANTON_http.log", "http.log");
      Path f = copy(other, "other/" + Path.of(other).getFileName());
      assertThat(parallelBytes()).as(other).isEqualTo(-1);
      Files.delete(f);
      Files.delete(json);
    }
  }

  /** Zeek TSV is scanned in parallel too (ADR 009, session 15's addendum). */
  @Test
  void zeekTsvBesideJson_isScannedInParallel() throws IOException {
    Path json = copy("zeek/SCRANTON_http.log", "http.log");
    Path tsv = copy("zeek/dns.log", "other/dns.log");
    assertThat(parallelBytes()).isEqualTo(Files.size(json) + Files.size(tsv));
  }

  @Test
  void aMissingPath_isRejectedAsTheHuntRejectsIt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        TelemetryFiles.parallelBytes(List.of(dir.resolve("absent").toString()), Telemetry.readers()))
        .isInstanceOf(io.chainwatch.ingest.InputRejected.class).hasMessageContaining("absent");
  }
}
