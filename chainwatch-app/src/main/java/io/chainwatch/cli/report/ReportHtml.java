package io.chainwatch.cli.report;

import static io.chainwatch.cli.report.Escape.html;

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
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reports as one self-contained HTML file: inline CSS and SVG, no script, no external resource. A
 * Content-Security-Policy meta element allows nothing but the one inline style sheet (by its SHA-256), so even a value
 * that escaped escaping could neither run script nor load anything. Print CSS lays it out on A4 for a browser's
 * "Save as PDF". Every value from input goes through {@link Escape#html}; indicators are defanged.
 */
public final class ReportHtml {
  static final String CSS = """
      :root{--ink:#101828;--muted:#475467;--line:#eaecf0;--accent:#1d2939;--affected:#b42318;--potential:#dc6803;--unknown:#667085;--fixed:#079455}
      *{box-sizing:border-box}
      body{margin:0;background:#f2f4f7;color:var(--ink);font:14px/1.5 "Helvetica Neue",Helvetica,Arial,sans-serif}
      main{max-width:960px;margin:24px auto;background:#fff;padding:40px 48px;box-shadow:0 1px 3px rgba(16,24,40,.1)}
      header.cover{border-bottom:3px solid var(--accent);padding-bottom:16px;margin-bottom:24px}
      .eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:11px;color:var(--muted);font-weight:600}
      h1{font-size:26px;line-height:1.25;margin:6px 0 8px}
      h2{font-size:18px;margin:32px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
      h3{font-size:15px;margin:20px 0 8px}
      .meta{color:var(--muted);font-size:13px}
      .tlp{display:inline-block;background:#000;color:#ffc000;font-weight:700;font-size:11px;padding:2px 8px;border-radius:3px;letter-spacing:.05em}
      .figures{display:flex;gap:12px;margin:20px 0 4px;flex-wrap:wrap}
      .figure{flex:1 1 120px;border:1px solid var(--line);border-radius:8px;padding:10px 14px}
      .figure b{display:block;font-size:24px;line-height:1.2}
      .figure span{font-size:12px;color:var(--muted)}
      .figure.bad b{color:var(--affected)} .figure.warn b{color:var(--potential)}
      ul.findings{padding-left:20px;margin:8px 0} ul.findings li{margin:3px 0}
      table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:12.5px}
      thead{display:table-header-group}
      th{text-align:left;background:#f9fafb;color:var(--muted);font-weight:600;font-size:11.5px;text-transform:uppercase;letter-spacing:.03em}
      th,td{padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      .mono{font-family:"SFMono-Regular",Menlo,Consolas,monospace;font-size:11.5px;word-break:break-all}
      .status{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11px;font-weight:600;color:#fff;white-space:nowrap}
      .s-affected{background:var(--affected)} .s-potential{background:var(--potential)} .s-unknown{background:var(--unknown)}
      .s-fixed{background:var(--fixed)} .s-not-affected{background:#98a2b3}
      .empty{color:var(--muted);font-style:italic}
      .path{color:var(--muted);font-size:11.5px}
      figure{margin:12px 0 18px;break-inside:avoid;page-break-inside:avoid}
      figure svg{max-width:100%;height:auto;display:block}
      figcaption{font-size:12px;color:var(--muted);margin-top:4px}
      .heat td.cell{text-align:center;font-size:12px;color:#fff;font-weight:600}
      .heat td.cell.none{color:var(--muted);font-weight:400}
      .heat td.c-affected{background:var(--affected)} .heat td.c-potential{background:var(--potential)} .heat td.c-unknown{background:var(--unknown)}
      footer{margin-top:36px;padding-top:10px;border-top:1px solid var(--line);font-size:11px;color:var(--muted)}
      a{color:#175cd3}
      @page{size:A4;margin:16mm 14mm}
      @media print{
        body{background:#fff;font-size:11.5px}
        main{box-shadow:none;margin:0;max-width:none;padding:0}
        h2{break-after:avoid;page-break-after:avoid}
        h3{break-after:avoid;page-break-after:avoid}
        tr,.figure{break-inside:avoid;page-break-inside:avoid}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        a{color:inherit;text-decoration:none}
      }
      """;

  private final StringBuilder b = new StringBuilder(64 * 1024);
  private int pictures;

  private ReportHtml() {}

  public static void write(IncidentReport r, Writer out) throws IOException {
    ReportHtml h = new ReportHtml();
    h.incident(r);
    out.write(h.b.toString());
    out.flush();
  }

  public static void write(PortfolioReport r, Writer out) throws IOException {
    ReportHtml h = new ReportHtml();
    h.portfolio(r);
    out.write(h.b.toString());
    out.flush();
  }

  /** The policy: nothing loads, nothing runs; only this file's own style sheet applies. */
  static String contentSecurityPolicy() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(CSS.getBytes(StandardCharsets.UTF_8));
      return "default-src 'none'; style-src 'sha256-" + Base64.getEncoder().encodeToString(d) + "'; img-src 'none'; font-src 'none';"
          + " connect-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private void head(String title) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(contentSecurityPolicy()).append("\">\n");
    b.append("<meta name=\"referrer\" content=\"no-referrer\">\n");
    b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    b.append("<meta name=\"generator\" content=\"Chainwatch\">\n");
    b.append("<title>").append(html(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
  }

  private void foot(String text) {
    b.append("<footer>").append(html(text)).append("</footer>\n</main>\n</body>\n</html>\n");
  }

  private void incident(IncidentReport r) {
    Incident i = r.summary().incident();
    head("Incident report " + i.id() + " — " + i.title());
    b.append("<header class=\"cover\"><div class=\"eyebrow\">Supply-chain incident report</div>\n");
    b.append("<h1>").append(html(i.id())).append(" — ").append(html(i.title())).append("</h1>\n");
    b.append("<div class=\"meta\">").append(html(ReportText.audience(r))).append(" · generated ").append(html(ReportText.stamp(r.generated())))
        .append(" · <span class=\"tlp\">TLP:AMBER</span> ").append(html(r.customer() == null ? "do not share outside the provider" : "for " + r.customer() + " only"))
        .append("</div>\n");
    figures(r);
    b.append("</header>\n");

    section("1", "Summary");
    b.append("<ul class=\"findings\">");
    for (String f : r.summary().findings()) b.append("<li>").append(html(f)).append("</li>");
    b.append("</ul>\n<p><strong>What happened.</strong> ").append(html(ReportText.whatHappened(r))).append("</p>\n");
    b.append("<h3>Affected releases per platform</h3>\n");
    if (r.summary().releases().isEmpty()) empty("The advisory names no product releases.");
    else {
      table("Vendor", "Product", "Platform", "Affected", "Fixed", "Not affected");
      for (IncidentReport.Releases x : r.summary().releases()) {
        row(html(x.vendor()), html(x.product()), html(x.platform()), list(x.affected()), list(x.fixed()), list(x.notAffected()));
      }
      end();
    }
    b.append("<h3>Attribution</h3>\n");
    if (r.summary().attributions().isEmpty()) empty("No source has attributed this incident.");
    else {
      table("Actor", "Stated by", "Date", "#Confidence");
      for (IncidentIntel.Attribution a : r.summary().attributions()) {
        row(html(a.actor()), a.source() == null ? "—" : html(a.source()), a.date() == null ? "—" : a.date().toString(), a.confidence() + "");
      }
      end();
    }

    section("2", "Exposure");
    exposure(r);

    section("3", "Verification");
    verification(r);

    section("4", "Hunts and sightings");
    hunts(r);

    section("5", "Cases and dispositions");
    IncidentReport.Triage t = r.triage();
    if (!t.recorded()) empty("Triage is not recorded in this database: no cases or dispositions to report.");
    else if (t.cases().isEmpty()) empty("No case is open or closed for this incident.");
    else {
      table("Case", "Customer", "State", "Disposition", "Severity", "Assignee", "Hosts", "#Sightings", "#Notes", "Updated");
      for (ReportCase c : t.cases()) {
        row(html(c.id()), html(c.customer()), html(c.state()), c.disposition() == null ? "—" : html(c.disposition()), html(c.severity()),
            c.assignee() == null ? "—" : html(c.assignee()), html(String.join(", ", c.hosts())), c.sightings() + "", c.notes() + "",
            html(ReportText.stamp(c.updated())));
      }
      end();
    }
    section("6", "Remediation");
    if (!t.recorded()) empty("Remediation is not recorded in this database.");
    else if (t.remediation().isEmpty()) empty("No remediation task exists for this incident.");
    else {
      table("Customer", "#Open", "#Done", "#Regressed", "Oldest open");
      for (ReportRemediation m : t.remediation()) {
        row(html(m.customer()), m.open() + "", m.done() + "", m.regressed() + "", html(ReportText.stamp(m.oldestOpen())));
      }
      end();
    }

    section("7", "Threat model");
    threat(r);

    section("8", "Indicators");
    if (r.summary().indicators().isEmpty()) empty("The incident has no huntable indicators.");
    else {
      b.append("<p class=\"meta\">Defanged. ").append(r.summary().indicators().size()).append(" huntable indicators.</p>\n");
      table("Type", "Value", "Sources");
      for (NormalisedIndicator n : r.summary().indicators()) {
        row(html(n.indicator().type()), "<span class=\"mono\">" + html(Escape.defang(n.indicator().type(), n.indicator().value())) + "</span>",
            html(String.join(", ", n.sourceFiles())));
      }
      end();
    }
    if (!i.references().isEmpty()) {
      b.append("<h3>References</h3>\n<ul>");
      for (String ref : i.references()) b.append("<li class=\"mono\">").append(html(ref)).append("</li>");
      b.append("</ul>\n");
    }

    section("9", "Sources");
    sources(r.sources());
    foot("Chainwatch · " + ReportText.marking(r) + " · " + ReportText.stamp(r.generated()));
  }

  private void figures(IncidentReport r) {
    Map<ExposureStatus, java.util.Set<String>> assets = new LinkedHashMap<>();
    java.util.Set<String> customers = new TreeSet<>();
    for (CustomerExposure c : r.exposure().customers()) {
      for (ExposedInstallation e : c.installations()) {
        assets.computeIfAbsent(e.status(), k -> new TreeSet<>()).add(c.customer() + "\n" + e.asset());
        if (e.status() == ExposureStatus.AFFECTED) customers.add(c.customer());
      }
    }
    b.append("<div class=\"figures\">");
    if (r.customer() == null) figure(customers.size() + "", "customers affected", customers.isEmpty() ? "" : "bad");
    figure(assets.getOrDefault(ExposureStatus.AFFECTED, java.util.Set.of()).size() + "", "assets affected",
        assets.containsKey(ExposureStatus.AFFECTED) ? "bad" : "");
    figure(assets.getOrDefault(ExposureStatus.POTENTIAL, java.util.Set.of()).size() + "", "potentially exposed",
        assets.containsKey(ExposureStatus.POTENTIAL) ? "warn" : "");
    figure(assets.getOrDefault(ExposureStatus.UNKNOWN, java.util.Set.of()).size() + "", "version unknown", "");
    figure(r.hunts().sightingCount() + "", "sightings in hunts", r.hunts().sightingCount() > 0 ? "bad" : "");
    if (r.triage().recorded()) {
      long open = r.triage().cases().stream().filter(c -> !"resolved".equals(c.state())).count();
      figure(open + "", "open cases", open > 0 ? "warn" : "");
    }
    b.append("</div>\n");
  }

  private void figure(String value, String label, String kind) {
    b.append("<div class=\"figure").append(kind.isEmpty() ? "" : " " + kind).append("\"><b>").append(html(value)).append("</b><span>")
        .append(html(label)).append("</span></div>");
  }

  private void exposure(IncidentReport r) {
    if (r.exposure().customers().isEmpty()) {
      empty("No installation of the incident's products is known" + (r.customer() == null ? " in the portfolio." : " at " + r.customer() + "."));
      return;
    }
    List<String> rows = new ArrayList<>();
    List<Integer> affected = new ArrayList<>();
    List<Integer> potential = new ArrayList<>();
    List<Integer> unknown = new ArrayList<>();
    List<Integer> fixed = new ArrayList<>();
    List<Integer> notAffected = new ArrayList<>();
    for (CustomerExposure c : r.exposure().customers()) {
      Map<ExposureStatus, Integer> n = ReportText.assetsByStatus(c);
      rows.add(c.customer());
      affected.add(n.get(ExposureStatus.AFFECTED));
      potential.add(n.get(ExposureStatus.POTENTIAL));
      unknown.add(n.get(ExposureStatus.UNKNOWN));
      fixed.add(n.get(ExposureStatus.FIXED));
      notAffected.add(n.get(ExposureStatus.NOT_AFFECTED));
    }
    b.append("<figure>").append(Svg.stackedBars("Exposure by customer (assets)", rows, List.of(
        new Svg.Series("affected", Svg.AFFECTED, affected), new Svg.Series("potential", Svg.POTENTIAL, potential),
        new Svg.Series("unknown", Svg.UNKNOWN, unknown), new Svg.Series("fixed", Svg.FIXED, fixed),
        new Svg.Series("not affected", Svg.NOT_AFFECTED, notAffected))));
    b.append("<figcaption>Figure ").append(++pictures).append(". Exposure by customer: assets per verdict, most critical customer first.</figcaption></figure>\n");

    Map<List<String>, List<ExposedInstallation>> routes = ReportText.routes(r);
    if (!routes.isEmpty()) {
      b.append("<h3>How the compromise reaches them</h3>\n");
      for (List<ExposedInstallation> on : routes.values()) {
        ExposedInstallation e = on.get(0);
        List<String> route = ReportText.route(e);
        List<String> nodes = route.subList(0, e.path().size());
        java.util.Set<String> assets = new java.util.LinkedHashSet<>();
        java.util.Set<String> releases = new java.util.LinkedHashSet<>();
        java.util.Set<String> verdicts = new java.util.LinkedHashSet<>();
        for (ExposedInstallation x : on) {
          assets.add(r.customer() == null ? x.asset() + " (" + x.customer() + ")" : x.asset());
          releases.add((x.version().isEmpty() ? "no version" : x.version()) + " " + x.platform().wireName());
          verdicts.add(x.status().wireName() + " " + x.confidence() + "%");
        }
        String end = assets.size() == 1 ? assets.iterator().next() : assets.size() + " assets";
        b.append("<figure>").append(Svg.path(pictures + 1, "Path from " + nodes.get(0) + " to " + e.product(), nodes, e.hops(), end));
        b.append("<figcaption>Figure ").append(++pictures).append(". ").append(html(String.join(", ", verdicts))).append(" — ")
            .append(html(e.product())).append(" ").append(html(String.join(", ", releases))).append(" on ")
            .append(html(String.join(", ", assets))).append(".</figcaption></figure>\n");
      }
    }

    for (CustomerExposure c : r.exposure().customers()) {
      b.append("<h3>").append(html(c.customer())).append(" <span class=\"meta\">criticality ").append(c.criticality()).append("</span></h3>\n");
      table("Asset", "Platform", "Product", "Version", "Status", "#Confidence", "Path");
      for (ExposedInstallation e : c.installations()) {
        row(html(e.asset()), html(e.platform().wireName()), html(e.vendor() + " " + e.product()), html(e.version().isEmpty() ? "(none)" : e.version()),
            "<span class=\"status s-" + e.status().wireName() + "\">" + e.status().wireName() + "</span>", e.confidence() + "%",
            "<span class=\"path\">" + html(ReportText.path(e)) + "</span>");
      }
      end();
    }
  }

  private void verification(IncidentReport r) {
    IncidentReport.Verification v = r.verification();
    if (v.observations().isEmpty() && v.anomalies().isEmpty()) {
      empty("No verification recorded: no file of the incident's products was verified with verify --record, and the release ledger shows no anomaly for them.");
      return;
    }
    if (v.observations().isEmpty()) empty("No file of the incident's products was verified in a customer's fleet.");
    else {
      table("Customer", "File", "Release", "SHA-256", "Signature", "Verdict");
      for (IncidentReport.Observation o : v.observations()) {
        String signature = o.signatureStatus() == null ? "—" : o.signatureStatus()
            + (o.appendedBytes() != null && o.appendedBytes() > 0 ? ", " + o.appendedBytes() + " bytes appended" : "");
        row(html(o.customer()), html(o.file()), html(o.product() + " " + o.version() + " " + o.platform()),
            "<span class=\"mono\">" + html(o.sha256()) + "</span>", html(signature),
            o.knownBad() ? "<span class=\"status s-affected\">known-bad</span>" : "observed");
      }
      end();
    }
    if (v.anomalies().isEmpty()) empty("The release ledger shows no anomaly for the incident's products.");
    else {
      table("Anomaly", "Release", "Detail");
      for (Anomaly a : v.anomalies()) row(html(a.kind()), html(a.product() + " " + a.version() + " " + a.platform()), html(a.detail()));
      end();
    }
  }

  private void hunts(IncidentReport r) {
    IncidentReport.Hunts h = r.hunts();
    if (h.hunts().isEmpty()) empty("No hunt for this incident's indicators is recorded.");
    List<Svg.Span> spans = new ArrayList<>();
    for (IncidentReport.Hunt hunt : h.hunts()) {
      for (Sighting s : hunt.sightings()) {
        if (s.firstSeen() == null) continue;
        // The host first: a long customer name is what the lane label may shorten.
        String lane = s.host() + (r.customer() == null && s.customer() != null ? " · " + s.customer() : "");
        spans.add(new Svg.Span(lane, s.firstSeen(), s.lastSeen() == null ? s.firstSeen() : s.lastSeen(), s.count(),
            s.detector() + " " + s.indicatorValue(), !s.detector().equals("beacon")));
      }
    }
    if (!spans.isEmpty()) {
      b.append("<figure>").append(Svg.timeline("Sightings over time", spans));
      b.append("<figcaption>Figure ").append(++pictures).append(". Sightings over time, one lane per host: each bar runs from first to last seen.</figcaption></figure>\n");
    }
    for (IncidentReport.Hunt hunt : h.hunts()) {
      b.append("<h3>Hunt ").append(hunt.id()).append(" <span class=\"meta\">").append(html(ReportText.stamp(hunt.started()))).append("</span></h3>\n");
      b.append("<p class=\"meta\">").append(hunt.files()).append(" files, ").append(hunt.events()).append(" events read")
          .append(hunt.logs().isEmpty() ? "" : " from " + html(String.join(", ", hunt.logs()))).append("; ")
          .append(hunt.sightings().size()).append(hunt.sightings().size() == 1 ? " sighting." : " sightings.").append("</p>\n");
      if (hunt.sightings().isEmpty()) continue;
      table("Detector", "Indicator", "Host", "First seen", "Last seen", "#Count", "Evidence");
      for (Sighting s : hunt.sightings()) {
        StringBuilder ev = new StringBuilder();
        for (Evidence e : s.evidence().subList(0, Math.min(2, s.evidence().size()))) {
          if (!ev.isEmpty()) ev.append("<br>");
          ev.append("<span class=\"mono\">").append(html(e.file() + ":" + e.line() + " " + e.field() + "=" + e.value())).append("</span>");
        }
        row(html(s.detector()), "<span class=\"mono\">" + html(s.indicatorType() + " " + Escape.defang(s.indicatorType(), s.indicatorValue())) + "</span>",
            html((r.customer() == null && s.customer() != null ? s.customer() + " / " : "") + s.host()), html(ReportText.stamp(s.firstSeen())),
            html(ReportText.stamp(s.lastSeen())), s.count() + "", ev.isEmpty() ? "—" : ev.toString());
      }
      end();
    }
    if (!h.reported().isEmpty()) {
      b.append("<h3>Sightings reported by intelligence sources</h3>\n");
      table("Customer", "Indicator", "Verdict", "#Count", "First seen", "Last seen");
      for (IncidentIntel.CustomerSighting cs : h.reported()) {
        var s = cs.sighting();
        row(html(cs.customer().name()), "<span class=\"mono\">" + html(s.indicator().type() + " " + Escape.defang(s.indicator().type(), s.indicator().value())) + "</span>",
            html(s.verdict()), s.count() + "", html(ReportText.stamp(s.firstSeen())), html(ReportText.stamp(s.lastSeen())));
      }
      end();
    }
  }

  private void threat(IncidentReport r) {
    IncidentReport.Threat th = r.threat();
    if (th.actors().isEmpty()) empty("No supply-chain capable actor is known" + (r.customer() == null ? " for this incident." : " for this customer."));
    else {
      table("Actor", "Also known as", "Capability", "Targets");
      for (ThreatModel.Actor a : th.actors()) {
        row("<strong>" + html(a.name()) + "</strong>" + (a.externalId() == null ? "" : " <span class=\"meta\">" + html(a.externalId()) + "</span>"),
            a.aliases().isEmpty() ? "—" : html(String.join(", ", a.aliases())), html(String.join("; ", a.capability())),
            a.targetMatch().isEmpty() ? "<span class=\"empty\">unknown</span>" : html(String.join(", ", a.targetMatch())));
      }
      end();
    }
    if (r.customer() != null) {
      b.append("<h3>Suppliers with incidents</h3>\n");
      if (th.suppliers().isEmpty()) empty("None of " + r.customer() + "'s suppliers has had a recorded incident.");
      else {
        table("Supplier", "#Rank", "Through", "Incidents");
        for (ThreatModel.Supplier s : th.suppliers()) {
          row(html(s.vendor()), s.rank() + "", html(String.join(" → ", s.chain())), html(String.join(", ", s.incidents())));
        }
        end();
      }
    }
  }

  private void portfolio(PortfolioReport r) {
    head("Supply-chain portfolio report");
    b.append("<header class=\"cover\"><div class=\"eyebrow\">Supply-chain portfolio report</div>\n");
    b.append("<h1>Exposure to supply-chain compromises across the portfolio</h1>\n");
    b.append("<div class=\"meta\">Provider-internal · generated ").append(html(ReportText.stamp(r.generated())))
        .append(" · <span class=\"tlp\">TLP:AMBER</span> do not share outside the provider</div>\n");
    long exposedCustomers = r.customers().stream().filter(c -> c.exposure().values().stream().anyMatch(m -> m.getOrDefault("affected", 0L) > 0)).count();
    long affectedAssets = r.incidents().stream().mapToLong(i -> i.assets().getOrDefault("affected", 0L)).sum();
    b.append("<div class=\"figures\">");
    figure(r.incidents().size() + "", "incidents tracked", "");
    figure(exposedCustomers + " of " + r.customers().size(), "customers affected", exposedCustomers > 0 ? "bad" : "");
    figure(affectedAssets + "", "affected assets (all incidents)", affectedAssets > 0 ? "bad" : "");
    figure(r.actors().size() + "", "supply-chain actors", "");
    b.append("</div>\n</header>\n");

    section("1", "Incidents");
    if (r.incidents().isEmpty()) empty("No incident is imported.");
    else {
      List<String> rows = new ArrayList<>();
      List<Integer> a = new ArrayList<>();
      List<Integer> p = new ArrayList<>();
      List<Integer> u = new ArrayList<>();
      for (PortfolioReport.IncidentLine i : r.incidents()) {
        rows.add(i.id());
        a.add(i.assets().getOrDefault("affected", 0L).intValue());
        p.add(i.assets().getOrDefault("potential", 0L).intValue());
        u.add(i.assets().getOrDefault("unknown", 0L).intValue());
      }
      b.append("<figure>").append(Svg.stackedBars("Assets needing attention per incident", rows, List.of(
          new Svg.Series("affected", Svg.AFFECTED, a), new Svg.Series("potential", Svg.POTENTIAL, p), new Svg.Series("unknown", Svg.UNKNOWN, u))));
      b.append("<figcaption>Figure ").append(++pictures).append(". Assets needing attention per incident.</figcaption></figure>\n");
      table("Incident", "Disclosed", "Attributed to", "#Customers", "#Affected", "#Potential", "#Unknown", "#Sightings", "#Open cases");
      for (PortfolioReport.IncidentLine i : r.incidents()) {
        row("<strong>" + html(i.id()) + "</strong><br><span class=\"meta\">" + html(i.title()) + "</span>"
                + (i.causedBy() == null ? "" : "<br><span class=\"path\">caused by " + html(i.causedBy()) + "</span>"),
            i.disclosed() == null ? "—" : i.disclosed().toString(), i.actors().isEmpty() ? "—" : html(String.join(", ", i.actors())),
            i.customers() + "", i.assets().getOrDefault("affected", 0L) + "", i.assets().getOrDefault("potential", 0L) + "",
            i.assets().getOrDefault("unknown", 0L) + "", i.sightings() + "", i.openCases() < 0 ? "—" : i.openCases() + "");
      }
      end();
    }

    section("2", "Supply-chain threat actors");
    if (r.actors().isEmpty()) empty("No actor is attributed to an imported incident or known to compromise supply chains.");
    else {
      table("Actor", "Also known as", "Incidents");
      for (PortfolioReport.ActorLine a : r.actors()) {
        row("<strong>" + html(a.name()) + "</strong>", a.aliases().isEmpty() ? "—" : html(String.join(", ", a.aliases())),
            a.incidents().isEmpty() ? "<span class=\"empty\">none imported</span>" : html(String.join(", ", a.incidents())));
      }
      end();
    }

    section("3", "Customers × incidents");
    if (r.customers().isEmpty()) empty("The portfolio has no customers.");
    else {
      b.append("<table class=\"heat\"><thead><tr><th>Customer</th><th class=\"num\">Criticality</th>");
      for (PortfolioReport.IncidentLine i : r.incidents()) b.append("<th>").append(html(i.id())).append("</th>");
      b.append("</tr></thead><tbody>\n");
      for (PortfolioReport.CustomerLine c : r.customers()) {
        b.append("<tr><td>").append(html(c.customer())).append(c.sector() == null ? "" : "<br><span class=\"meta\">" + html(c.sector()) + "</span>")
            .append("</td><td class=\"num\">").append(c.criticality()).append("</td>");
        for (PortfolioReport.IncidentLine i : r.incidents()) {
          Map<String, Long> m = c.exposure().getOrDefault(i.id(), Map.of());
          String colour = Svg.worst(m);
          String cls = colour.equals(Svg.AFFECTED) ? "c-affected" : colour.equals(Svg.POTENTIAL) ? "c-potential" : colour.equals(Svg.UNKNOWN) ? "c-unknown" : "none";
          b.append("<td class=\"cell ").append(cls).append("\">").append(html(ReportMarkdown.cell(m))).append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</tbody></table>\n");
      b.append("<p class=\"meta\">Each cell counts the customer's assets needing attention for that incident; the colour is the most urgent verdict.</p>\n");
    }

    section("4", "Sources");
    sources(r.sources());
    foot("Chainwatch · TLP:AMBER, provider-internal · " + ReportText.stamp(r.generated()));
  }

  private void sources(List<Provenance> sources) {
    if (sources.isEmpty()) {
      empty("No imported file lies behind this report.");
      return;
    }
    table("File", "SHA-256", "Parser", "Imported");
    for (Provenance p : sources) {
      row(html(p.fileName()), "<span class=\"mono\">" + html(p.sha256()) + "</span>", html(p.parser() + " " + p.parserVersion()),
          html(ReportText.stamp(p.importedAt())));
    }
    end();
  }

  private void section(String number, String title) {
    b.append("<h2>").append(number).append(". ").append(html(title)).append("</h2>\n");
  }

  private void empty(String text) {
    b.append("<p class=\"empty\">").append(html(text)).append("</p>\n");
  }

  /** Opens a table; a heading that starts with {@code #} is a numeric column (right-aligned). */
  private void table(String... headings) {
    numeric = new boolean[headings.length];
    b.append("<table><thead><tr>");
    for (int k = 0; k < headings.length; k++) {
      String h = headings[k];
      numeric[k] = h.startsWith("#");
      b.append(numeric[k] ? "<th class=\"num\">" : "<th>").append(html(numeric[k] ? h.substring(1) : h)).append("</th>");
    }
    b.append("</tr></thead><tbody>\n");
  }

  private boolean[] numeric = new boolean[0];

  /** One row of already escaped cells. */
  private void row(String... cells) {
    b.append("<tr>");
    for (int k = 0; k < cells.length; k++) {
      b.append(k < numeric.length && numeric[k] ? "<td class=\"num\">" : "<td>").append(cells[k]).append("</td>");
    }
    b.append("</tr>\n");
  }

  private void end() {
    b.append("</tbody></table>\n");
  }

  private static String list(List<String> values) {
    return values.isEmpty() ? "—" : html(ReportText.versions(values));
  }
}
