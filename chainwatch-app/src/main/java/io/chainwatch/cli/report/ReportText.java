package io.chainwatch.cli.report;

import io.chainwatch.advisory.Incident;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureStatus;
import io.chainwatch.report.IncidentReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Sentences and small summaries that the Markdown and HTML renderers share, as plain (unescaped) text. */
final class ReportText {
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ReportText() {}

  static String stamp(@Nullable Instant t) {
    return t == null ? "—" : STAMP.format(t);
  }

  /** "What happened", from the advisory's facts: title, disclosure, compromise window and cause. */
  static String whatHappened(IncidentReport r) {
    Incident i = r.summary().incident();
    StringBuilder b = new StringBuilder(i.title());
    b.append(i.title().endsWith(".") ? "" : ".");
    if (i.disclosed() != null) b.append(" Disclosed on ").append(i.disclosed()).append('.');
    if (i.compromiseWindow() != null) {
      var w = i.compromiseWindow();
      b.append(" Compromise window: ").append(w.from() == null ? "unknown start" : w.from().toString())
          .append(" to ").append(w.to() == null ? "open" : w.to().toString()).append('.');
    }
    if (!r.summary().upstream().isEmpty()) {
      b.append(" It was made possible by an earlier compromise: ").append(String.join(" ← ", r.summary().upstream()))
          .append(", so its exposure includes that incident's reach through the trust graph.");
    }
    if (!r.summary().downstream().isEmpty()) {
      b.append(" It caused ").append(String.join(", ", r.summary().downstream()))
          .append("; those incidents' affected releases count as exposure to this one.");
    }
    return b.toString();
  }

  /** The path of an exposure as text: nodes joined by arrows, each trust edge crossed named on its arrow. */
  static String path(ExposedInstallation e) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < e.path().size(); i++) {
      if (i > 0) {
        String hop = e.hops().get(i - 1);
        b.append(hop.isEmpty() ? " → " : " →(" + hop + ")→ ");
      }
      b.append(e.path().get(i));
    }
    return b.toString();
  }

  /** Whether an exposure crossed at least one trust edge or caused-by link: worth drawing. */
  static boolean transitive(ExposedInstallation e) {
    if (e.hops().stream().anyMatch(h -> !h.isEmpty())) return true;
    return e.path().stream().filter(n -> n.startsWith("incident:")).count() > 1;
  }

  /** Distinct assets per status, for one customer. */
  static Map<ExposureStatus, Integer> assetsByStatus(CustomerExposure c) {
    Map<ExposureStatus, Set<String>> sets = new EnumMap<>(ExposureStatus.class);
    for (ExposedInstallation e : c.installations()) sets.computeIfAbsent(e.status(), k -> new LinkedHashSet<>()).add(e.asset());
    Map<ExposureStatus, Integer> out = new EnumMap<>(ExposureStatus.class);
    for (ExposureStatus s : ExposureStatus.values()) out.put(s, sets.getOrDefault(s, Set.of()).size());
    return out;
  }

  /**
   * Transitive exposures grouped by route: paths that differ only in the release they end at (its version and
   * platform) are one route, drawn once, with every installation on it.
   */
  static Map<List<String>, List<ExposedInstallation>> routes(IncidentReport r) {
    Map<List<String>, List<ExposedInstallation>> out = new java.util.LinkedHashMap<>();
    for (CustomerExposure c : r.exposure().customers()) {
      for (ExposedInstallation e : c.installations()) {
        if (e.status().needsAttention() && transitive(e)) out.computeIfAbsent(route(e), k -> new ArrayList<>()).add(e);
      }
    }
    return out;
  }

  /** The path's nodes with the last one's version and platform dropped, and its hop labels. */
  static List<String> route(ExposedInstallation e) {
    List<String> nodes = new ArrayList<>(e.path());
    String last = nodes.get(nodes.size() - 1);
    if (last.startsWith("release:") && last.indexOf('@') > 0) nodes.set(nodes.size() - 1, "product:" + last.substring(8, last.indexOf('@')));
    nodes.addAll(e.hops());
    return nodes;
  }

  /** A version set as people read it: {@code vers:generic/18.12.407|18.12.416} → {@code 18.12.407, 18.12.416}. */
  static String versions(String vers) {
    String v = vers.startsWith("vers:") && vers.indexOf('/') > 0 ? vers.substring(vers.indexOf('/') + 1) : vers;
    return String.join(", ", v.split("\\|"));
  }

  static String versions(List<String> sets) {
    List<String> out = new ArrayList<>();
    for (String s : sets) out.add(versions(s));
    return String.join("; ", out);
  }

  static String audience(IncidentReport r) {
    return r.customer() == null ? "Provider-internal: all customers" : "Prepared for " + r.customer();
  }

  static String marking(IncidentReport r) {
    return r.customer() == null ? "TLP:AMBER — contains every customer's exposure; do not share outside the provider"
        : "TLP:AMBER — for " + r.customer() + " only";
  }
}
