package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify and ledger anomalies from the outside (issue 6). */
class VerifyCliTest {
  @TempDir Path dir;

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static JsonNode json(CliRun.Result r) throws Exception {
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void verify_hashIndicator_isKnownBad_ledgerVendorFeed_isKnownGood_elseUnknown() throws Exception {
    CliRun cli = new CliRun(dir);
    byte[] bad = "trojanised".getBytes(StandardCharsets.UTF_8);
    byte[] good = "published by the vendor".getBytes(StandardCharsets.UTF_8);
    Path files = Files.createDirectories(dir.resolve("files"));
    Files.write(files.resolve("bad.bin"), bad);
    Files.write(files.resolve("good.bin"), good);
    Files.write(files.resolve("other.bin"), new byte[] {1, 2, 3});
    Path advisory = Files.writeString(dir.resolve("advisory.yaml"), "id: X-1\ntitle: t\nindicators:\n  - {type: sha256, value: \""
        + sha256(bad).toUpperCase() + "\"}\n");
    Path releases = Files.writeString(dir.resolve("releases.csv"),
        "vendor,product,version,platform,file,sha256,signer_thumbprint,published,source\n"
            + "V,P,1.0,windows,good.bin," + sha256(good) + ",,2023-01-01,vendor-feed\n");
    assertThat(cli.run("import", advisory.toString(), releases.toString()).exit()).isZero();

    CliRun.Result r = cli.run("verify", files.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = json(r);
    assertThat(out.get("files")).hasSize(3);
    for (JsonNode f : out.get("files")) {
      String name = Path.of(f.get("path").asText()).getFileName().toString();
      assertThat(f.get("signature").get("status").asText()).isEqualTo("not-applicable");
      assertThat(f.get("signature").get("appended_bytes").asLong()).isZero();
      switch (name) {
        case "bad.bin" -> {
          assertThat(f.get("verdict").asText()).isEqualTo("known-bad");
          assertThat(f.get("incidents").get(0).asText()).isEqualTo("X-1");
        }
        case "good.bin" -> assertThat(f.get("verdict").asText()).isEqualTo("known-good");
        default -> assertThat(f.get("verdict").asText()).isEqualTo("unknown");
      }
    }
  }

  @Test
  void verify_missingPath_isReportedAndTheRestVerified_exit3() throws Exception {
    CliRun cli = new CliRun(dir);
    Path f = Files.writeString(dir.resolve("a.txt"), "x");
    CliRun.Result r = cli.run("verify", dir.resolve("nope").toString(), f.toString(), "--format", "json");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("nope");
    assertThat(json(r).get("files")).hasSize(1);
  }

  @Test
  void verify_symlinkLoop_terminatesWithAnErrorEntry() throws Exception {
    CliRun cli = new CliRun(dir);
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(root.resolve("a.txt"), "x");
    Files.createSymbolicLink(root.resolve("loop"), root);
    CliRun.Result r = cli.run("verify", root.toString(), "--format", "json");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("loop");
    assertThat(json(r).get("files")).hasSize(2);
  }

  @Test
  void ledgerAnomalies_findMismatchSignerChangeRollbackAndRecordedObservations() throws Exception {
    CliRun cli = new CliRun(dir);
    String h1 = "1".repeat(64);
    String h2 = "2".repeat(64);
    String h3 = "3".repeat(64);
    Path releases = Files.writeString(dir.resolve("releases.csv"),
        "vendor,product,version,platform,file,sha256,signer_thumbprint,published,source\n"
            + "3CX,Desktop App,18.12.407,windows,app.msi," + h1 + "," + "a".repeat(40) + ",2023-01-10,vendor-feed\n"
            + "3CX,Desktop App,18.12.416,windows,app.msi," + h2 + "," + "a".repeat(40) + ",2023-03-13,vendor-feed\n"
            + "3CX,Desktop App,18.12.416,windows,app.msi," + h3 + ",,2023-03-14,mirror\n"
            + "3CX,Desktop App,18.12.425,windows,app.msi," + "4".repeat(64) + "," + "b".repeat(40) + ",2023-04-04,vendor-feed\n"
            + "3CX,Desktop App,18.12.420,windows,app.msi," + "5".repeat(64) + "," + "b".repeat(40) + ",2023-04-20,vendor-feed\n");
    assertThat(cli.run("import", releases.toString()).exit()).isZero();
    Path observed = Files.writeString(dir.resolve("app.msi"), "not really an msi");
    CliRun.Result rec = cli.run("verify", observed.toString(), "--record", "customer:Acme");
    assertThat(rec.exit()).as(rec.err()).isZero();

    CliRun.Result r = cli.run("ledger", "anomalies", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode anomalies = json(r).get("anomalies");
    assertThat(anomalies.findValuesAsText("kind")).contains("hash-mismatch", "signer-change", "rollback");
    for (JsonNode a : anomalies) {
      assertThat(a.get("detail").asText()).isNotBlank();
      assertThat(a.get("rows")).isNotEmpty();
      if (a.get("kind").asText().equals("rollback")) assertThat(a.get("version").asText()).isEqualTo("18.12.420");
    }
    // the observation by name joined the newest release that shipped app.msi, and its different hash is a mismatch
    assertThat(anomalies.toString()).contains("customer:Acme");
  }
}
