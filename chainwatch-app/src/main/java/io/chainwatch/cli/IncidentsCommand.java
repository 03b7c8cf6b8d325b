package io.chainwatch.cli;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.Incident;
import io.chainwatch.app.Chainwatch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "incidents", description = "List the imported incidents, with their attributions.")
final class IncidentsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    if (format != OutputFormat.table && format != OutputFormat.json) throw new UsageProblem("incidents has no " + format + " format; use table or json");
    try (Chainwatch cw = main.open()) {
      render(cw, format, spec.commandLine().getOut());
    }
    return ExitCodes.OK;
  }

  void render(Chainwatch cw, OutputFormat format, PrintWriter out) {
    if (format == OutputFormat.json) {
      List<Incident> incidents = cw.incidents().list();
      Json.write(out, Map.of("incidents", incidents.stream().map(i -> json(i, cw)).collect(Collectors.toList())));
    } else {
      new IncidentsTable(cw).print(out);
    }
  }

  static Map<String, Object> json(Incident i, Chainwatch cw) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("title", i.title());
    m.put("disclosed", i.disclosed() == null ? null : i.disclosed().toString());
    m.put("caused_by", i.causedBy());
    if (i.compromiseWindow() != null) {
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("from", i.compromiseWindow().from() == null ? null : i.compromiseWindow().from().toString());
      w.put("to", i.compromiseWindow().to() == null ? null : i.compromiseWindow().to().toString());
      m.put("compromise_window", w);
    } else {
      m.put("compromise_window", null);
    }
    List<Map<String, Object>> attribution = new ArrayList<>();
    for (Attribution a : i.attributions()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("actor", a.actor());
      am.put("aliases", a.aliases());
      am.put("confidence", a.confidence());
      am.put("source", a.source());
      am.put("date", a.date() == null ? null : a.date().toString());
      am.put("origin", "advisory");
      attribution.add(am);
    }
    // Attributions from intel (STIX attributed-to through linked campaigns, MISP threat-actor tags), with the aliases
    // the actor cluster knows.
    for (io.chainwatch.intel.ActorCluster.AttributionEntry e : cw.intel().attributions(i.id())) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("actor", e.actor());
      am.put("aliases", cw.intel().actor(e.actor()).map(io.chainwatch.intel.ActorCluster::aliases).orElse(List.of()));
      am.put("confidence", e.confidence());
      am.put("source", e.source());
      am.put("date", e.date() == null ? null : e.date().toString());
      am.put("origin", e.file());
      attribution.add(am);
    }
    m.put("attribution", attribution);
    List<String> attack = new ArrayList<>();
    for (io.chainwatch.intel.IncidentLink l : cw.intel().links(i.id())) attack.add(l.kind() + ":" + l.ref());
    m.put("attack", attack);
    m.put("affected", i.affected().stream().map(IncidentsCommand::statement).collect(Collectors.toList()));
    m.put("fixed", i.fixed().stream().map(IncidentsCommand::statement).collect(Collectors.toList()));
    m.put("indicators", i.indicators().size());
    m.put("references", i.references());
    return m;
  }

  private static Map<String, Object> statement(io.chainwatch.advisory.ProductVersions pv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vendor", pv.vendor());
    m.put("product", pv.product());
    m.put("platform", pv.platform().wireName());
    m.put("versions", pv.versionsText());
    return m;
  }
}
