package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainwatch.app.Chainwatch;
import io.chainwatch.app.IndicatorPrefetch;
import io.chainwatch.hunt.IndicatorDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hunt's indicators are read on a thread of their own while picocli reads the command line (ADR 014). The guess is
 * used only for the database and incident the hunt finally reads, changes no database, and a hunt finds the same with
 * it as without it.
 */
class HuntPrefetchTest {
  private static final String INCIDENT = "3CX-2023-03";
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
  void aHuntsIndicators_areReadForItsDatabaseAndIncident_andForNoOther() {
    IndicatorPrefetch p = HuntCommand.prefetch(new String[] {"--db", cli.db(), "hunt", "--logs", "x", "--incident", INCIDENT}, Map.of());
    assertThat(p).isNotNull();
    int expected;
    try (Chainwatch cw = Chainwatch.open(cli.db(), CliRun.CLOCK)) {
      expected = cw.hunts().indicatorDetector(INCIDENT).size();
    }
    assertThat(expected).isPositive();
    assertThat(p.take(cli.db(), "OTHER-INCIDENT")).isNull();
    assertThat(p.take(cli.db(), null)).isNull();
    assertThat(p.take("jdbc:sqlite:" + dir.resolve("other.db"), INCIDENT)).isNull();
    IndicatorDetector taken = p.take(cli.db(), INCIDENT);
    assertThat(taken).isNotNull();
    assertThat(taken.size()).isEqualTo(expected);
  }

  @Test
  void theDatabase_isTheOnePicocliWouldRead() {
    Map<String, String> env = Map.of("CHAINWATCH_DB", cli.db());
    IndicatorPrefetch fromEnv = HuntCommand.prefetch(new String[] {"hunt", "--incident=" + INCIDENT, "--logs", "x"}, env);
    assertThat(fromEnv.take(cli.db(), INCIDENT)).isNotNull();
    // --db is inherited: after the command name too
    IndicatorPrefetch after = HuntCommand.prefetch(new String[] {"--debug", "hunt", "--logs", "x", "--db=" + cli.db()}, Map.of());
    assertThat(after.take(cli.db(), null)).isNotNull();
    assertThat(HuntCommand.prefetch(new String[] {"hunt", "--logs", "x"}, Map.of()).take(Chainwatch.DEFAULT_DB, null))
        .as("the default database, which does not exist here: nothing read, nothing created").isNull();
  }

  @Test
  void noGuess_forOtherCommands_help_emit_show_orArgumentFiles() {
    for (String[] args : new String[][] {
        {"--db", cli.db(), "import", "x.yaml"}, {"--db", cli.db(), "hunts"}, {"--version"}, {},
        {"--db", cli.db(), "hunt", "--help"}, {"--db", cli.db(), "hunt", "-h"},
        {"--db", cli.db(), "hunt", "--emit", "splunk", "--incident", INCIDENT}, {"--db", cli.db(), "hunt", "show", "1"},
        {"@args.txt"}, {"--db", cli.db(), "hunt", "@args.txt"}, {"--db"}, {"hunt", "--incident"}}) {
      assertThat(HuntCommand.prefetch(args, Map.of())).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void aDatabaseThatDoesNotExist_isNotCreatedByTheGuess() throws InterruptedException {
    Path absent = dir.resolve("absent.db");
    IndicatorPrefetch p = HuntCommand.prefetch(new String[] {"--db", "jdbc:sqlite:" + absent, "hunt", "--logs", "x"}, Map.of());
    assertThat(p.take("jdbc:sqlite:" + absent, null)).isNull();
    assertThat(absent).doesNotExist();
  }

  @Test
  void aHunt_findsTheSameWithTheGuessAsWithout() throws IOException {
    CliRun.Result guessed = cli.run("hunt", "--logs", logs.toString(), "--incident", INCIDENT, "--format", "json");
    // picocli expands an argument file; the guess does not read one, so this hunt reads its own indicators
    Path args = dir.resolve("args.txt");
    Files.writeString(args, String.join("\n", "hunt", "--logs", logs.toString(), "--incident", INCIDENT, "--format", "json"));
    CliRun.Result read = cli.run("@" + args);
    assertThat(guessed.exit()).as(guessed.err()).isZero();
    assertThat(read.exit()).as(read.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(guessed.out());
    JsonNode b = new ObjectMapper().readTree(read.out());
    assertThat(a.get("sightings")).isEqualTo(b.get("sightings"));
    assertThat(a.get("sightings").toString()).contains("raw.githubusercontent.com");
    assertThat(a.get("stats")).isEqualTo(b.get("stats"));
    assertThat(a.get("hunt").asLong()).isNotEqualTo(b.get("hunt").asLong());
  }
}
