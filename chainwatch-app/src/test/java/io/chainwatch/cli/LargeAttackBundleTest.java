package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ATT&CK Enterprise bundle is about 40 MB: it must stream. A generated bundle of that size is imported by a child
 * JVM whose heap is capped at 128 MB, far below what holding the document as a tree would need (several times its
 * size), so a non-streaming parser fails with an OutOfMemoryError here.
 */
class LargeAttackBundleTest {
  @TempDir Path dir;

  static final int TECHNIQUES = 16_000;

  @Test
  void fortyMegabyteBundle_importsWithA128MegabyteHeap() throws IOException, InterruptedException {
    Path bundle = dir.resolve("enterprise-attack.json");
    String description = "Adversaries may do something. ".repeat(80);
    try (BufferedWriter w = Files.newBufferedWriter(bundle, StandardCharsets.UTF_8)) {
      w.write("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.nameUUIDFromBytes("b".getBytes(StandardCharsets.UTF_8))
          + "\",\"objects\":[\n");
      String group = "intrusion-set--" + UUID.nameUUIDFromBytes("g".getBytes(StandardCharsets.UTF_8));
      w.write("{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\",\"id\":\"" + group + "\",\"created\":\"2020-01-01T00:00:00.000Z\","
          + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"Generated Group\",\"aliases\":[\"Generated Group\",\"GEN1\"],"
          + "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"G9999\"}]}");
      for (int i = 0; i < TECHNIQUES; i++) {
        String id = "attack-pattern--" + UUID.nameUUIDFromBytes(("t" + i).getBytes(StandardCharsets.UTF_8));
        w.write(",\n{\"type\":\"attack-pattern\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2020-01-01T00:00:00.000Z\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"name\":\"Technique " + i + "\",\"description\":\"" + description + "\","
            + "\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\",\"phase_name\":\"execution\"}],"
            + "\"x_mitre_platforms\":[\"Windows\",\"Linux\",\"macOS\"],\"x_mitre_detection\":\"" + description + "\","
            + "\"external_references\":[{\"source_name\":\"mitre-attack\",\"external_id\":\"T" + (10000 + i) + "\","
            + "\"url\":\"https://attack.mitre.org/techniques/T" + (10000 + i) + "\"}]}");
        String rel = "relationship--" + UUID.nameUUIDFromBytes(("r" + i).getBytes(StandardCharsets.UTF_8));
        w.write(",\n{\"type\":\"relationship\",\"spec_version\":\"2.1\",\"id\":\"" + rel + "\",\"created\":\"2020-01-01T00:00:00.000Z\","
            + "\"modified\":\"2024-01-01T00:00:00.000Z\",\"relationship_type\":\"uses\",\"source_ref\":\"" + group + "\","
            + "\"target_ref\":\"" + id + "\",\"description\":\"" + description + "\"}");
      }
      w.write("\n]}\n");
    }
    assertThat(Files.size(bundle)).isGreaterThan(40L << 20);

    Path db = dir.resolve("big.db");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--db", "jdbc:sqlite:" + db, "import", bundle.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the import finished").isTrue();
    String log = Files.readString(dir.resolve("child.log"));
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).contains("intel/stix").contains(TECHNIQUES + " techniques");
  }
}
