package io.chainwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "ledger", description = "The release ledger: what vendors published, as feeds, mirrors and fleets saw it.",
    subcommands = {LedgerAnomaliesCommand.class})
final class LedgerCommand implements Runnable {
  @ParentCommand Main main;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a ledger command is missing: ledger anomalies");
  }
}
