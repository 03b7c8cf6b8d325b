package io.chainwatch.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The triage store contract on SQLite: a new file per test, in a folder JUnit deletes. */
class SqliteTriageStoreTest extends TriageStoreContractTest {
  @TempDir Path folder;

  @Override String createDatabase() { return "jdbc:sqlite:" + folder.resolve("triage.db"); }

  @Override void dropDatabase() {}
}
