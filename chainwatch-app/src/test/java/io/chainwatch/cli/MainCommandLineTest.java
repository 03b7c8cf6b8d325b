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
