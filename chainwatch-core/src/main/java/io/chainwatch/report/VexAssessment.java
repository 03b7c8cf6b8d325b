package io.chainwatch.report;

import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureStatus;
import io.chainwatch.portfolio.ProductKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns an incident report into VEX statements, one per installed release (product, version, platform), plus one per
 * product the advisory names that nobody in scope runs.
 *
 * <p>Implementation notes. The exposure verdict decides first: {@code affected} → affected (remove, or upgrade to a
 * fixed release); {@code fixed} → fixed; {@code not-affected} → not_affected with justification
 * {@code vulnerable_code_not_present} (the release is outside the affected set); a product of the advisory that no
 * installation in scope has → not_affected, {@code component_not_present}. {@code potential} (reached only through the
 * trust graph) and {@code unknown} (version not placed) are under_investigation until triage settles them: in a
 * customer's report, when that customer's cases for the incident are all resolved and none is a true positive, and
 * one at least says {@code false-positive} or {@code benign}, they become not_affected ({@code
 * vulnerable_code_not_present}, the investigation found no trace); a resolved true-positive case makes them affected,
 * whatever else is open. The provider's report spans customers whose dispositions differ, so it states verdicts only.
 */
public final class VexAssessment {
  private VexAssessment() {}

  public static List<VexStatement> of(IncidentReport report) {
    String customer = report.customer();
    String settled = customer == null ? null : settled(report.triage().cases());
    Map<String, Group> groups = new LinkedHashMap<>();
    for (CustomerExposure c : report.exposure().customers()) {
      for (ExposedInstallation e : c.installations()) {
        String key = ProductKey.of(e.vendor(), e.product()) + "@" + e.version() + "#" + e.platform().wireName();
        Group g = groups.computeIfAbsent(key, k -> new Group(e));
        if (e.status().ordinal() < g.status.ordinal()) g.status = e.status();
        g.assets.add(customer == null ? c.customer() + "/" + e.asset() : e.asset());
      }
    }
    List<VexStatement> out = new ArrayList<>();
    Map<String, String> fixedByProduct = fixedVersions(report);
    for (Group g : groups.values()) {
      ExposedInstallation e = g.first;
      String release = e.product() + " " + e.version() + " (" + e.platform().wireName() + ")";
      String fix = fixedByProduct.get(ProductKey.of(e.vendor(), e.product()) + "#" + e.platform().wireName());
      String action = "Remove " + e.product() + " from the affected assets or upgrade it" + (fix == null ? "" : " to a fixed release (" + fix + ")")
          + "; treat the assets as compromised until hunting clears them.";
      List<String> assets = customer == null ? List.of() : List.copyOf(g.assets);
      switch (g.status) {
        case AFFECTED -> out.add(new VexStatement(e.vendor(), e.product(), e.version(), e.platform().wireName(), "affected", null,
            release + " is in the incident's affected set" + via(e) + ".", action, null, assets));
        case FIXED -> out.add(new VexStatement(e.vendor(), e.product(), e.version(), e.platform().wireName(), "fixed", null,
            release + " is in the incident's fixed set.", null, null, assets));
        case NOT_AFFECTED -> out.add(new VexStatement(e.vendor(), e.product(), e.version(), e.platform().wireName(), "not_affected",
            "vulnerable_code_not_present", release + " is outside the incident's affected set for its platform.", null, null, assets));
        case POTENTIAL, UNKNOWN -> {
          String why = g.status == ExposureStatus.POTENTIAL
              ? release + " is reachable from the incident through the trust graph (" + e.confidence() + "% confidence): "
                  + String.join(" → ", e.path()) + "."
              : release + ": the version cannot be placed in the incident's version sets.";
          if ("true-positive".equals(settled)) {
            out.add(new VexStatement(e.vendor(), e.product(), e.version(), e.platform().wireName(), "affected", null,
                why + " Triage confirmed the compromise (true positive).", action, settled, assets));
          } else if (settled != null) {
            out.add(new VexStatement(e.vendor(), e.product(), e.version(), e.platform().wireName(), "not_affected",
                "vulnerable_code_not_present", why + " Triage found no trace of the compromise (" + settled + ").", null, settled, assets));
          } else {
            out.add(new VexStatement(e.vendor(), e.product(), e.version(), e.platform().wireName(), "under_investigation", null,
                why, null, null, assets));
          }
        }
      }
    }
    Set<String> present = new LinkedHashSet<>();
    for (Group g : groups.values()) present.add(ProductKey.of(g.first.vendor(), g.first.product()).toString());
    Set<String> said = new TreeSet<>();
    for (ProductVersions p : report.summary().incident().affected()) {
      String k = p.productKey().toString();
      if (present.contains(k) || !said.add(k)) continue;
      out.add(new VexStatement(p.vendor(), p.product(), null, "any", "not_affected", "component_not_present",
          "No installation of " + p.product() + " is known" + (customer == null ? " in the portfolio" : " at " + customer) + ".",
          null, null, List.of()));
    }
    return out;
  }

  /** " through X ← Y" when the verdict came from an incident this one caused. */
  private static String via(ExposedInstallation e) {
    List<String> incidents = new ArrayList<>();
    for (String node : e.path()) if (node.startsWith("incident:")) incidents.add(node.substring(9));
    return incidents.size() > 1 ? " of " + incidents.get(incidents.size() - 1) + ", which " + incidents.get(0) + " caused" : "";
  }

  /** The fixed version sets per product and platform, as written. */
  private static Map<String, String> fixedVersions(IncidentReport report) {
    Map<String, String> out = new LinkedHashMap<>();
    for (IncidentReport.Releases r : report.summary().releases()) {
      if (!r.fixed().isEmpty()) out.put(ProductKey.of(r.vendor(), r.product()) + "#" + r.platform(), String.join(", ", r.fixed()));
    }
    return out;
  }

  /**
   * The disposition that settles a customer's undetermined releases, or null while any case is open or none says
   * anything: {@code true-positive} wins; else the first {@code false-positive} or {@code benign}.
   */
  static @Nullable String settled(List<ReportCase> cases) {
    if (cases.isEmpty()) return null;
    String clear = null;
    for (ReportCase c : cases) if ("resolved".equals(c.state()) && "true-positive".equals(c.disposition())) return "true-positive";
    for (ReportCase c : cases) if (!"resolved".equals(c.state())) return null;
    for (ReportCase c : cases) {
      if ("false-positive".equals(c.disposition()) || "benign".equals(c.disposition())) {
        clear = c.disposition();
        break;
      }
    }
    return clear;
  }

  private static final class Group {
    final ExposedInstallation first;
    ExposureStatus status;
    final Set<String> assets = new TreeSet<>();

    Group(ExposedInstallation first) {
      this.first = first;
      this.status = first.status();
    }
  }
}
