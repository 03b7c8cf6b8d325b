package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.threatmodel.ThreatModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "threat-model", description = {
    "A customer's supply-chain threat model: actor clusters with demonstrated supply-chain capability that target its",
    "sector or country, its vendors and fourth parties that have had incidents, and its open exposures."})
final class ThreatModelCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--customer", paramLabel = "C", required = true, description = "The customer.") String customer;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    if (format != OutputFormat.table && format != OutputFormat.json) throw new UsageProblem("threat-model has no " + format + " format; use table or json");
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      ThreatModel model = cw.threatModel().of(customer);
      if (format == OutputFormat.json) Json.write(out, json(model));
      else table(out, model);
    }
    return ExitCodes.OK;
  }

  /** The model as JSON maps; the report command embeds the same. */
  static Map<String, Object> json(ThreatModel model) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("customer", model.customer().name());
    m.put("sector", model.customer().sector());
    m.put("country", model.customer().country());
    m.put("criticality", model.customer().criticality());
    List<Map<String, Object>> actors = new ArrayList<>();
    for (ThreatModel.Actor a : model.actors()) {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("actor", a.name());
      am.put("attack_id", a.externalId());
      am.put("aliases", a.aliases());
      am.put("umbrella", a.umbrella());
      am.put("capability", a.capability());
      am.put("targets", a.targetMatch().isEmpty() ? "unknown" : a.targetMatch());
      am.put("incidents", a.incidents());
      actors.add(am);
    }
    m.put("actors", actors);
    List<Map<String, Object>> suppliers = new ArrayList<>();
    for (ThreatModel.Supplier s : model.suppliers()) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("vendor", s.vendor());
      sm.put("rank", s.rank());
      sm.put("chain", s.chain());
      sm.put("incidents", s.incidents());
      suppliers.add(sm);
    }
    m.put("suppliers", suppliers);
    List<Map<String, Object>> exposures = new ArrayList<>();
    for (ThreatModel.Exposure e : model.exposures()) {
      ExposedInstallation i = e.installation();
      Map<String, Object> em = new LinkedHashMap<>();
      em.put("incident", e.incident());
      em.put("asset", i.asset());
      em.put("vendor", i.vendor());
      em.put("product", i.product());
      em.put("version", i.version());
      em.put("platform", i.platform().wireName());
      em.put("status", i.status().wireName());
      em.put("confidence", i.confidence());
      em.put("path", i.path());
      exposures.add(em);
    }
    m.put("exposures", exposures);
    return m;
  }

  private static void table(PrintWriter out, ThreatModel model) {
    var c = model.customer();
    out.println("Threat model of " + TextTable.sanitize(c.name()) + " (sector " + (c.sector() == null ? "-" : TextTable.sanitize(c.sector()))
        + ", country " + (c.country() == null ? "-" : TextTable.sanitize(c.country())) + ", criticality " + c.criticality() + ")");
    out.println();
    out.println("Actors with supply-chain capability:");
    if (model.actors().isEmpty()) out.println("  (none known)");
    for (ThreatModel.Actor a : model.actors()) {
      out.println("  " + TextTable.sanitize(a.name()) + (a.externalId() == null ? "" : " (" + a.externalId() + ")")
          + (a.targetMatch().isEmpty() ? " — targeting unknown" : " — targets " + String.join(", ", a.targetMatch())));
      if (!a.aliases().isEmpty()) out.println("      aliases:  " + TextTable.sanitize(String.join(", ", a.aliases())));
      if (!a.umbrella().isEmpty()) out.println("      umbrella: " + TextTable.sanitize(String.join(", ", a.umbrella())));
      out.println("      why:      " + TextTable.sanitize(String.join("; ", a.capability())));
    }
    out.println();
    out.println("Suppliers with incidents:");
    if (model.suppliers().isEmpty()) out.println("  (none)");
    for (ThreatModel.Supplier s : model.suppliers()) {
      out.println("  [rank " + s.rank() + "] " + TextTable.sanitize(String.join(" → ", s.chain())) + ": " + String.join(", ", s.incidents()));
    }
    out.println();
    out.println("Open exposures:");
    if (model.exposures().isEmpty()) {
      out.println("  (none)");
      return;
    }
    TextTable t = new TextTable("INCIDENT", "ASSET", "PRODUCT", "VERSION", "STATUS", "CONFIDENCE");
    for (ThreatModel.Exposure e : model.exposures()) {
      ExposedInstallation i = e.installation();
      t.row(e.incident(), i.asset(), i.vendor() + "/" + i.product(), i.version() + " (" + i.platform().wireName() + ")",
          i.status().wireName(), i.confidence());
    }
    t.print(out, "  ");
  }
}
