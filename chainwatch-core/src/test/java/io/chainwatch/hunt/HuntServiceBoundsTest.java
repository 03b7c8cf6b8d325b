package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.common.Progress;
import io.chainwatch.ingest.Head;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.portfolio.AssetDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compressed file that expands beyond the bound (a gzip bomb) is read up to the bound and reported as an
 * {@code expansion-bound} problem; the hunt goes on with the other files. Warninglisted indicators' sightings are
 * dropped.
 */
class HuntServiceBoundsTest {
  @TempDir Path dir;

  /** One event per line: {@code query=<name>}. */
  static final class Lines implements TelemetryReader {
    @Override
    public String name() {
      return "test/lines";
    }

    @Override
    public boolean accepts(Head head) {
      return true;
    }

    @Override
    public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      long n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        sink.event(new TelemetryEvent("test", null, "10.0.0.1", -1, null, -1, null, Map.of("query", line), file, n));
      }
    }
  }

  @Test
  void aGzipBombIsReadUpToTheBoundAndReported_theOtherFilesAreRead() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("a-bomb.log.gz")))) {
      byte[] line = "www.example.org\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 200_000; i++) out.write(line); // 3.2 MB of text, a few kB compressed
    }
    Files.writeString(logs.resolve("b-plain.log"), "www.akamaicontainer.com\n");
    HuntResult r = service(List.of(new Indicator("domain", "akamaicontainer.com"))).expansionMinimum(100_000)
        .hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null), List.of(), Progress.NONE);
    assertThat(r.stats().problems()).containsEntry(ReadProblem.EXPANSION_BOUND, 1L);
    assertThat(r.stats().examples()).singleElement().satisfies(p -> assertThat(p.file()).endsWith("a-bomb.log.gz"));
    long bound = Math.max(100_000, TelemetryFiles.EXPANSION_RATIO * Files.size(logs.resolve("a-bomb.log.gz")));
    assertThat(bound).isLessThan(200_000L * 16);
    // the bound's worth of 16-byte lines (the last one cut), and the other file's line
    assertThat(r.stats().events()).isBetween(bound / 16 + 1, bound / 16 + 2);
    assertThat(r.sightings()).singleElement().satisfies(s -> assertThat(s.indicatorValue()).isEqualTo("akamaicontainer.com"));
  }

  @Test
  void aCompressedFileWithinTheBoundIsReadWhole_andWarninglistedIndicatorsAreNotReported() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("dns.log.gz")))) {
      for (int i = 0; i < 1000; i++) out.write(("host" + i + ".example.org\n").getBytes(StandardCharsets.US_ASCII));
      out.write("cdn.akamaicontainer.com\nraw.githubusercontent.com\n".getBytes(StandardCharsets.US_ASCII));
    }
    HuntResult r = service(List.of(new Indicator("domain", "akamaicontainer.com"), new Indicator("domain", "githubusercontent.com")))
        .hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null), List.of(), Progress.NONE);
    assertThat(r.stats().problems()).isEmpty();
    assertThat(r.stats().events()).isEqualTo(1002);
    assertThat(r.sightings()).extracting(Sighting::indicatorValue).containsExactly("akamaicontainer.com");
  }

  @Test
  void aTruncatedGzipIsReadUpToTheCut_andReportedWithTheLineItStopsIn() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path gz = logs.resolve("dns.2023-03-29-10-00-00.log.gz");
    java.util.Random random = new java.util.Random(7);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("cdn.akamaicontainer.com\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 20_000; i++) out.write(("h" + random.nextLong() + ".example.org\n").getBytes(StandardCharsets.US_ASCII));
    }
    byte[] whole = Files.readAllBytes(gz);
    Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
    HuntResult r = service(List.of(new Indicator("domain", "akamaicontainer.com")))
        .hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null), List.of(), Progress.NONE);
    assertThat(r.sightings()).singleElement().satisfies(s -> assertThat(s.evidence().get(0).line()).isEqualTo(1));
    assertThat(r.stats().events()).isBetween(1000L, 19_000L);
    assertThat(r.stats().problems()).containsExactly(java.util.Map.entry(ReadProblem.CORRUPT, 1L));
    assertThat(r.stats().examples()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo(gz.toString());
      assertThat(p.line()).isEqualTo(r.stats().events() + 1);
      assertThat(p.detail()).startsWith("cannot be read on from here: ").endsWith("; the lines before it were read");
    });
  }

  @Test
  void aUtf16FileWithByteOrderMark_isReadAsText_littleOrBigEndian() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    String text = "www.example.org\r\nstra\u00dfe.akamaicontainer.com\r\ncdn.akamaicontainer.com\r\n";
    Files.write(logs.resolve("le.json"), ("\ufeff" + text).getBytes(StandardCharsets.UTF_16LE));
    Files.write(logs.resolve("be.json"), ("\ufeff" + text).getBytes(StandardCharsets.UTF_16BE));
    HuntResult r = service(List.of(new Indicator("domain", "akamaicontainer.com")))
        .hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null), List.of(), Progress.NONE);
    assertThat(r.stats().problems()).isEmpty();
    assertThat(r.stats().events()).isEqualTo(6);
    assertThat(r.sightings()).singleElement().satisfies(s -> {
      assertThat(s.count()).isEqualTo(4);
      assertThat(s.evidence()).extracting(Evidence::line).containsExactly(2L, 3L, 2L, 3L);
      assertThat(s.evidence()).extracting(Evidence::value).contains("stra\u00dfe.akamaicontainer.com");
    });
  }

  /** The service over the line reader, with intel that has these indicators, "githubusercontent.com" warninglisted. */
  private static HuntService service(List<Indicator> indicators) {
    IntelRepository intel = fake(IntelRepository.class, (name, args) -> name.equals("huntable") ? indicators
        : ((Indicator) args[0]).value().equals("githubusercontent.com") ? List.of("Top sites") : List.of());
    AssetDirectory assets = fake(AssetDirectory.class, (name, args) -> Optional.empty());
    HuntRepository hunts = fake(HuntRepository.class, (name, args) -> 1L);
    return new HuntService(List.of(new Lines()), intel, assets, hunts, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  /** An implementation of an interface whose every method answers by its name. */
  @SuppressWarnings("unchecked")
  private static <T> T fake(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
    return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> answer.apply(method.getName(), args));
  }
}
