package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher starts a hunt on the quick compiler alone ({@code CHAINWATCH_COMPILER=quick}); a hunt that reads
 * events one by one ends at once with status 75, having read and printed nothing, and is run again with the optimising
 * compiler. A hunt whose files are all scanned in parallel runs on. Without the variable nothing changes.
 */
class HuntCompilerChoiceTest {
  static final Map<String, String> QUICK = Map.of("CHAINWATCH_COMPILER", "quick");
  @TempDir Path dir;
  CliRun cli;
  Path logs;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    cli.importDemo(dir);
    logs = HuntCliTest.httpLogs(dir);
  }

  @Test
  void zeekJsonOnly_runsOnTheQuickCompiler() {
    CliRun.Result r = cli.run(QUICK, "hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("raw.githubusercontent.com");
  }

  @Test
  void sigmaRules_needTheOptimisingCompiler_andNothingIsReadOrPrinted() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    CliRun.Result r = cli.run(QUICK, "hunt", "--logs", logs.toString(), "--rules", rules.toString(), "--incident", "3CX-2023-03");
    assertThat(r.exit()).isEqualTo(ExitCodes.NEEDS_OPTIMISING_COMPILER);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEmpty();
    assertThat(cli.run("hunts").out()).contains("No hunts yet");
  }

  @Test
  void filesReadEventByEvent_needTheOptimisingCompiler() throws IOException {
    // a format no parallel reader takes (Sysmon JSON), compressed, then plain
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("sysmon.json.gz")))) {
      out.write(HuntCliTest.SYSMON_JSON.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(cli.run(QUICK, "hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03").exit())
        .isEqualTo(ExitCodes.NEEDS_OPTIMISING_COMPILER);
    Files.delete(logs.resolve("sysmon.json.gz"));
    Files.writeString(logs.resolve("sysmon.json"), HuntCliTest.SYSMON_JSON, StandardCharsets.UTF_8);
    assertThat(cli.run(QUICK, "hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03").exit())
        .isEqualTo(ExitCodes.NEEDS_OPTIMISING_COMPILER);
  }

  /**
   * A compressed Zeek log of 64 KiB or more is decompressed and scanned in parallel: its hunt stays on the quick
   * compiler. A smaller one is read event by event, and its hunt runs again with the optimising one.
   */
  @Test
  void largeCompressedZeekLogs_runOnTheQuickCompiler_smallOnesNot() throws IOException {
    java.util.Random random = new java.util.Random(11);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("http.log.gz")))) {
      out.write(HuntCliTest.HTTP_JSON.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 8000; i++) {
        out.write(("{\"ts\":" + (1679479200 + i) + "." + random.nextInt(1_000_000) + ",\"uid\":\"C" + Long.toString(random.nextLong(), 36)
            + "\",\"id.orig_h\":\"10.20.1." + random.nextInt(250) + "\",\"id.resp_h\":\"203.0.113." + random.nextInt(250)
            + "\",\"method\":\"GET\",\"host\":\"www.example.org\",\"uri\":\"/" + Long.toString(random.nextLong(), 36) + "\"}\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(Files.size(logs.resolve("http.log.gz"))).isGreaterThanOrEqualTo(io.chainwatch.hunt.TelemetryFiles.SCANNED_COMPRESSED_MINIMUM);
    CliRun.Result r = cli.run(QUICK, "hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03", "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("raw.githubusercontent.com/IconStorages/images/main/icon3.ico");

    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(logs.resolve("more.log.gz")))) {
      out.write(HuntCliTest.HTTP_JSON.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(cli.run(QUICK, "hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03").exit())
        .isEqualTo(ExitCodes.NEEDS_OPTIMISING_COMPILER);
  }

  /** Zeek TSV is scanned in parallel, as Zeek JSON: its hunt stays on the quick compiler and runs there. */
  @Test
  void zeekTsv_runsOnTheQuickCompiler() throws IOException {
    Files.writeString(logs.resolve("dns.log"), HuntCliTest.DNS_TSV, StandardCharsets.UTF_8);
    CliRun.Result r = cli.run(QUICK, "hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void withoutTheLaunchersVariable_everyHuntRuns() throws IOException {
    Files.writeString(logs.resolve("dns.log"), HuntCliTest.DNS_TSV, StandardCharsets.UTF_8);
    CliRun.Result r = cli.run(Map.of("CHAINWATCH_COMPILER", "optimising"), "hunt", "--logs", logs.toString(),
        "--incident", "3CX-2023-03");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(cli.run("hunt", "--logs", logs.toString(), "--incident", "3CX-2023-03").exit()).isZero();
  }

  @Test
  void usageErrors_areReportedOnTheQuickCompiler_notRestarted() {
    CliRun.Result r = cli.run(QUICK, "hunt", "--logs", dir.resolve("absent").toString(), "--incident", "3CX-2023-03");
    assertThat(r.exit()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("absent");
  }
}
