package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.app.IndicatorPrefetch;
import io.chainwatch.common.Progress;
import io.chainwatch.exposure.UnknownIncident;
import io.chainwatch.formats.sigma.SigmaRuleLoader;
import io.chainwatch.formats.telemetry.Telemetry;
import io.chainwatch.formats.telemetry.mapped.FieldMapping;
import io.chainwatch.formats.telemetry.mapped.MappedReader;
import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.hunt.TelemetryFiles;
import io.chainwatch.hunt.beacon.BeaconDetector;
import io.chainwatch.hunt.beacon.BeaconSettings;
import io.chainwatch.hunt.siem.QueryLanguage;
import io.chainwatch.hunt.siem.SiemQueries;
import io.chainwatch.hunt.siem.SiemQuery;
import io.chainwatch.hunt.sigma.SigmaDetector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "hunt", subcommands = HuntCommand.Show.class, description = {
    "Hunt telemetry (Zeek TSV/JSON, Sysmon JSON, Squid, BIND; files, folders, .gz) for an incident's indicators",
    "(all known indicators without --incident), for beaconing and, with --rules, Sigma rules. The hunt is stored: see 'hunts'."})
final class HuntCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--logs", arity = "1..*", paramLabel = "PATH", description = "Log files or folders (read recursively).")
  List<String> logs = new ArrayList<>();

  @Option(names = "--incident", paramLabel = "I", description = "Hunt this incident's indicators only.")
  @Nullable String incident;

  @Option(names = "--customer", paramLabel = "C", description = "The telemetry is this customer's: hosts resolve among its assets (without it, an address or name"
      + " that several customers' assets have names no asset).")
  @Nullable String customer;

  @Option(names = "--since", paramLabel = "T", description = "Only events at or after T (ISO instant or date, UTC).")
  @Nullable String since;

  @Option(names = "--until", paramLabel = "T", description = "Only events at or before T (ISO instant or date, UTC).")
  @Nullable String until;

  @Option(names = "--rules", paramLabel = "DIR", description = "Also run the Sigma rules under DIR.")
  @Nullable Path rules;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Option(names = "--mapping", paramLabel = "FILE",
      description = "Also read CSV or JSON-lines exports by this field mapping (YAML: timestamp, source_address, destination_address, host, domain/url/hash/address columns), "
          + "or by a built-in one: ecs (Elastic Common Schema: Zeek, Suricata and network data exported from Elastic or Security Onion).")
  @Nullable Path mapping;

  @Option(names = "--emit", paramLabel = "LANG",
      description = "Print SIEM queries for the indicators instead of hunting: splunk (SPL), kql (Sentinel) or esql (Elastic).")
  @Nullable String emit;

  @Option(names = "--no-beacons", description = "Do not look for beaconing.")
  boolean noBeacons;

  @Option(names = "--beacon-threshold", paramLabel = "SCORE", defaultValue = "0.7",
      description = "Least beacon score reported, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double beaconThreshold;

  @Option(names = "--beacon-min-timing", paramLabel = "SCORE", defaultValue = "0.6",
      description = "Least regularity of intervals reported, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double beaconMinTiming;

  @Option(names = "--beacon-min-dispersion", paramLabel = "SCORE", defaultValue = "0.5",
      description = "Least (median - MAD) / median of the intervals reported, 0 to 1: 0.5 asks that their jitter "
          + "(MAD) be at most half their median (default: ${DEFAULT-VALUE}).")
  double beaconMinDispersion;

  @Option(names = "--beacon-min-connections", paramLabel = "N", defaultValue = "4",
      description = "Least distinct connection times of a beacon, at least 4 (default: ${DEFAULT-VALUE}).")
  int beaconMinConnections;

  @Override
  public Integer call() {
    if (emit != null) return emit();
    if (logs.isEmpty()) throw new UsageProblem("hunt needs --logs PATH...");
    if (format != OutputFormat.table && format != OutputFormat.json) throw new UsageProblem("hunt prints table or json");
    if (main.quickCompiler() && !suitsQuickCompiler()) {
      return ExitCodes.NEEDS_OPTIMISING_COMPILER;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant from = time("--since", since, false);
    Instant to = time("--until", until, true);
    if (from != null && to != null && from.isAfter(to)) {
      throw new UsageProblem("--since " + since + " is after --until " + until + ": no event can be in that window");
    }
    BeaconDetector beacons = null;
    BeaconSettings beaconSettings = null;
    if (!noBeacons) {
      try {
        beaconSettings = new BeaconSettings(beaconThreshold, beaconMinTiming, beaconMinDispersion, beaconMinConnections);
        beacons = new BeaconDetector(beaconSettings);
      } catch (IllegalArgumentException e) {
        throw new UsageProblem(e.getMessage());
      }
    }
    try (Chainwatch cw = main.open()) {
      if (incident != null && !cw.incidents().exists(incident) && !cw.intel().mentions(incident)) {
        throw new UnknownIncident(incident);
      }
      if (customer != null && cw.portfolio().customer(customer).isEmpty()) {
        throw new io.chainwatch.exposure.UnknownCustomer(customer);
      }
      List<io.chainwatch.hunt.Detector> detectors = new ArrayList<>();
      if (rules != null) {
        if (!Files.exists(rules)) throw new io.chainwatch.ingest.InputRejected(rules.toString(), null, "no such file or folder");
        SigmaRuleLoader.Loaded loaded = SigmaRuleLoader.load(rules);
        for (String w : loaded.warnings()) err.println("warning: " + w);
        detectors.addAll(SigmaDetector.of(loaded.rules()));
      }
      List<io.chainwatch.hunt.TelemetryReader> mapped = mapping == null ? List.of()
          : List.of(new MappedReader(Files.exists(mapping) ? FieldMapping.load(mapping)
              : FieldMapping.builtIn(mapping.toString()).orElseGet(() -> FieldMapping.load(mapping))));
      Progress progress = TerminalProgress.forTerminal(err, main.clock());
      IndicatorPrefetch prefetch = main.prefetch();
      OutputFormat f = format;
      RenderAhead output = new RenderAhead((w, r) -> render(w, r, f));
      HuntResult result = cw.hunts(mapped).hunt(new HuntParameters(logs, incident, customer, from, to,
          rules == null ? null : rules.toString(), beaconSettings == null ? "off" : beaconSettings.describe()),
          prefetch == null ? null : prefetch.take(main.databaseUrl(), incident), detectors,
          beacons == null ? List.of() : List.of(beacons), progress, output::start);
      TerminalProgress.clear(progress);
      if (beacons != null && beacons.dropped() > 0) {
        // the bound admits series first come, first served: a series that begins late (an implant that starts calling
        // home late) is among those left out, so say how to hunt so that none is
        err.println("warning: " + beacons.dropped() + " connections were left out of beacon scoring: too many series or"
            + " connections to keep; hunt a shorter time (--since, --until) or fewer logs at a time to score them all");
      }
      for (ReadProblem p : result.stats().examples()) {
        err.println("warning: " + p.file() + (p.line() > 0 ? ": line " + p.line() : "") + ": " + p.detail());
      }
      output.print(out, result);
    }
    return ExitCodes.OK;
  }

  /**
   * Whether this hunt runs as fast on the quick compiler (C1) alone as with the optimising one (C2) too. A hunt whose
   * every file is scanned in parallel spends its time in a small loop that C1's code runs within about 15 % of C2's,
   * and on two cores C2's compiling (2 to 3 CPU seconds, beside the scan) costs more than that gains up to a few GiB:
   * on C1 alone a 1 GiB hunt took 3.6 s instead of 4.5 s, and 3 and 6 GiB took the same (BENCHMARKS.md, issue 5).
   * Anything read event by event (Sigma rules, a field mapping, compressed files, formats read whole) runs the JSON
   * parser and the rules, which are 1.5 to 2 times slower on C1: those hunts are run again with C2.
   */
  private boolean suitsQuickCompiler() {
    if (rules != null || mapping != null) return false;
    long bytes = TelemetryFiles.parallelBytes(logs, Telemetry.readers());
    return bytes >= 0 && bytes <= QUICK_COMPILER_MAX_BYTES;
  }

  /**
   * Starts reading the indicators of the hunt that {@code args} ask for, before picocli reads them (ADR 014), or null
   * when they ask for none or it cannot tell: only {@code [--db URL] [--debug] hunt ...} without help, {@code --emit},
   * {@code show} or an argument file. A guess: the hunt uses it only for the database and incident it finally reads.
   */
  static @Nullable IndicatorPrefetch prefetch(String[] args, Map<String, String> env) {
    String db = null;
    String incident = null;
    boolean hunt = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--db") || (hunt && a.equals("--incident"))) {
        if (i + 1 >= args.length) return null;
        String value = args[++i];
        if (a.equals("--db")) db = value;
        else incident = value;
      } else if (a.startsWith("--db=")) {
        db = a.substring("--db=".length());
      } else if (hunt && a.startsWith("--incident=")) {
        incident = a.substring("--incident=".length());
      } else if (!hunt) {
        if (a.equals("hunt")) hunt = true;
        else if (!a.equals("--debug")) return null;
      } else if (a.equals("--emit") || a.startsWith("--emit=") || a.equals("show") || a.equals("--help") || a.equals("-h")
          || a.startsWith("@")) {
        return null;
      }
    }
    return hunt ? IndicatorPrefetch.start(Main.databaseUrl(db, env), incident) : null;
  }

  /** Beyond this, C2's faster scan code makes up for its compiling (about 4 GiB on two cores: BENCHMARKS.md). */
  static final long QUICK_COMPILER_MAX_BYTES = 4L << 30;

  /** {@code --emit}: one query per log source for the indicators the hunt would look for. */
  private int emit() {
    QueryLanguage language = QueryLanguage.parse(emit)
        .orElseThrow(() -> new UsageProblem("--emit takes splunk, kql or esql, not '" + emit + "'"));
    if (!logs.isEmpty() || rules != null) throw new UsageProblem("--emit prints queries and reads no logs or rules");
    if (format != OutputFormat.table && format != OutputFormat.json) throw new UsageProblem("hunt --emit prints table (the queries) or json");
    PrintWriter out = spec.commandLine().getOut();
    try (Chainwatch cw = main.open()) {
      if (incident != null && !cw.incidents().exists(incident) && !cw.intel().mentions(incident)) {
        throw new UnknownIncident(incident);
      }
      List<SiemQuery> queries = new SiemQueries(cw.hunts().indicators(incident)).emit(language);
      if (format == OutputFormat.json) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SiemQuery q : queries) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("source", q.source());
          m.put("description", q.description());
          m.put("query", q.text());
          list.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("language", language.wireName());
        doc.put("incident", incident);
        doc.put("queries", list);
        Json.write(out, doc);
        return ExitCodes.OK;
      }
      if (queries.isEmpty()) {
        out.println(language == QueryLanguage.SPLUNK ? "``` no huntable indicators ```" : "// no huntable indicators");
      }
      boolean first = true;
      for (SiemQuery q : queries) {
        if (!first) out.println();
        first = false;
        String title = q.source() + ": " + q.description() + (incident == null ? "" : ", incident " + incident);
        out.println(language == QueryLanguage.SPLUNK ? "``` " + title.replace("`", "'") + " ```" : "// " + title);
        out.println(q.text());
      }
    }
    return ExitCodes.OK;
  }

  static @Nullable Instant time(String option, @Nullable String text, boolean endOfDay) {
    if (text == null) return null;
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        LocalDate d = LocalDate.parse(text);
        return endOfDay ? d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1) : d.atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new UsageProblem(option + " '" + text + "' is neither an ISO instant (2023-03-22T10:00:00Z) nor a date (2023-03-22)");
      }
    }
  }

  static void render(PrintWriter out, HuntResult r, OutputFormat format) {
    if (format == OutputFormat.json) {
      Json.write(out, json(r));
      return;
    }
    out.println("Hunt " + r.id() + ": " + r.indicators() + " indicators, " + r.rules() + " rules; read "
        + r.stats().files() + " files, " + r.stats().events() + " events, " + TerminalProgress.bytes(r.stats().bytes())
        + (r.stats().problems().isEmpty() ? "" : "; problems " + r.stats().problems())
        + (r.parameters().beacons() == null ? "" : "; beacons: " + r.parameters().beacons()));
    if (!r.suppressed().isEmpty()) {
      out.println(r.suppressed().size() + " sightings suppressed (resolved as false positives): "
          + r.suppressed().stream().map(s -> TextTable.sanitize(s.indicatorType() + " " + s.indicatorValue() + " on " + s.host()))
              .distinct().collect(java.util.stream.Collectors.joining(", ")));
    }
    if (r.sightings().isEmpty()) {
      out.println("No sightings.");
      return;
    }
    TextTable t = new TextTable("DETECTOR", "LEVEL", "INDICATOR", "CUSTOMER", "HOST", "FIRST SEEN", "LAST SEEN", "COUNT",
        "EVIDENCE");
    for (Sighting s : r.sightings()) {
      Evidence e = s.evidence().isEmpty() ? null : s.evidence().get(0);
      t.row(s.detector(), s.level() == null ? "-" : s.level(), s.indicatorType() + " " + s.indicatorValue(),
          s.customer() == null ? "-" : s.customer(), s.host(),
          s.firstSeen() == null ? "-" : s.firstSeen().toString(), s.lastSeen() == null ? "-" : s.lastSeen().toString(),
          Long.toString(s.count()), e == null ? "" : e.file() + ":" + e.line() + " " + e.field() + "=" + e.value());
    }
    t.print(out, "");
  }

  static Map<String, Object> json(HuntResult r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("hunt", r.id());
    doc.put("sightings", sightingsJson(r.sightings()));
    // Sightings of (indicator, host) pairs resolved as false positives: listed apart, never dropped.
    doc.put("suppressed", sightingsJson(r.suppressed()));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("files", r.stats().files());
    stats.put("events", r.stats().events());
    stats.put("bytes", r.stats().bytes());
    stats.put("outside_window", r.stats().outsideWindow());
    stats.put("problems", r.stats().problems());
    stats.put("indicators", r.indicators());
    stats.put("rules", r.rules());
    doc.put("stats", stats);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("logs", r.parameters().logs());
    params.put("incident", r.parameters().incident());
    params.put("customer", r.parameters().customer());
    params.put("since", r.parameters().since() == null ? null : r.parameters().since().toString());
    params.put("until", r.parameters().until() == null ? null : r.parameters().until().toString());
    params.put("rules", r.parameters().rules());
    params.put("beacons", r.parameters().beacons());
    doc.put("parameters", params);
    return doc;
  }

  private static List<Map<String, Object>> sightingsJson(List<Sighting> sightings) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Sighting s : sightings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("detector", s.detector());
      Map<String, Object> ind = new LinkedHashMap<>();
      ind.put("type", s.indicatorType());
      ind.put("value", s.indicatorValue());
      m.put("indicator", ind);
      if (s.level() != null) m.put("level", s.level());
      m.put("customer", s.customer());
      m.put("host", s.host());
      m.put("first_seen", s.firstSeen() == null ? null : s.firstSeen().toString());
      m.put("last_seen", s.lastSeen() == null ? null : s.lastSeen().toString());
      m.put("count", s.count());
      List<Map<String, Object>> ev = new ArrayList<>();
      for (Evidence e : s.evidence()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("file", e.file());
        x.put("line", e.line());
        x.put("field", e.field());
        x.put("value", e.value());
        ev.add(x);
      }
      m.put("evidence", ev);
      list.add(m);
    }
    return list;
  }

  @Command(name = "show", description = "A stored hunt, with its sightings and evidence.")
  static final class Show implements Callable<Integer> {
    @ParentCommand HuntCommand hunt;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID") long id;

    @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
    OutputFormat format;

    @Override
    public Integer call() {
      try (Chainwatch cw = hunt.main.open()) {
        HuntResult r = cw.huntRepository().find(id)
            .orElseThrow(() -> new io.chainwatch.ingest.InputRejected("hunt " + id, null, "no such hunt; 'hunts' lists them"));
        render(spec.commandLine().getOut(), r, format);
      }
      return ExitCodes.OK;
    }
  }
}
