package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the command line configures for java.util.logging when something first logs (Flyway, a driver). */
class QuietLoggingTest {
  @AfterEach
  void restoreTheDefaults() throws Exception {
    LogManager.getLogManager().readConfiguration();
  }

  @Test
  void warningsAndErrorsOnly_onTheConsole() throws Exception {
    new QuietLogging();
    Logger root = Logger.getLogger("");
    assertThat(root.getLevel()).isEqualTo(Level.WARNING);
    assertThat(root.getHandlers()).hasSize(1).allSatisfy(h -> assertThat(h).isInstanceOf(ConsoleHandler.class));
    assertThat(Logger.getLogger("org.flywaydb.core.internal.command.DbMigrate").isLoggable(Level.INFO)).isFalse();
    assertThat(Logger.getLogger("org.flywaydb.core.internal.command.DbMigrate").isLoggable(Level.WARNING)).isTrue();
  }
}
