package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command line that names a command is parsed with that command only, and sees it as it would among all. */
class MainCommandLineTest {
  private static CommandLine of(String... args) {
    return Main.commandLine(new Main(Map.of(), Clock.systemUTC()), args);
  }

  @Test
  void theNamedCommandOnly_afterTheInheritedOptions() {
    assertThat(of("hunt", "--logs", "x").getSubcommands()).containsOnlyKeys("hunt");
    assertThat(of("--db", "hunts", "cases", "list").getSubcommands()).containsOnlyKeys("cases");
    assertThat(of("--db=x", "--debug", "audit", "verify").getSubcommands()).containsOnlyKeys("audit");
  }

  @Test
  void everyCommand_forHelpAnUnknownCommandOrNone() {
    int all = Main.COMMANDS.size();
    assertThat(of()).satisfies(c -> assertThat(c.getSubcommands()).hasSize(all));
    assertThat(of("help", "hunt").getSubcommands()).hasSize(all);
    assertThat(of("--help").getSubcommands()).hasSize(all);
    assertThat(of("--version").getSubcommands()).hasSize(all);
    assertThat(of("hunx").getSubcommands()).hasSize(all);
    assertThat(of("--db").getSubcommands()).hasSize(all);
  }

  /** An unknown option is a usage error (status 2) wherever it stands, also after an option that takes several values. */
  @Test
  void anUnknownOption_isAUsageError_evenAfterAListOfValues() {
    for (String[] args : new String[][] {{"hunt", "--bogus", "--logs", "x"}, {"hunt", "--logs", "x", "--bogus"},
        {"hunt", "--logs", "x", "y", "--engine", "flink"}, {"import", "a.json", "--nope"}}) {
      java.io.StringWriter err = new java.io.StringWriter();
      int code = Main.run(args, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err), Map.of(),
          Clock.systemUTC());
      assertThat(code).as(String.join(" ", args) + ": " + err).isEqualTo(2);
      assertThat(err.toString()).as(String.join(" ", args)).contains("Unknown option");
    }
  }

  /** Every command and subcommand prints its own usage for -h and --help, as the errors it prints say to ask. */
  @Test
  void everyCommandAndSubcommand_printsItsUsage_forHelpOptions() {
    java.util.List<String[]> names = new java.util.ArrayList<>();
    for (var e : of().getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) continue;
      names.add(new String[] {e.getKey()});
      for (String sub : e.getValue().getSubcommands().keySet()) names.add(new String[] {e.getKey(), sub});
    }
    assertThat(names).hasSizeGreaterThan(20);
    for (String[] name : names) {
      for (String option : new String[] {"--help", "-h"}) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(name), java.util.stream.Stream.of(option))
            .toArray(String[]::new);
        int code = Main.run(args, new java.io.PrintWriter(out), new java.io.PrintWriter(err), Map.of(), Clock.systemUTC());
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: chainwatch " + String.join(" ", name) + " ");
      }
    }
  }

  @Test
  void aCommandAloneHasTheSameUsageAndInheritedOptionsAsAmongAll() {
    for (String name : of().getSubcommands().keySet()) {
      if (name.equals("help")) continue;
      CommandLine alone = of(name).getSubcommands().get(name);
      CommandLine among = of().getSubcommands().get(name);
      assertThat(alone.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name).isEqualTo(among.getUsageMessage(CommandLine.Help.Ansi.OFF));
      assertThat(alone.getCommandSpec().findOption("--db")).as(name).isNotNull();
    }
  }
}
