package io.chainwatch.cli.report;

import static io.chainwatch.cli.report.Escape.markdown;

import io.chainwatch.advisory.Incident;
import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureStatus;
import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.report.IncidentIntel;
import io.chainwatch.report.IncidentReport;
import io.chainwatch.report.PortfolioReport;
import io.chainwatch.report.ReportCase;
import io.chainwatch.report.ReportRemediation;
import io.chainwatch.threatmodel.ThreatModel;
import io.chainwatch.verify.ledger.Anomaly;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Reports as CommonMark with GitHub tables. Every value from input is escaped ({@link Escape#markdown}); indicators
 * are defanged. Sections are numbered the same as in HTML; an empty section says why it is empty.
 */
public final class ReportMarkdown {
  private final PrintWriter out;

  private ReportMarkdown(Writer out) {
    this.out = out instanceof PrintWriter p ? p : new PrintWriter(out);
  }

  public static void write(IncidentReport r, Writer w) {
    ReportMarkdown m = new ReportMarkdown(w);
    m.incident(r);
    m.out.flush();
  }

  public static void write(PortfolioReport r, Writer w) {
    ReportMarkdown m = new ReportMarkdown(w);
    m.portfolio(r);
    m.out.flush();
  }

  private void incident(IncidentReport r) {
    Incident i = r.summary().incident();
    out.println("# Incident report: " + markdown(i.id()) + " — " + markdown(i.title()));
    out.println();
    out.println("*" + markdown(ReportText.audience(r)) + " · generated " + markdown(ReportText.stamp(r.generated())) + " · "
        + markdown(ReportText.marking(r)) + "*");
    out.println();

    out.println("## 1. Summary");
    out.println();
    for (String f : r.summary().findings()) out.println("- " + markdown(f));
    out.println();
    out.println("**What happened.** " + markdown(ReportText.whatHappened(r)));
    out.println();
    out.println("### Affected releases per platform");
    out.println();
    if (r.summary().releases().isEmpty()) out.println("The advisory names no product releases.");
    else {
      row("Vendor", "Product", "Platform", "Affected", "Fixed", "Not affected");
      rule(6);
      for (IncidentReport.Releases x : r.summary().releases()) {
        row(markdown(x.vendor()), markdown(x.product()), markdown(x.platform()), list(x.affected()), list(x.fixed()), list(x.notAffected()));
      }
    }
    out.println();
    out.println("### Attribution");
    out.println();
    if (r.summary().attributions().isEmpty()) out.println("No source has attributed this incident.");
    else {
      row("Actor", "Stated by", "Date", "Confidence");
      rule(4);
      for (IncidentIntel.Attribution a : r.summary().attributions()) {
        row(markdown(a.actor()), a.source() == null ? "—" : markdown(a.source()), a.date() == null ? "—" : a.date().toString(),
            Integer.toString(a.confidence()));
      }
    }
    out.println();

    out.println("## 2. Exposure");
    out.println();
    if (r.exposure().customers().isEmpty()) {
      out.println("No installation of the incident's products is known" + (r.customer() == null ? " in the portfolio." : " at " + markdown(r.customer()) + "."));
    } else {
      row("Customer", "Criticality", "Affected", "Potential", "Unknown", "Fixed", "Not affected");
      rule(7);
      for (CustomerExposure c : r.exposure().customers()) {
        Map<ExposureStatus, Integer> n = ReportText.assetsByStatus(c);
        row(markdown(c.customer()), Integer.toString(c.criticality()), n.get(ExposureStatus.AFFECTED) + "", n.get(ExposureStatus.POTENTIAL) + "",
            n.get(ExposureStatus.UNKNOWN) + "", n.get(ExposureStatus.FIXED) + "", n.get(ExposureStatus.NOT_AFFECTED) + "");
      }
      out.println();
      out.println("Counts are assets. A path runs from the incident to the installed release; a trust edge crossed is named on its arrow.");
      for (CustomerExposure c : r.exposure().customers()) {
        out.println();
        out.println("### " + markdown(c.customer()) + " (criticality " + c.criticality() + ")");
        out.println();
        row("Asset", "Platform", "Product", "Version", "Status", "Confidence", "Path");
        rule(7);
        for (ExposedInstallation e : c.installations()) {
          row(markdown(e.asset()), e.platform().wireName(), markdown(e.vendor() + " " + e.product()), markdown(e.version().isEmpty() ? "(none)" : e.version()),
              "**" + e.status().wireName() + "**", e.confidence() + "%", markdown(ReportText.path(e)));
        }
      }
    }
    out.println();

    out.println("## 3. Verification");
    out.println();
    IncidentReport.Verification v = r.verification();
    if (v.observations().isEmpty() && v.anomalies().isEmpty()) {
      out.println("No verification recorded: no file of the incident's products was verified with `verify --record`, and the release ledger shows no anomaly for them.");
    } else {
      if (v.observations().isEmpty()) out.println("No file of the incident's products was verified in a customer's fleet.");
      else {
        row("Customer", "File", "Release", "SHA-256", "Signature", "Verdict");
        rule(6);
        for (IncidentReport.Observation o : v.observations()) {
          String signature = o.signatureStatus() == null ? "—" : o.signatureStatus()
              + (o.appendedBytes() != null && o.appendedBytes() > 0 ? ", " + o.appendedBytes() + " bytes appended" : "");
          row(markdown(o.customer()), markdown(o.file()), markdown(o.product() + " " + o.version() + " " + o.platform()), o.sha256(),
              markdown(signature), o.knownBad() ? "**known-bad**" : "observed");
        }
      }
      out.println();
      if (v.anomalies().isEmpty()) out.println("The release ledger shows no anomaly for the incident's products.");
      else {
        out.println("Release-ledger anomalies:");
        out.println();
        for (Anomaly a : v.anomalies()) out.println("- **" + markdown(a.kind()) + "** " + markdown(a.product() + " " + a.version()) + ": " + markdown(a.detail()));
      }
    }
    out.println();

    out.println("## 4. Hunts and sightings");
    out.println();
    IncidentReport.Hunts h = r.hunts();
    if (h.hunts().isEmpty()) out.println("No hunt for this incident's indicators is recorded.");
    for (IncidentReport.Hunt hunt : h.hunts()) {
      out.println("### Hunt " + hunt.id() + " (" + markdown(ReportText.stamp(hunt.started())) + ")");
      out.println();
      out.println(hunt.files() + " files, " + hunt.events() + " events read"
          + (hunt.logs().isEmpty() ? "" : " from " + markdown(String.join(", ", hunt.logs()))) + "; "
          + hunt.sightings().size() + (hunt.sightings().size() == 1 ? " sighting." : " sightings."));
      out.println();
      if (!hunt.sightings().isEmpty()) {
        row("Detector", "Indicator", "Host", "First seen", "Last seen", "Count", "Evidence");
        rule(7);
        for (Sighting s : hunt.sightings()) {
          String ev = s.evidence().isEmpty() ? "—" : evidence(s.evidence().get(0));
          row(markdown(s.detector()), markdown(s.indicatorType() + " " + Escape.defang(s.indicatorType(), s.indicatorValue())),
              markdown((s.customer() == null ? "" : s.customer() + " / ") + s.host()), markdown(ReportText.stamp(s.firstSeen())),
              markdown(ReportText.stamp(s.lastSeen())), Long.toString(s.count()), ev);
        }
        out.println();
      }
    }
    if (!h.reported().isEmpty()) {
      out.println("Sightings reported by intelligence sources:");
      out.println();
      for (IncidentIntel.CustomerSighting cs : h.reported()) {
        var s = cs.sighting();
        out.println("- " + markdown(cs.customer().name()) + ": " + markdown(s.indicator().type() + " " + Escape.defang(s.indicator().type(), s.indicator().value()))
            + ", " + markdown(s.verdict()) + ", " + s.count() + " time(s)");
      }
    }
    out.println();

    out.println("## 5. Cases and dispositions");
    out.println();
    IncidentReport.Triage t = r.triage();
    if (!t.recorded()) out.println("Triage is not recorded in this database: no cases or dispositions to report.");
    else if (t.cases().isEmpty()) out.println("No case is open or closed for this incident.");
    else {
      row("Case", "Customer", "State", "Disposition", "Severity", "Assignee", "Hosts", "Sightings", "Notes", "Updated");
      rule(10);
      for (ReportCase c : t.cases()) {
        row(markdown(c.id()), markdown(c.customer()), markdown(c.state()), c.disposition() == null ? "—" : markdown(c.disposition()),
            markdown(c.severity()), c.assignee() == null ? "—" : markdown(c.assignee()), markdown(String.join(", ", c.hosts())),
            Integer.toString(c.sightings()), Integer.toString(c.notes()), markdown(ReportText.stamp(c.updated())));
      }
    }
    out.println();
    out.println("## 6. Remediation");
    out.println();
    if (!t.recorded()) out.println("Remediation is not recorded in this database.");
    else if (t.remediation().isEmpty()) out.println("No remediation task exists for this incident.");
    else {
      row("Customer", "Open", "Done", "Regressed", "Oldest open");
      rule(5);
      for (ReportRemediation m : t.remediation()) {
        row(markdown(m.customer()), m.open() + "", m.done() + "", m.regressed() + "", markdown(ReportText.stamp(m.oldestOpen())));
      }
    }
    out.println();

    out.println("## 7. Threat model");
    out.println();
    IncidentReport.Threat th = r.threat();
    if (th.actors().isEmpty()) out.println("No supply-chain capable actor is known" + (r.customer() == null ? " for this incident." : " for this customer."));
    else {
      row("Actor", "Also known as", "Capability", "Targets");
      rule(4);
      for (ThreatModel.Actor a : th.actors()) {
        row(markdown(a.name()), a.aliases().isEmpty() ? "—" : markdown(String.join(", ", a.aliases())), markdown(String.join("; ", a.capability())),
            a.targetMatch().isEmpty() ? "unknown" : markdown(String.join(", ", a.targetMatch())));
      }
    }
    if (r.customer() != null) {
      out.println();
      if (th.suppliers().isEmpty()) out.println("None of " + markdown(r.customer()) + "'s suppliers has had a recorded incident.");
      else {
        row("Supplier", "Rank", "Through", "Incidents");
        rule(4);
        for (ThreatModel.Supplier s : th.suppliers()) {
          row(markdown(s.vendor()), Integer.toString(s.rank()), markdown(String.join(" → ", s.chain())), markdown(String.join(", ", s.incidents())));
        }
      }
    }
    out.println();

    out.println("## 8. Indicators");
    out.println();
    if (r.summary().indicators().isEmpty()) out.println("The incident has no huntable indicators.");
    else {
      out.println("Defanged; hunt with `chainwatch hunt --incident " + markdown(i.id()) + "`.");
      out.println();
      row("Type", "Value", "Sources");
      rule(3);
      for (NormalisedIndicator n : r.summary().indicators()) {
        row(markdown(n.indicator().type()), markdown(Escape.defang(n.indicator().type(), n.indicator().value())), markdown(String.join(", ", n.sourceFiles())));
      }
    }
    out.println();
    if (!i.references().isEmpty()) {
      out.println("References:");
      out.println();
      for (String ref : i.references()) out.println("- " + markdown(ref));
      out.println();
    }

    out.println("## 9. Sources");
    out.println();
    sources(r.sources());
  }

  private void portfolio(PortfolioReport r) {
    out.println("# Supply-chain portfolio report");
    out.println();
    out.println("*Provider-internal · generated " + markdown(ReportText.stamp(r.generated())) + " · TLP:AMBER*");
    out.println();
    out.println("## 1. Incidents");
    out.println();
    if (r.incidents().isEmpty()) out.println("No incident is imported.");
    else {
      row("Incident", "Disclosed", "Attributed to", "Customers", "Affected", "Potential", "Unknown", "Sightings", "Open cases");
      rule(9);
      for (PortfolioReport.IncidentLine i : r.incidents()) {
        row(markdown(i.id() + " — " + i.title()), i.disclosed() == null ? "—" : i.disclosed().toString(),
            i.actors().isEmpty() ? "—" : markdown(String.join(", ", i.actors())), Integer.toString(i.customers()),
            i.assets().getOrDefault("affected", 0L) + "", i.assets().getOrDefault("potential", 0L) + "",
            i.assets().getOrDefault("unknown", 0L) + "", Long.toString(i.sightings()), i.openCases() < 0 ? "not recorded" : i.openCases() + "");
      }
      out.println();
      out.println("Affected, potential and unknown count assets.");
    }
    out.println();
    out.println("## 2. Supply-chain threat actors");
    out.println();
    if (r.actors().isEmpty()) out.println("No actor is attributed to an imported incident or known to compromise supply chains.");
    else {
      row("Actor", "Also known as", "Incidents");
      rule(3);
      for (PortfolioReport.ActorLine a : r.actors()) {
        row(markdown(a.name()), a.aliases().isEmpty() ? "—" : markdown(String.join(", ", a.aliases())),
            a.incidents().isEmpty() ? "none imported" : markdown(String.join(", ", a.incidents())));
      }
    }
    out.println();
    out.println("## 3. Customers");
    out.println();
    if (r.customers().isEmpty()) out.println("The portfolio has no customers.");
    else {
      String[] head = new String[2 + r.incidents().size()];
      head[0] = "Customer";
      head[1] = "Criticality";
      for (int k = 0; k < r.incidents().size(); k++) head[2 + k] = markdown(r.incidents().get(k).id());
      row(head);
      rule(head.length);
      for (PortfolioReport.CustomerLine c : r.customers()) {
        String[] cells = new String[head.length];
        cells[0] = markdown(c.customer());
        cells[1] = Integer.toString(c.criticality());
        for (int k = 0; k < r.incidents().size(); k++) {
          Map<String, Long> m = c.exposure().get(r.incidents().get(k).id());
          cells[2 + k] = m == null || m.isEmpty() ? "—" : markdown(cell(m));
        }
        row(cells);
      }
    }
    out.println();
    out.println("## 4. Sources");
    out.println();
    sources(r.sources());
  }

  static String cell(Map<String, Long> m) {
    StringBuilder b = new StringBuilder();
    for (String s : List.of("affected", "potential", "unknown")) {
      Long n = m.get(s);
      if (n == null || n == 0) continue;
      if (!b.isEmpty()) b.append(", ");
      b.append(n).append(' ').append(s);
    }
    return b.isEmpty() ? "—" : b.toString();
  }

  private void sources(List<Provenance> sources) {
    if (sources.isEmpty()) {
      out.println("No imported file lies behind this report.");
      return;
    }
    row("File", "SHA-256", "Parser", "Imported");
    rule(4);
    for (Provenance p : sources) {
      row(markdown(p.fileName()), p.sha256(), markdown(p.parser() + " " + p.parserVersion()), markdown(ReportText.stamp(p.importedAt())));
    }
  }

  private static String evidence(Evidence e) {
    return markdown(e.file() + ":" + e.line() + " " + e.field() + "=" + e.value());
  }

  private static String list(List<String> values) {
    return values.isEmpty() ? "—" : markdown(ReportText.versions(values));
  }

  private void row(String... cells) {
    out.println("| " + String.join(" | ", cells) + " |");
  }

  private void rule(int n) {
    out.println("|" + " --- |".repeat(n));
  }
}
