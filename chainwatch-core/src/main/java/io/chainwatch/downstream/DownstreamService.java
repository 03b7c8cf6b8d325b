package io.chainwatch.downstream;

import io.chainwatch.common.Progress;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryFiles;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.TelemetrySink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Compares what a product's processes did after an update with what they did before it.
 *
 * <p>Sysmon names the process: process creation (event 1) whose {@code ParentImage} is the product's gives a child
 * process, network connection (3) a destination, DNS query (22) a name looked up, image load (7) a module. Zeek sees
 * only addresses: its DNS queries, TLS server names and HTTP hosts count when they come from an address the inventory
 * gives to an asset that runs the product, attributed to the host, not the process.
 *
 * <p>Memory is bounded by the number of distinct behaviours ({@link #MAX_BEHAVIOURS}); events stream one at a time.
 */
public final class DownstreamService {
  public static final int MAX_HOSTS = 20;
  static final int MAX_BEHAVIOURS = 200_000;
  private static final int MAX_HOSTS_COUNTED = 10_000;
  private static final int MAX_PROBLEM_EXAMPLES = 10;

  private final List<TelemetryReader> readers;
  private final ProductFootprints footprints;

  public DownstreamService(List<TelemetryReader> readers, ProductFootprints footprints) {
    this.readers = List.copyOf(readers);
    this.footprints = footprints;
  }

  public DownstreamReport compare(DownstreamParameters p, Progress progress) {
    ProductProcesses processes = new ProductProcesses(p.product());
    Map<String, String> assetByAddress = new HashMap<>();
    Map<String, String> assetByName = new HashMap<>();
    for (ProductFootprints.Install i : footprints.installs(p.vendor(), p.product(), p.customer())) {
      if (i.installPath() != null && !i.installPath().isBlank()) processes.add(i.installPath());
      assetByName.put(i.asset().toLowerCase(Locale.ROOT), i.asset());
      for (String a : i.addresses()) assetByAddress.put(a, i.asset());
    }
    for (String e : p.executables()) processes.add(e);
    Run run = new Run(processes, p.update(), assetByAddress, assetByName);
    List<Path> files = TelemetryFiles.files(p.logs());
    int index = 0;
    for (Path f : files) {
      index++;
      String label = f.getFileName() + " (" + index + "/" + files.size() + ")";
      TelemetryFiles.read(f, readers, run, (l, done, total) -> progress.update(label, done, total));
    }
    List<String> notes = new ArrayList<>();
    if (run.productBefore == 0) {
      notes.add("no event of the product before " + p.update() + ": every behaviour counts as new for want of a baseline;"
          + " give logs that reach back before the update");
    }
    if (run.productAfter == 0) notes.add("no event of the product at or after " + p.update());
    if (run.dropped > 0) {
      notes.add(run.dropped + " events of further distinct behaviours were not counted (more than " + MAX_BEHAVIOURS + ")");
    }
    return new DownstreamReport(p, List.copyOf(processes.names()), List.copyOf(processes.folders()),
        List.copyOf(new TreeSet<>(assetByName.values())), files.size(), run.events, run.untimed, run.productBefore,
        run.productAfter, run.behaviours(), notes, run.problems, run.examples);
  }

  private static final class Run implements TelemetrySink {
    final ProductProcesses processes;
    final Instant update;
    final Map<String, String> assetByAddress;
    final Map<String, String> assetByName;
    final Map<String, Acc> seen = new HashMap<>();
    final Map<String, Long> problems = new TreeMap<>();
    final List<ReadProblem> examples = new ArrayList<>();
    long events;
    long untimed;
    long productBefore;
    long productAfter;
    long dropped;

    Run(ProductProcesses processes, Instant update, Map<String, String> assetByAddress, Map<String, String> assetByName) {
      this.processes = processes;
      this.update = update;
      this.assetByAddress = assetByAddress;
      this.assetByName = assetByName;
    }

    @Override
    public void event(TelemetryEvent e) {
      Instant t = e.time();
      if (t == null) {
        untimed++;
        return;
      }
      events++;
      String kind = e.kind();
      if (kind.startsWith("sysmon.")) sysmon(e, t);
      else if (kind.startsWith("zeek.")) zeek(e, t);
    }

    private void sysmon(TelemetryEvent e, Instant t) {
      String id = e.kind().substring("sysmon.".length());
      String image = e.field("Image");
      boolean product = processes.matches(image);
      boolean parent = "1".equals(id) && processes.matches(e.field("ParentImage"));
      if (!product && !parent) return;
      String host = sysmonHost(e);
      count(t);
      switch (id) {
        case "1" -> {
          if (parent && image != null && !image.isEmpty()) add("child-process", ProductProcesses.normalise(image), "process", host, e, t);
        }
        case "3" -> {
          String name = e.field("DestinationHostname");
          String address = e.destinationAddress();
          String dest = name != null && !name.isBlank() && !name.equals("-") ? name.toLowerCase(Locale.ROOT) : address;
          if (dest != null && !dest.isEmpty()) add("connection", dest + (e.destinationPort() >= 0 ? ":" + e.destinationPort() : ""), "process", host, e, t);
        }
        case "22" -> {
          String q = e.field("QueryName");
          if (q != null && !q.isBlank()) add("dns", domain(q), "process", host, e, t);
        }
        case "7" -> {
          String module = e.field("ImageLoaded");
          if (module != null && !module.isBlank()) add("module", ProductProcesses.normalise(module), "process", host, e, t);
        }
        default -> { }
      }
    }

    private void zeek(TelemetryEvent e, Instant t) {
      String source = e.sourceAddress();
      if (source == null) return;
      String asset = assetByAddress.get(source);
      if (asset == null) return;
      String port = e.destinationPort() >= 0 ? ":" + e.destinationPort() : "";
      switch (e.kind()) {
        case "zeek.dns" -> {
          String q = e.field("query");
          if (q == null || q.isBlank() || q.equals("-")) return;
          count(t);
          add("dns", domain(q), "host", asset, e, t);
        }
        case "zeek.ssl" -> {
          String sni = e.field("server_name");
          if (sni == null || sni.isBlank() || sni.equals("-")) return;
          count(t);
          add("connection", domain(sni) + port, "host", asset, e, t);
        }
        case "zeek.http" -> {
          String h = e.field("host");
          if (h == null || h.isBlank() || h.equals("-")) return;
          count(t);
          String name = domain(h);
          add("connection", (name.indexOf(':') >= 0 ? name : name + port), "host", asset, e, t);
        }
        default -> { }
      }
    }

    private void count(Instant t) {
      if (t.isBefore(update)) productBefore++;
      else productAfter++;
    }

    private String sysmonHost(TelemetryEvent e) {
      String h = e.host();
      if (h == null || h.isEmpty()) return e.sourceAddress() != null && assetByAddress.containsKey(e.sourceAddress())
          ? assetByAddress.get(e.sourceAddress()) : "unknown";
      String full = h.toLowerCase(Locale.ROOT);
      int dot = full.indexOf('.');
      String asset = assetByName.get(full);
      if (asset == null && dot > 0) asset = assetByName.get(full.substring(0, dot));
      return asset != null ? asset : h;
    }

    private static String domain(String name) {
      String d = name.strip().toLowerCase(Locale.ROOT);
      return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private void add(String kind, String value, String attribution, String host, TelemetryEvent e, Instant t) {
      String key = kind + '\n' + attribution + '\n' + value;
      Acc a = seen.get(key);
      if (a == null) {
        if (seen.size() >= MAX_BEHAVIOURS) {
          dropped++;
          return;
        }
        a = new Acc(kind, value, attribution);
        seen.put(key, a);
      }
      a.add(t, !t.isBefore(update), host, e.file() + ":" + e.line());
    }

    @Override
    public void problem(ReadProblem p) {
      problems.merge(p.kind(), 1L, Long::sum);
      if (examples.size() < MAX_PROBLEM_EXAMPLES) examples.add(p);
    }

    List<Behaviour> behaviours() {
      List<Behaviour> out = new ArrayList<>();
      for (Acc a : seen.values()) out.add(a.build());
      out.sort(Comparator.comparingInt((Behaviour b) -> rank(b.status()))
          .thenComparing(b -> b.attribution().equals("process") ? 0 : 1)
          .thenComparing(b -> b.firstSeenAfter() != null ? b.firstSeenAfter() : b.firstSeen())
          .thenComparing(Behaviour::kind).thenComparing(Behaviour::value));
      return out;
    }

    private static int rank(String status) {
      return switch (status) {
        case "new" -> 0;
        case "continued" -> 1;
        default -> 2;
      };
    }
  }

  /** One behaviour's counts as events arrive (in any order: files need not be sorted by time). */
  private static final class Acc {
    final String kind;
    final String value;
    final String attribution;
    long before;
    long after;
    @Nullable Instant firstSeen;
    @Nullable Instant firstSeenAfter;
    @Nullable Instant lastSeen;
    @Nullable Instant evidenceTime;
    boolean evidenceAfter;
    String evidence = "";
    final Set<String> hosts = new TreeSet<>();

    Acc(String kind, String value, String attribution) {
      this.kind = kind;
      this.value = value;
      this.attribution = attribution;
    }

    void add(Instant t, boolean isAfter, String host, String where) {
      if (isAfter) after++;
      else before++;
      if (firstSeen == null || t.isBefore(firstSeen)) firstSeen = t;
      if (lastSeen == null || t.isAfter(lastSeen)) lastSeen = t;
      if (isAfter && (firstSeenAfter == null || t.isBefore(firstSeenAfter))) firstSeenAfter = t;
      // The evidence is the first sighting after the update when there is one: that is what the analyst checks.
      if (evidenceTime == null || (isAfter && !evidenceAfter) || (isAfter == evidenceAfter && t.isBefore(evidenceTime))) {
        evidenceTime = t;
        evidenceAfter = isAfter;
        evidence = where;
      }
      if (hosts.size() < MAX_HOSTS_COUNTED) hosts.add(host);
    }

    Behaviour build() {
      String status = before == 0 ? "new" : after == 0 ? "stopped" : "continued";
      List<String> shown = new ArrayList<>(hosts).subList(0, Math.min(MAX_HOSTS, hosts.size()));
      Instant first = firstSeen == null ? Instant.EPOCH : firstSeen;
      return new Behaviour(kind, value, attribution, status, before, after, first, firstSeenAfter,
          lastSeen == null ? first : lastSeen, shown, hosts.size(), evidence);
    }
  }

  /** Whole days from the update to a behaviour's first sighting after it. */
  public static long daysAfter(Instant update, Instant seen) {
    return Duration.between(update, seen).toDays();
  }
}
