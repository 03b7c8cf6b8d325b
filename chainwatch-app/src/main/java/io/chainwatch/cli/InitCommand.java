package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", description = "Create the database, or migrate it to this version's schema.")
final class InitCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Chainwatch cw = main.open()) {
      spec.commandLine().getOut().println("Database ready: " + cw.describeDatabase());
    }
    return ExitCodes.OK;
  }
}
