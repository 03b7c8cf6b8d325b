package io.chainwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.advisory.Incident;
import io.chainwatch.formats.advisory.AdvisoryParser;
import io.chainwatch.formats.customers.CustomersCsvParser;
import io.chainwatch.formats.inventory.InventoryCsvParser;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.version.Containment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated files are what the native parsers read, in the shape and counts asked for. */
class PortfolioGeneratorTest {
  private static final PortfolioGenerator.Sizes SMALL = new PortfolioGenerator.Sizes(12, 150, 6_000, 400, 0.01, 7);

  @TempDir Path dir;

  @Test
  void smallPortfolio_parsesWithTheNativeParsers_inTheAskedCounts() throws IOException {
    PortfolioGenerator.Planted planted = generate(dir);
    Records customers = parse(new CustomersCsvParser(), dir.resolve("customers.csv"));
    Records inventory = parse(new InventoryCsvParser(), dir.resolve("inventory.csv"));
    Records advisory = parse(new AdvisoryParser(), dir.resolve("incident.yaml"));

    assertThat(customers.customers).hasSize(12);
    assertThat(inventory.installations).hasSize(6_000);
    assertThat(planted.rows()).isEqualTo(6_000);
    assertThat(inventory.warnings).isEmpty();
    assertThat(inventory.installations.stream().map(i -> i.customer() + "/" + i.asset()).distinct()).hasSize(150);
    assertThat(advisory.incidents).singleElement().extracting(Incident::id).isEqualTo(PortfolioGenerator.INCIDENT_ID);

    Incident incident = advisory.incidents.get(0);
    long affected = inventory.installations.stream()
        .filter(i -> incident.affected().stream().anyMatch(
            s -> s.productKey().equals(io.chainwatch.portfolio.ProductKey.of(i.vendor(), i.product()))
                && s.contains(i.version(), i.platform()) == Containment.IN))
        .count();
    assertThat(affected).isEqualTo(planted.affectedInstallations()).isPositive();
  }

  @Test
  void rows_areGroupedByAsset() throws IOException {
    generate(dir);
    Records inventory = parse(new InventoryCsvParser(), dir.resolve("inventory.csv"));
    Set<String> finished = new HashSet<>();
    String current = "";
    for (Installation i : inventory.installations) {
      String asset = i.customer() + "/" + i.asset();
      if (!asset.equals(current)) {
        assertThat(finished.add(current)).as("asset %s appears in two blocks", asset).isTrue();
        assertThat(finished).doesNotContain(asset);
        current = asset;
      }
    }
  }

  @Test
  void sameSeed_writesTheSameBytes(@TempDir Path other) throws IOException {
    generate(dir);
    generate(other);
    assertThat(Files.mismatch(dir.resolve("inventory.csv"), other.resolve("inventory.csv"))).isEqualTo(-1L);
    assertThat(Files.mismatch(dir.resolve("customers.csv"), other.resolve("customers.csv"))).isEqualTo(-1L);
  }

  @Test
  void spread_sumsExactly_andGivesEveryPartOne() {
    int[] parts = PortfolioGenerator.spread(1_000, new double[] {0.1, 5, 1, 1e-9, 3});
    assertThat(java.util.Arrays.stream(parts).min().orElseThrow()).isGreaterThanOrEqualTo(1);
    assertThat(java.util.Arrays.stream(parts).sum()).isEqualTo(1_000);
  }

  private static PortfolioGenerator.Planted generate(Path into) throws IOException {
    return new PortfolioGenerator(SMALL, new PrintStream(new ByteArrayOutputStream())).write(into);
  }

  private static Records parse(Parser parser, Path file) throws IOException {
    Records records = new Records();
    try (InputStream in = Files.newInputStream(file)) {
      parser.parse(new Source(file.getFileName().toString(), in, ImportOptions.defaults()), records);
    }
    return records;
  }

  private static final class Records implements ImportSink {
    final List<Customer> customers = new ArrayList<>();
    final List<Installation> installations = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override public void customer(Customer c) { customers.add(c); }
    @Override public void installation(Installation i) { installations.add(i); }
    @Override public void incident(Incident i) { incidents.add(i); }
    @Override public void trustEdge(io.chainwatch.graph.TrustEdge e) {}
    @Override public void intel(io.chainwatch.intel.IntelRecord r) {}
    @Override public void release(io.chainwatch.verify.ledger.ReleaseRecord r) {}
    @Override public void warning(String message) { warnings.add(message); }
  }
}
