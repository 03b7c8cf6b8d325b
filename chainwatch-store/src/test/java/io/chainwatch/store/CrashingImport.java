package io.chainwatch.store;

import io.chainwatch.ingest.ImportTransaction;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.Platform;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The child process of {@link SqliteCrashTest}: begins an import into the SQLite file named by the first argument and
 * streams installations into it without ever committing, printing {@code WROTE n} every {@code reportEvery} rows,
 * until it is killed.
 *
 * <p>Two safety nets keep a forgotten child from filling the disk: it stops when its standard input closes (the test
 * process is gone) and after a bounded number of rows.
 */
public final class CrashingImport {
  static final String REPORT = "WROTE ";
  private static final long MAX_ROWS = 20_000_000;

  private CrashingImport() {}

  public static void main(String[] args) throws SQLException {
    String file = args[0];
    int reportEvery = Integer.parseInt(args[1]);
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // keep reading until the parent closes the pipe
        }
      } catch (IOException e) {
        // the parent is gone all the same
      }
      Runtime.getRuntime().halt(2);
    });
    watchdog.setDaemon(true);
    watchdog.start();

    System.setProperty("chainwatch.sqlite.importCacheKib", "1000");
    Database db = Database.open(file);
    // A small page cache, so SQLite spills the uncommitted rows into the database file well before the kill: the
    // crash then leaves a half-written file and a hot journal that the next open must roll back.
    try (Statement s = db.connection().createStatement()) {
      s.execute("PRAGMA cache_size = -1000");
    }
    ImportTransaction t = new SqlImportStore(db).begin(new Provenance("crash.csv",
        "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00", "inventory/csv", "1.0", Instant.now()));
    // First the assets the committed import named (their rows are touched, or added to, in place), then new assets
    // of new customers, twenty installations each, as a large inventory would bring them.
    for (long n = 1; n <= MAX_ROWS; n++) {
      Installation row;
      if (n <= 100) {
        row = new Installation("Acme", "pc-" + (n - 1) / 2, Platform.WINDOWS, "3CX", "3CX Desktop App",
            n % 2 == 0 ? "18.12.416" : "18.12.422", null, null, null, null, null, null);
      } else {
        row = new Installation("Customer " + n / 10_000, "host-" + n / 20, Platform.WINDOWS, "Vendor " + n % 13,
            "Product " + n % 20, "1." + n % 7, null, null, null, null, null, "10." + n / 20 % 250 + ".0.1");
      }
      t.installation(row);
      if (n % reportEvery == 0) {
        System.out.println(REPORT + n);
        System.out.flush();
      }
    }
    System.exit(3); // never reached in the test: it is killed long before
  }
}
