package io.chainwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every timed hunt of the bench starts from the database as the import left it, not from the last run's. */
class HuntBenchDatabaseTest {
  @TempDir Path dir;

  @Test
  void aRunsDatabaseIsTheImportsAgainWhateverTheLastRunWrote() throws IOException {
    Path imported = Files.write(dir.resolve(HuntBench.IMPORTED_DB), new byte[] {1, 2, 3});
    Path hunt = dir.resolve(HuntBench.HUNT_DB);
    Files.write(hunt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // a hunt stored since
    Path journal = Files.write(dir.resolve(HuntBench.HUNT_DB + "-journal"), new byte[] {9}); // a run that died

    HuntBench.freshDatabase(imported, hunt);

    assertThat(hunt).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(journal).doesNotExist();
    assertThat(imported).hasBinaryContent(new byte[] {1, 2, 3});
  }
}
