package io.chainwatch.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The store contract on the PostgreSQL server named by {@code CHAINWATCH_TEST_POSTGRES} (a JDBC URL with user and
 * password). Every test gets a schema of its own, dropped afterwards, so tests never see each other's rows.
 *
 * <p>Without the variable these tests are reported as skipped; with {@code CHAINWATCH_REQUIRE_POSTGRES=1} (CI) a
 * missing or unreachable server fails them instead.
 */
class PostgresStoreTest extends StoreContractTest {
  static final String URL_VARIABLE = "CHAINWATCH_TEST_POSTGRES";
  static final String REQUIRE_VARIABLE = "CHAINWATCH_REQUIRE_POSTGRES";

  private @Nullable String serverUrl;
  private @Nullable String schema;

  @Override
  String createDatabase() throws SQLException {
    serverUrl = System.getenv(URL_VARIABLE);
    boolean required = "1".equals(System.getenv(REQUIRE_VARIABLE));
    if (serverUrl == null || serverUrl.isBlank()) {
      String reason = URL_VARIABLE + " is not set: the PostgreSQL store tests need a server, e.g. "
          + URL_VARIABLE + "=jdbc:postgresql://127.0.0.1:5432/chainwatch_test?user=chainwatch&password=chainwatch"
          + " (.ci/run sets one up)";
      if (required) fail(reason + "; " + REQUIRE_VARIABLE + "=1 requires it");
      assumeTrue(false, reason);
    }
    String name = "cw_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    // A variable that is set names a server that should be there: unreachable is a failure, never a skip.
    try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new AssertionError("cannot reach the PostgreSQL server " + Database.redact(serverUrl) + " named by "
          + URL_VARIABLE + ": " + e.getMessage(), e);
    }
    schema = name;
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  @Override
  void dropDatabase() throws SQLException {
    if (schema == null || serverUrl == null) return;
    try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

}
