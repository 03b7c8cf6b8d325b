package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.app.IndicatorPrefetch;
import io.chainwatch.exposure.UnknownCustomer;
import io.chainwatch.exposure.UnknownIncident;
import io.chainwatch.ingest.InputRejected;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code chainwatch COMMAND ...}: the entry point. */
@Command(
    name = "chainwatch",
    mixinStandardHelpOptions = true,
    version = "chainwatch 0.1.0",
    description = "Supply-chain incident response: who runs the compromised releases, on which assets, and why.")
public final class Main implements Runnable {
  /**
   * The commands, in the order help lists them. They are registered by {@link #commandLine} rather than in the
   * annotation: picocli reflects over every registered command (their options, their own subcommands) when it starts,
   * which costs a short command a few hundred milliseconds, and a command line names one.
   */
  static final List<Class<?>> COMMANDS = List.of(
      InitCommand.class,
      ImportCommand.class,
      IncidentsCommand.class,
      IndicatorsCommand.class,
      IntelCommand.class,
      ExposureCommand.class,
      BlastRadiusCommand.class,
      FourthPartiesCommand.class,
      VerifyCommand.class,
      LedgerCommand.class,
      ThreatModelCommand.class,
      ReportCommand.class,
      DemoCommand.class,
      HuntCommand.class,
      HuntsCommand.class,
      DownstreamCommand.class,
      CasesCommand.class,
      RemediationCommand.class,
      AuditCommand.class,
      WarmUpCommand.class,
      CommandLine.HelpCommand.class);

  @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
      description = "Database: jdbc:sqlite:FILE (default chainwatch.db) or jdbc:postgresql://HOST/DB?user=..&password=..; "
          + "also from the environment variable CHAINWATCH_DB.")
  @Nullable String db;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean debug;

  private final Map<String, String> env;
  private final Clock clock;
  private @Nullable IndicatorPrefetch prefetch;

  Main(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a command is missing; 'chainwatch help' lists them");
  }

  /** The database URL: --db, else CHAINWATCH_DB, else chainwatch.db in the current folder. */
  String databaseUrl() {
    return databaseUrl(db, env);
  }

  static String databaseUrl(@Nullable String db, Map<String, String> env) {
    if (db != null) return db;
    String fromEnv = env.get("CHAINWATCH_DB");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : Chainwatch.DEFAULT_DB;
  }

  /** The hunt's indicators being read beside the reading of the command line, or null (see {@link HuntCommand#prefetch}). */
  @Nullable IndicatorPrefetch prefetch() {
    return prefetch;
  }

  /**
   * Whether the launcher started this process on the quick compiler (C1) alone and will run it again with the
   * optimising one (C2) when a command ends with {@link ExitCodes#NEEDS_OPTIMISING_COMPILER}: the environment variable
   * {@code CHAINWATCH_COMPILER} is {@code quick}.
   */
  boolean quickCompiler() {
    return "quick".equals(env.get("CHAINWATCH_COMPILER"));
  }

  Chainwatch open() {
    return Chainwatch.open(databaseUrl(), clock);
  }

  Clock clock() {
    return clock;
  }

  public static void main(String[] args) {
    // Flyway and the drivers log through java.util.logging; a person running a command wants none of it. Configured
    // when something first logs, not here: most commands never do, and starting the logging costs 40 ms.
    if (System.getProperty("java.util.logging.config.class") == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty("java.util.logging.config.class", QuietLogging.class.getName());
    }
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, out, err, System.getenv(), Clock.systemUTC());
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The command line for {@code args}: with only the command they name when they name one (help, errors and all
   * else are the same: a command's help and errors name no other command), else with every command.
   */
  static CommandLine commandLine(Main main, String[] args) {
    CommandLine cmd = new CommandLine(main);
    Class<?> named = named(args);
    for (Class<?> c : COMMANDS) {
      if (named == null || c == named) cmd.addSubcommand(c);
    }
    for (CommandLine sub : cmd.getSubcommands().values()) helpOption(sub);
    // An unknown option is a usage error (status 2), also after an option that takes several values: picocli took
    // `hunt --logs x --bogus` as the log paths x and --bogus, and the hunt then failed on a file "--bogus" (status 3).
    cmd.setUnmatchedOptionsAllowedAsOptionParameters(false);
    return cmd;
  }

  /**
   * Gives a command and its own subcommands {@code -h, --help}, as their errors tell the user to ask. Added here, not
   * inherited with the root's standard options: those bring {@code --version} too, which some commands have as an
   * option of their own (a release's version), and picocli then drops both.
   */
  private static void helpOption(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    if (spec.findOption("--help") == null && !spec.helpCommand()) {
      spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
    }
    for (CommandLine sub : command.getSubcommands().values()) helpOption(sub);
  }

  /** The command the arguments name before any of its own, or null (none, unknown, help, or not plain). */
  private static @Nullable Class<?> named(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--db")) {
        i++;
      } else if (a.startsWith("--db=") || a.equals("--debug")) {
        continue;
      } else if (a.startsWith("-")) {
        return null;
      } else {
        for (Class<?> c : COMMANDS) {
          Command command = c.getAnnotation(Command.class);
          if (command != null && command.name().equals(a)) return c == CommandLine.HelpCommand.class ? null : c;
        }
        return null;
      }
    }
    return null;
  }

  /** Runs one command line; the seam tests use. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    Main main = new Main(env, clock);
    // first, so that the hunt's indicators are read while picocli reads the command line
    main.prefetch = HuntCommand.prefetch(args, env);
    CommandLine cmd = commandLine(main, args);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler((ex, argv) -> {
      err.println("chainwatch: " + ex.getMessage());
      CommandLine failed = ex.getCommandLine();
      // the command's whole name: `hunt show`'s help is `chainwatch hunt show --help`
      err.println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    });
    cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
      if (ex instanceof InputRejected || ex instanceof UnknownIncident || ex instanceof UnknownCustomer) {
        err.println("chainwatch: " + ex.getMessage());
        if (main.debug) ex.printStackTrace(err);
        return ExitCodes.REJECTED;
      }
      if (ex instanceof io.chainwatch.triage.UnknownCase) {
        err.println("chainwatch: " + ex.getMessage());
        return ExitCodes.REJECTED;
      }
      if (ex instanceof UsageProblem || ex instanceof io.chainwatch.triage.IllegalTransition) {
        err.println("chainwatch: " + ex.getMessage());
        return ExitCodes.USAGE;
      }
      err.println("chainwatch: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      if (main.debug) ex.printStackTrace(err);
      else err.println("(run again with --debug for details)");
      return ExitCodes.FAILURE;
    });
    return cmd.execute(args);
  }
}
