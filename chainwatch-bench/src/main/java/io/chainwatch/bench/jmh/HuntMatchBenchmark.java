package io.chainwatch.bench.jmh;

import io.chainwatch.hunt.Hit;
import io.chainwatch.hunt.IndicatorDetector;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.intel.Indicator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hunt's hot loop: every DNS query, HTTP Host and TLS SNI of the telemetry is tested against 100,000 domain
 * indicators, the name and each of its parents. {@code nameTable} is the parallel scanner's test straight from a log
 * line's bytes ({@link IndicatorDetector.Prefilter#name}); {@code detector} is the event-by-event path
 * ({@link IndicatorDetector#inspect} of an event with the name in its {@code query} field). Each invocation tests
 * 1,024 names (one in 64 under an indicator), so results are per 1,024 names.
 *
 * <p>Run: {@code java -cp chainwatch-bench/target/chainwatch-bench.jar org.openjdk.jmh.Main HuntMatchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HuntMatchBenchmark {
  private IndicatorDetector.Prefilter prefilter;
  private IndicatorDetector detector;
  private byte[] line;
  private int[] starts;
  private int[] ends;
  private TelemetryEvent[] events;
  private int hits;
  private final Consumer<Hit> count = h -> hits++;

  @Setup
  public void setUp() {
    Random random = new Random(3);
    List<Indicator> indicators = new ArrayList<>();
    List<String> domains = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      String d = label(random, 10) + ".com";
      domains.add(d);
      indicators.add(new Indicator("domain", d));
    }
    detector = new IndicatorDetector(indicators);
    prefilter = detector.prefilter();
    StringBuilder b = new StringBuilder();
    starts = new int[1024];
    ends = new int[1024];
    events = new TelemetryEvent[1024];
    for (int i = 0; i < 1024; i++) {
      String name = i % 64 == 0 ? "www." + domains.get(random.nextInt(domains.size()))
          : "www." + label(random, 4 + random.nextInt(8)) + "." + label(random, 6) + ".org";
      b.append("{\"query\":\"");
      starts[i] = b.length();
      b.append(name);
      ends[i] = b.length();
      b.append("\"}\n");
      events[i] = new TelemetryEvent("zeek.dns", null, "10.0.0.1", 5353, "10.0.0.53", 53, null, Map.of("query", name), "dns.log", i + 1);
    }
    line = b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String label(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append((char) ('a' + r.nextInt(26)));
    return b.toString();
  }

  @Benchmark
  public int nameTable() {
    int n = 0;
    for (int i = 0; i < starts.length; i++) if (prefilter.name(line, starts[i], ends[i])) n++;
    return n;
  }

  @Benchmark
  public int detector() {
    hits = 0;
    for (TelemetryEvent e : events) detector.inspect(e, count);
    return hits;
  }
}
