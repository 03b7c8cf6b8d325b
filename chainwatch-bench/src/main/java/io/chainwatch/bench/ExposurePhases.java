package io.chainwatch.bench;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.portfolio.ProductQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits one exposure query into its phases, in one JVM, each timed on its first (cold) and last (warm) round: opening
 * the database, reading the candidate rows alone, normalising their product names alone, and the whole
 * {@code ExposureService.exposure} call. A profiling aid for issue 2, not part of the bench's figures.
 *
 * <p>Run: {@code java -cp chainwatch-bench/target/chainwatch-bench.jar io.chainwatch.bench.ExposurePhases
 * jdbc:sqlite:bench-data/chainwatch.sqlite BENCH-VOXLINE-2024 "Voxline Communications Ltd" "Voxline Desktop App"}
 */
public final class ExposurePhases {
  private ExposurePhases() {}

  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println("usage: ExposurePhases JDBC_URL INCIDENT VENDOR PRODUCT");
      System.exit(2);
    }
    String url = args[0], incident = args[1];
    ProductQuery query = new ProductQuery(Set.of(ProductKey.of(args[2], args[3])), Set.of(), Set.of());
    long t0 = System.nanoTime();
    try (Chainwatch cw = Chainwatch.open(url, Clock.systemUTC())) {
      System.out.printf("open database (first, includes class loading): %.3f s%n", (System.nanoTime() - t0) / 1e9);
      for (int round = 1; round <= 3; round++) {
        List<InstalledRelease> rows = new ArrayList<>();
        long a = System.nanoTime();
        cw.portfolio().forEachCurrent(query, null, rows::add);
        long b = System.nanoTime();
        int distinct = 0;
        for (InstalledRelease r : rows) distinct += r.productKey().hashCode() & 1;
        long c = System.nanoTime();
        ExposureReport report = cw.exposure().exposure(incident, null, false);
        long d = System.nanoTime();
        long listed = report.customers().stream().mapToLong(x -> x.installations().size()).sum();
        System.out.printf("round %d: read %,d rows %.3f s | productKey() of each %.3f s (%d) | exposure() %.3f s, %,d listed%n",
            round, rows.size(), (b - a) / 1e9, (c - b) / 1e9, distinct, (d - c) / 1e9, listed);
      }
    }
  }
}
