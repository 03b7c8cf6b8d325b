package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.hunt.IndicatorDetector;
import io.chainwatch.intel.IndicatorFilter;
import io.chainwatch.intel.IndicatorSource;
import io.chainwatch.intel.NormalisedIndicator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "indicators", description = {
    "The normalised indicators, de-duplicated across sources, each with every source that named it.",
    "Not huntable ones (to_ids false, revoked, patterns that name no single value) are listed with the reason."})
final class IndicatorsCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--incident", paramLabel = "I", description = "Only the indicators of this incident.")
  @Nullable String incident;

  @Option(names = "--type", paramLabel = "T", description = "Only this type: domain, hostname, ipv4, ipv6, cidr, url, url-prefix, md5, sha1, sha256, filename, pattern.")
  @Nullable String type;

  @Option(names = "--source", paramLabel = "S", description = "Only those named by this file (its name) or parser (stix, misp, native).")
  @Nullable String source;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    if (format == OutputFormat.csv) throw new UsageProblem("indicators has no csv format; use table or json");
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      if (incident != null && !cw.incidents().exists(incident) && !cw.intel().mentions(incident)) {
        throw new io.chainwatch.exposure.UnknownIncident(incident);
      }
      List<NormalisedIndicator> list = cw.intel().indicators(new IndicatorFilter(incident, type, source));
      if (format == OutputFormat.json) json(out, list);
      else table(out, list);
    }
    return ExitCodes.OK;
  }

  private static void json(PrintWriter out, List<NormalisedIndicator> list) {
    List<Map<String, Object>> items = new ArrayList<>();
    Map<String, Integer> perIncident = new TreeMap<>();
    for (NormalisedIndicator n : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", n.indicator().type());
      m.put("value", n.indicator().value());
      m.put("incidents", n.incidents());
      m.put("sources", n.sourceFiles());
      m.put("huntable", n.huntable());
      if (!n.huntable()) m.put("reason", n.notHuntableReason());
      m.put("hunt_matches", matched(n));
      if (n.revoked()) m.put("revoked", true);
      if (!n.likelyFalsePositive().isEmpty()) m.put("likely_false_positive", n.likelyFalsePositive());
      if (n.firstSeen() != null) m.put("first_seen", n.firstSeen().toString());
      if (n.lastSeen() != null) m.put("last_seen", n.lastSeen().toString());
      List<Map<String, Object>> details = new ArrayList<>();
      for (IndicatorSource s : n.sources()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", s.file());
        d.put("parser", s.parser());
        d.put("object", s.sourceObject());
        d.put("as_written", s.rawValue());
        details.add(d);
      }
      m.put("source_details", details);
      items.add(m);
      for (String i : n.incidents()) perIncident.merge(i, 1, Integer::sum);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("indicators", items);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("indicators", list.size());
    counts.put("huntable", list.stream().filter(NormalisedIndicator::huntable).count());
    counts.put("hunt_matches", list.stream().filter(IndicatorsCommand::matched).count());
    counts.put("per_incident", perIncident);
    doc.put("counts", counts);
    Json.write(out, doc);
  }

  /** Whether a hunt looks for it: huntable, and of a type the hunt matches (not a file name). */
  private static boolean matched(NormalisedIndicator n) {
    return n.huntable() && IndicatorDetector.matches(n.indicator().type());
  }

  private static void table(PrintWriter out, List<NormalisedIndicator> list) {
    if (list.isEmpty()) {
      out.println("No indicators: import an advisory, a STIX bundle or a MISP event.");
      return;
    }
    TextTable t = new TextTable("TYPE", "VALUE", "HUNT", "INCIDENTS", "SOURCES");
    Map<String, Integer> perIncident = new TreeMap<>();
    for (NormalisedIndicator n : list) {
      String hunt = !n.huntable() ? "no: " + n.notHuntableReason()
          : !matched(n) ? "context: hunt does not match " + n.indicator().type() + "s"
          : n.likelyFalsePositive().isEmpty() ? "yes" : "yes, likely FP: " + String.join(", ", n.likelyFalsePositive());
      t.row(n.indicator().type(), n.indicator().value(), hunt, n.incidents().isEmpty() ? "-" : String.join(", ", n.incidents()),
          String.join(", ", n.sourceFiles()));
      for (String i : n.incidents()) perIncident.merge(i, 1, Integer::sum);
    }
    t.print(out, "");
    out.println();
    long huntable = list.stream().filter(NormalisedIndicator::huntable).count();
    long matched = list.stream().filter(IndicatorsCommand::matched).count();
    out.println(list.size() + " indicators, " + huntable + " huntable"
        + (matched == huntable ? "" : " (" + (huntable - matched) + " context only, which hunt does not match)")
        + (perIncident.isEmpty() ? "" : "; per incident: " + perIncident.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")));
  }
}
