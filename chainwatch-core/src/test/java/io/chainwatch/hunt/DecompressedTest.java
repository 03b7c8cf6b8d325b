package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.common.Progress;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed log is decompressed into a temporary file only for a parallel reader, only whole and within its bound,
 * and the temporary file never outlives {@link Decompressed#close}.
 */
class DecompressedTest {
  @TempDir Path dir;

  /** Takes files whose first line starts with {@code #scan}; never scans (these tests do not get that far). */
  static final class Scanning implements ParallelReader {
    @Override
    public String name() {
      return "test/scanning";
    }

    @Override
    public boolean accepts(Head head) {
      return head.text().startsWith("#scan");
    }

    @Override
    public void read(String file, InputStream in, TelemetrySink sink) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void scan(Path file, String name, ScanPlan plan, ScanSink sink, Progress progress) {
      throw new UnsupportedOperationException();
    }
  }

  private static final List<TelemetryReader> READERS = List.of(new Scanning());

  private Path gzip(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  private static String lines(int n) {
    StringBuilder b = new StringBuilder("#scan\n");
    for (int i = 0; i < n; i++) b.append("line ").append(i).append('\n');
    return b.toString();
  }

  @Test
  void aCompressedLogForAParallelReader_isDecompressedWhole_andDeletedOnClose() throws IOException {
    String text = lines(50_000);
    Path gz = gzip("dns.log.gz", text);
    assertThat(Files.size(gz)).isGreaterThanOrEqualTo(TelemetryFiles.SCANNED_COMPRESSED_MINIMUM);
    Path temp;
    try (Decompressed d = Decompressed.ahead(gz, READERS, 1 << 30)) {
      assertThat(d).isNotNull();
      assertThat(d.of(gz)).isTrue();
      temp = d.file();
      assertThat(temp).isNotNull();
      assertThat(Files.readString(temp)).isEqualTo(text);
      assertThat(temp.getFileName().toString()).startsWith("chainwatch-hunt-");
    }
    assertThat(temp).doesNotExist();
  }

  @Test
  void aPlainFile_orASmallCompressedOne_isNotDecompressed() throws IOException {
    Path plain = Files.writeString(dir.resolve("dns.log"), lines(10));
    assertThat(Decompressed.ahead(plain, READERS, 1 << 30)).isNull();
    Path small = gzip("small.log.gz", lines(1000));
    assertThat(Files.size(small)).isLessThan(TelemetryFiles.SCANNED_COMPRESSED_MINIMUM);
    assertThat(Decompressed.ahead(small, READERS, 1 << 30)).isNull();
  }

  @Test
  void aFormatNoParallelReaderTakes_isLeftToTheEventByEventRead() throws IOException {
    Path gz = gzip("other.log.gz", "not for the scanning reader\n");
    try (Decompressed d = Decompressed.now(gz, READERS, 1 << 30)) {
      assertThat(d.file()).isNull();
    }
  }

  @Test
  void aFileCutShort_orBeyondItsBound_givesNothing_andLeavesNoTemporaryFile() throws IOException {
    Path gz = gzip("cut.log.gz", lines(200_000));
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
    Path bomb = gzip("bomb.log.gz", lines(200_000));
    long before = temporaryFiles();
    try (Decompressed cut = Decompressed.now(gz, READERS, 1 << 30);
        Decompressed big = Decompressed.now(bomb, READERS, 100_000)) {
      assertThat(cut.file()).isNull();
      assertThat(big.file()).isNull();
    }
    assertThat(temporaryFiles()).isEqualTo(before);
  }

  @Test
  void closingWhileItRuns_stopsIt_andDeletesWhatItWrote() throws IOException {
    Path gz = gzip("big.log.gz", lines(2_000_000));
    long before = temporaryFiles();
    Decompressed d = Decompressed.ahead(gz, READERS, 1L << 40);
    assertThat(d).isNotNull();
    d.close();
    assertThat(temporaryFiles()).isEqualTo(before);
  }

  @Test
  void theLimit_isTheBound_withinTheFreeSpaceLessASpare_andAQuarterOfAFileSystemInMemory() {
    long gib = 1L << 30;
    assertThat(Decompressed.limit(5 * gib, 100 * gib, false)).isEqualTo(5 * gib);
    assertThat(Decompressed.limit(5 * gib, 4 * gib, false)).isEqualTo(3 * gib);
    assertThat(Decompressed.limit(5 * gib, gib / 2, false)).isNegative(); // nothing fits: read event by event
    assertThat(Decompressed.limit(5 * gib, 12 * gib, true)).isEqualTo(3 * gib);
    assertThat(Decompressed.limit(2 * gib, 12 * gib, true)).isEqualTo(2 * gib);
  }

  private static long temporaryFiles() throws IOException {
    try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("chainwatch-hunt-")).count();
    }
  }
}
