package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.triage.audit.AuditEntry;
import io.chainwatch.triage.audit.AuditFilter;
import io.chainwatch.triage.audit.AuditVerification;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "The tamper-evident audit log: every import, hunt, case and remediation change.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.ListEntries.class})
final class AuditCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Override
  public Integer call() {
    throw new UsageProblem("a subcommand is missing: verify or list");
  }

  @Command(name = "verify", description = "Walk the hash chain; exit 1 naming the first entry that does not verify.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Spec CommandSpec spec;
    @Option(names = "--head", description = "Print only the head hash (to anchor the log elsewhere).")
    boolean head;
    @Option(names = "--anchor", paramLabel = "HASH", description = "Also require this earlier head hash to be in the chain.")
    @Nullable String anchor;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Chainwatch cw = audit.main.open()) {
        AuditVerification v = cw.audit().verify();
        if (v.problem().isPresent()) {
          err.println("chainwatch: the audit log does not verify at entry " + v.problem().get().seq() + ": "
              + v.problem().get().message());
          return ExitCodes.FAILURE;
        }
        if (anchor != null && !anchor.equals(io.chainwatch.triage.audit.AuditChain.GENESIS)
            && cw.audit().list(AuditFilter.all()).stream().noneMatch(e -> e.entryHash().equalsIgnoreCase(anchor))) {
          err.println("chainwatch: the audit log verifies, but no entry has the anchored hash " + anchor
              + ": the log was rewritten or cut short since it was anchored");
          return ExitCodes.FAILURE;
        }
        if (head) out.println(v.headHash());
        else out.println("The audit log verifies: " + v.verified() + " entries; head " + v.headHash());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", description = "Audit entries, oldest first; filter by action (or prefix: case.), subject, time, actor.")
  static final class ListEntries implements Callable<Integer> {
    @ParentCommand AuditCommand audit;
    @Spec CommandSpec spec;
    @Option(names = "--action", paramLabel = "A") @Nullable String action;
    @Option(names = "--subject", paramLabel = "S") @Nullable String subject;
    @Option(names = "--since", paramLabel = "T", description = "an ISO instant or date") @Nullable String since;
    @Option(names = "--actor", paramLabel = "WHO") @Nullable String actor;
    @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
    OutputFormat format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Chainwatch cw = audit.main.open()) {
        List<AuditEntry> entries = cw.audit().list(new AuditFilter(action, subject, time(since), actor));
        if (format == OutputFormat.json) {
          List<Map<String, Object>> rows = new ArrayList<>();
          for (AuditEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("at", e.at().toString());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("subject", e.subject());
            m.put("details", details(e.details()));
            m.put("prev_hash", e.prevHash());
            m.put("hash", e.entryHash());
            rows.add(m);
          }
          Json.write(out, Map.of("entries", rows));
          return ExitCodes.OK;
        }
        TextTable t = new TextTable("SEQ", "AT", "ACTOR", "ACTION", "SUBJECT", "DETAILS");
        for (AuditEntry e : entries) t.row(e.seq(), e.at(), e.actor(), e.action(), e.subject(), e.details());
        t.print(out, "");
      }
      return ExitCodes.OK;
    }

    /**
     * Made on first use, not when the class loads: picocli instantiates every command class at start-up, and an
     * object mapper costs every other command a hundred milliseconds.
     */
    private static final class Reader {
      static final com.fasterxml.jackson.databind.ObjectMapper INSTANCE = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    /** The details as a JSON object; as text if a tampered row no longer parses. */
    private static Object details(String text) {
      try {
        return Reader.INSTANCE.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return text;
      }
    }

    private static @Nullable Instant time(@Nullable String text) {
      if (text == null) return null;
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        try {
          return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          throw new UsageProblem("--since '" + text + "' is neither an ISO instant (2023-03-22T10:00:00Z) nor a date (2023-03-22)");
        }
      }
    }
  }
}
