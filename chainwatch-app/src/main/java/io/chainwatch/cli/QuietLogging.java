package io.chainwatch.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The command line's configuration of {@code java.util.logging}, read when something first logs (named by the
 * {@code java.util.logging.config.class} property): warnings and errors only, on the console, as the JDK's default
 * configuration has them otherwise.
 */
public final class QuietLogging {
  static final String CONFIGURATION = "handlers = java.util.logging.ConsoleHandler\n.level = WARNING\n";

  public QuietLogging() throws IOException {
    LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.ISO_8859_1)));
  }
}
