package io.chainwatch.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * An open database: one JDBC connection (the CLI is one process doing one thing at a time), its dialect, and its
 * schema brought up to date with Flyway.
 *
 * <p>Flyway itself takes a few hundred milliseconds to start, which matters for a command such as {@code exposure}
 * that should answer in well under two seconds; so the schema version is read with one query first, and Flyway runs
 * only when the database is new or behind.
 */
public final class Database implements AutoCloseable {
  /** The newest migration version shipped with this build; keep in step with db/migration. */
  static final int SCHEMA_VERSION = 11;

  public enum Dialect { SQLITE, POSTGRESQL }

  private final String url;
  private final Dialect dialect;
  private final Connection connection;

  private Database(String url, Dialect dialect, Connection connection) {
    this.url = url;
    this.dialect = dialect;
    this.connection = connection;
  }

  /**
   * Opens {@code url}: a JDBC URL ({@code jdbc:sqlite:...}, {@code jdbc:postgresql://...}) or a plain file path,
   * taken as an SQLite file.
   */
  public static Database open(String url) {
    return open(url, false);
  }

  /**
   * Opens {@code url} for reading only, as it is: nothing is created or migrated. An SQLite file that does not exist,
   * or a schema older than this build's, is refused. For work done beside a command, which must change nothing.
   */
  public static Database openForReading(String url) {
    return open(url, true);
  }

  /**
   * Makes ahead, on the calling thread, what opening the database at {@code url} will make first and keep for every
   * connection after: sqlite-jdbc's connection settings, whose date format loads the locale data (a thirtieth of a
   * second). Nothing is opened or read; a URL of another database is left alone.
   */
  public static void prepare(String url) {
    if (url.startsWith("jdbc:sqlite:") || !url.startsWith("jdbc:")) new org.sqlite.SQLiteConfig();
  }

  private static Database open(String url, boolean reading) {
    String jdbc = url.startsWith("jdbc:") ? url : "jdbc:sqlite:" + url;
    Dialect dialect;
    if (jdbc.startsWith("jdbc:sqlite:")) dialect = Dialect.SQLITE;
    else if (jdbc.startsWith("jdbc:postgresql:")) dialect = Dialect.POSTGRESQL;
    else throw new StoreException("unsupported database URL " + redact(jdbc) + "; use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    try {
      Connection c;
      if (dialect == Dialect.SQLITE) {
        Path file = Path.of(jdbc.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
        Path parent = file.toAbsolutePath().getParent();
        if (reading && !Files.isRegularFile(file)) {
          throw new StoreException("cannot read the database " + file + ": there is no such file");
        }
        if (parent != null && !Files.isDirectory(parent)) {
          throw new StoreException("cannot create the database " + file + ": the folder " + parent + " does not exist");
        }
        // Transactions take the write lock when they begin: an import or a case change reads the audit log's head
        // and appends to it, and two such transactions must not both read the same head.
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("transaction_mode", "IMMEDIATE");
        // SQLite's open flags: SQLITE_OPEN_READONLY, which neither creates the file nor writes to it
        if (reading) properties.setProperty("open_mode", "1");
        // The driver itself, not DriverManager: that loads every driver on the class path first, PostgreSQL's with
        // its logging, a twentieth of a second of every command's start.
        c = new org.sqlite.JDBC().connect(jdbc, properties);
        if (c == null) throw new StoreException("unsupported database URL " + redact(jdbc));
        try (Statement s = c.createStatement()) {
          s.execute("PRAGMA foreign_keys = ON");
          s.execute("PRAGMA busy_timeout = 10000");
          s.execute("PRAGMA synchronous = NORMAL");
          // Reads map the file rather than copy pages into SQLite's own cache: an exposure query touches tens of
          // thousands of scattered rows, and copying them costs more than the query. Imports raise the page cache.
          s.execute("PRAGMA mmap_size = 1073741824");
          s.execute("PRAGMA cache_size = -16384");
          s.execute("PRAGMA temp_store = MEMORY");
        }
      } else {
        // Batched INSERTs become multi-row INSERTs: an order of magnitude fewer round trips for a large inventory.
        String tuned = jdbc.contains("reWriteBatchedInserts") ? jdbc : jdbc + (jdbc.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        // The driver makes the session read-only even in auto-commit mode only when asked to ("always")
        if (reading) tuned += "&readOnlyMode=always";
        c = DriverManager.getConnection(tuned);
        if (reading) c.setReadOnly(true);
      }
      Database db = new Database(jdbc, dialect, c);
      if (!reading) {
        db.migrateIfBehind();
      } else if (db.schemaVersion() < SCHEMA_VERSION) {
        db.close();
        throw new StoreException("cannot read the database " + redact(jdbc) + ": its schema is not up to date");
      }
      return db;
    } catch (SQLException e) {
      throw new StoreException("cannot open the database " + redact(jdbc), e);
    }
  }

  /** The URL without credentials, for messages: secrets are never printed. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }

  public Dialect dialect() {
    return dialect;
  }

  public Connection connection() {
    return connection;
  }

  public String describe() {
    return redact(url);
  }

  private void migrateIfBehind() throws SQLException {
    if (schemaVersion() >= SCHEMA_VERSION) return;
    String location = dialect == Dialect.SQLITE ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql";
    Flyway.configure()
        .dataSource(url, null, null)
        .locations(location)
        .load()
        .migrate();
  }

  /** The applied schema version, 0 for a new database. */
  int schemaVersion() throws SQLException {
    String probe = dialect == Dialect.SQLITE
        ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'"
        : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'flyway_schema_history'";
    try (Statement s = connection.createStatement()) {
      try (ResultSet r = s.executeQuery(probe)) {
        if (!r.next() || r.getInt(1) == 0) return 0;
      }
      try (ResultSet r = s.executeQuery("SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = "
          + (dialect == Dialect.SQLITE ? "1" : "true"))) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing the database failed", e);
    }
  }
}
