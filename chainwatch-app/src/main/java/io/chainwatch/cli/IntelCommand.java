package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.intel.ActorCluster;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "intel", description = "Threat intelligence: actors and their attributions.", subcommands = IntelCommand.Actor.class)
final class IntelCommand implements Runnable {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is missing: intel actor NAME");
  }

  @Command(name = "actor", description = "An actor cluster: its aliases, umbrella, the incidents attributed to it, and the attribution timeline.")
  static final class Actor implements Callable<Integer> {
    @ParentCommand IntelCommand intel;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A name or alias, e.g. UNC4736 or Labyrinth Chollima.") String name;

    @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
    OutputFormat format;

    @Override
    public Integer call() {
      if (format == OutputFormat.csv) throw new UsageProblem("intel actor has no csv format; use table or json");
      PrintWriter out = spec.commandLine().getOut();
      try (Chainwatch cw = intel.main.open()) {
        ActorCluster a = cw.intel().actor(name).orElseThrow(() -> new io.chainwatch.ingest.InputRejected(name, null,
            "is not a known actor name or alias; import intelligence (STIX, MISP) or an advisory that names it"));
        if (format == OutputFormat.json) Json.write(out, json(a));
        else text(out, a);
      }
      return ExitCodes.OK;
    }

    static Map<String, Object> json(ActorCluster a) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("actor", a.name());
      m.put("kind", a.kind());
      m.put("attack_id", a.externalId());
      m.put("aliases", a.aliases());
      m.put("umbrella", a.related());
      m.put("targets", a.targets());
      m.put("supply_chain", a.supplyChain());
      m.put("incidents", a.incidents());
      List<Map<String, Object>> timeline = new ArrayList<>();
      for (ActorCluster.AttributionEntry e : a.timeline()) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("date", e.date() == null ? null : e.date().toString());
        t.put("source", e.source());
        t.put("subject", e.subject());
        t.put("actor", e.actor());
        t.put("confidence", e.confidence());
        t.put("file", e.file());
        timeline.add(t);
      }
      m.put("timeline", timeline);
      return m;
    }

    private static void text(PrintWriter out, ActorCluster a) {
      out.println(a.name() + (a.externalId() == null ? "" : " (" + a.externalId() + ")") + " — " + a.kind()
          + (a.supplyChain() ? ", has compromised software supply chains" : ""));
      out.println("  aliases:   " + (a.aliases().isEmpty() ? "-" : String.join(", ", a.aliases())));
      out.println("  umbrella:  " + (a.related().isEmpty() ? "-" : String.join(", ", a.related())));
      if (!a.targets().isEmpty()) out.println("  targets:   " + String.join(", ", a.targets()));
      out.println("  incidents: " + (a.incidents().isEmpty() ? "-" : String.join(", ", a.incidents())));
      out.println();
      out.println("Attribution timeline:");
      if (a.timeline().isEmpty()) out.println("  (none)");
      TextTable t = new TextTable("DATE", "WHO SAID", "WHAT", "CONFIDENCE", "FROM FILE");
      for (ActorCluster.AttributionEntry e : a.timeline()) {
        t.row(e.date() == null ? "-" : e.date(), e.source() == null ? "-" : e.source(), e.subject() + " → " + e.actor(),
            e.confidence(), e.file());
      }
      if (!a.timeline().isEmpty()) t.print(out, "  ");
    }
  }
}
