package io.chainwatch.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  @org.junit.jupiter.api.Test
  void openForReading_refusesAFileThatDoesNotExist_withoutCreatingIt() {
    Path absent = folder.resolve("absent.db");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Database.openForReading("jdbc:sqlite:" + absent))
        .isInstanceOf(StoreException.class).hasMessageContaining("absent.db");
    org.assertj.core.api.Assertions.assertThat(absent).doesNotExist();
  }

  /** A hunt prepares the driver while it reads its command line: that must neither create nor open anything. */
  @org.junit.jupiter.api.Test
  void prepare_createsNothing_andTheDatabaseOpensAfterwards() {
    Path absent = folder.resolve("prepared.db");
    Database.prepare("jdbc:sqlite:" + absent);
    Database.prepare(absent.toString());
    Database.prepare("jdbc:postgresql://127.0.0.1:1/none?user=x&password=y");
    org.assertj.core.api.Assertions.assertThat(absent).doesNotExist();
    try (Database opened = Database.open("jdbc:sqlite:" + absent)) {
      org.assertj.core.api.Assertions.assertThat(opened.dialect()).isEqualTo(Database.Dialect.SQLITE);
    }
    org.assertj.core.api.Assertions.assertThat(absent).exists();
  }

  @org.junit.jupiter.api.Test
  void openForReading_refusesADatabaseWithoutTheSchema_andChangesNothing() throws Exception {
    Path empty = folder.resolve("empty.db");
    java.nio.file.Files.createFile(empty);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Database.openForReading(empty.toString()))
        .isInstanceOf(StoreException.class).hasMessageContaining("not up to date");
    org.assertj.core.api.Assertions.assertThat(empty).isEmptyFile();
  }

  @org.junit.jupiter.api.Test
  void bulkImport_turnsForeignKeyChecksBackOnAfterwards() throws SQLException {
    importFile("inventory", INVENTORY, t -> t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416")));
    try (PreparedStatement s = db.connection().prepareStatement("PRAGMA foreign_keys"); ResultSet r = s.executeQuery()) {
      org.assertj.core.api.Assertions.assertThat(r.next() && r.getInt(1) == 1).isTrue();
    }
  }
}
