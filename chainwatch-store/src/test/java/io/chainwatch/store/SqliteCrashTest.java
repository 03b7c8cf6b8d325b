package io.chainwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.ingest.ImportTransaction;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.portfolio.ProductQuery;
import io.chainwatch.portfolio.Installation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import killed with SIGKILL halfway leaves the SQLite database exactly as it was before the import began.
 * The import runs in a child JVM ({@link CrashingImport}) so that it can really be killed.
 */
class SqliteCrashTest {
  private static final int ROWS_BEFORE_KILL = 50_000;
  private static final long CHILD_TIMEOUT_SECONDS = 150;
  private static final List<String> TABLES = List.of("import_file", "customer", "asset", "asset_address",
      "asset_snapshot", "product", "installation", "incident", "incident_product");

  @TempDir Path folder;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void sqlite_importKilledHalfway_leavesTheDatabaseAsItWas() throws Exception {
    Path file = folder.resolve("chainwatch.db");
    String priorSha;
    Map<String, Long> before;
    List<InstalledRelease> currentBefore;
    try (Database db = Database.open(file.toString())) {
      Provenance prior = new Provenance("inventory.csv",
          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "inventory/csv", "1.0",
          Instant.parse("2023-03-29T08:00:00Z"));
      priorSha = prior.sha256();
      try (ImportTransaction t = new SqlImportStore(db).begin(prior)) {
        t.customer(new Customer("Acme", "energy", "DE", 5));
        for (int n = 0; n < 50; n++) {
          t.installation(new Installation("Acme", "pc-" + n, Platform.WINDOWS, "3CX", "3CX Desktop App", "18.12.416",
              null, null, null, null, null, "10.0.0." + n));
        }
        t.incident(StoreContractTest.incident("CW-2023-3CX", null, null));
        t.commit();
      }
      before = counts(db);
      currentBefore = threeCx(db);
    }
    long sizeBefore = Files.size(file);

    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashingImport.class.getName(),
        file.toString(), String.valueOf(ROWS_BEFORE_KILL))
        .redirectErrorStream(true)
        .start();
    List<String> output = new ArrayList<>();
    try {
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
          lines.add("(reading the child's output failed: " + e + ")");
        }
      });
      reader.setDaemon(true);
      reader.start();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
      boolean wrote = false;
      while (!wrote && System.nanoTime() < deadline) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          if (!child.isAlive() && lines.isEmpty()) break;
          continue;
        }
        output.add(line);
        wrote = line.startsWith(CrashingImport.REPORT);
      }
      assertThat(wrote).as("the child wrote %d rows within %d s; its output: %s", ROWS_BEFORE_KILL,
          CHILD_TIMEOUT_SECONDS, output).isTrue();
      assertThat(Files.size(file)).as("uncommitted rows reached the database file before the kill").isGreaterThan(sizeBefore);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child ended after SIGKILL").isTrue();
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

    try (Database db = Database.open(file.toString())) {
      assertThat(scalar(db, "PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(counts(db)).isEqualTo(before);
      assertThat(threeCx(db)).isEqualTo(currentBefore);
      SqlImportStore store = new SqlImportStore(db);
      assertThat(store.findImport(priorSha)).isPresent();
      assertThat(store.findImport("c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00")).isEmpty();
      assertThat(new SqlPortfolioRepository(db).customer("Acme")).contains(new Customer("Acme", "energy", "DE", 5));
      assertThat(new SqlIncidentRepository(db).find("CW-2023-3CX"))
          .contains(StoreContractTest.incident("CW-2023-3CX", null, null));
    }
  }

  private static Map<String, Long> counts(Database db) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String table : TABLES) out.put(table, Long.parseLong(scalar(db, "SELECT count(*) FROM " + table)));
    return out;
  }

  private static List<InstalledRelease> threeCx(Database db) {
    List<InstalledRelease> out = new ArrayList<>();
    new SqlPortfolioRepository(db).forEachCurrent(new ProductQuery(Set.of(ProductKey.of("3CX", "3CX Desktop App")),
        Set.of(), Set.of()), null, out::add);
    return out;
  }

  private static String scalar(Database db, String sql) throws SQLException {
    try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
      assertThat(r.next()).isTrue();
      return r.getString(1);
    }
  }
}
