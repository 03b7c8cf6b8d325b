package io.chainwatch.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite: a new database file in a temporary folder for every test. */
class SqliteStoreTest extends StoreContractTest {
  @TempDir Path folder;

  @Override
  String createDatabase() {
    return "jdbc:sqlite:" + folder.resolve("chainwatch.db");
  }

  @Override
  void dropDatabase() {
    // JUnit deletes the temporary folder.
  }
}
