package io.chainwatch.bench.jmh;

import io.chainwatch.version.Containment;
import io.chainwatch.version.VersionScheme;
import io.chainwatch.version.VersionSchemes;
import io.chainwatch.version.VersionSet;
import java.util.concurrent.TimeUnit;
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
 * The exposure hot path: every installation of a named product is placed against the incident's version sets, so
 * {@code VersionSet.contains} and the generic comparator run once per candidate row (tens of thousands per query).
 * Each invocation walks a fixed array of installed versions shaped like an inventory's (dotted numbers, vendor
 * suffixes, some unparseable), so results are per version.
 *
 * <p>Run: {@code java -cp chainwatch-bench/target/chainwatch-bench.jar org.openjdk.jmh.Main VersionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VersionBenchmark {
  private static final String[] INSTALLED = {
      "20.4.101", "20.4.117", "20.4.122", "20.4.125", "20.3.88", "18.12.407", "18.12.416", "7.17.90p608", "7.17.91",
      "111.0.5563.65", "2023.3.14", "1.2.3-1+deb12u2", "", "unknown", "20.4", "20.4.101.0"};

  private VersionSet exact;
  private VersionSet range;
  private VersionScheme generic;
  private String[] installed;

  @Setup
  public void setUp() {
    exact = VersionSet.parse("vers:generic/20.4.101|20.4.117");
    range = VersionSet.parse("vers:generic/>=18.12.407|<20.4.122");
    generic = VersionSchemes.forName("generic").orElseThrow();
    installed = INSTALLED.clone();
  }

  /** The incident's affected set, listed versions. */
  @Benchmark
  public int containsExact() {
    int in = 0;
    for (String v : installed) if (exact.contains(v) == Containment.IN) in++;
    return in;
  }

  /** A bounded range, as most advisories state it. */
  @Benchmark
  public int containsRange() {
    int in = 0;
    for (String v : installed) if (range.contains(v) == Containment.IN) in++;
    return in;
  }

  /** The comparator alone, each version against its neighbour (skipping the ones it cannot place). */
  @Benchmark
  public int compareGeneric() {
    int sum = 0;
    for (int i = 1; i < installed.length; i++) {
      String a = installed[i - 1], b = installed[i];
      if (generic.isValid(a) && generic.isValid(b)) sum += generic.compare(a, b);
    }
    return sum;
  }
}
