package io.chainwatch.cli.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.chainwatch.advisory.Incident;
import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.ActorCluster;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reports as one JSON document: every section, always present (empty arrays, {@code null} for absent values), in a
 * fixed field order, so that programs can rely on the shape. Exposure keeps the shape of {@code exposure --format
 * json}.
 */
public final class ReportJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ReportJson() {}

  public static void write(IncidentReport r, Writer out) throws IOException {
    JsonGenerator g = generator(out);
    g.writeStartObject();
    g.writeStringField("report", "incident");
    g.writeStringField("generated", r.generated().toString());
    g.writeStringField("incident", r.summary().incident().id());
    text(g, "customer", r.customer());
    summary(g, r.summary());
    exposure(g, r);
    verification(g, r.verification());
    hunts(g, r.hunts());
    triage(g, r.triage());
    threat(g, r.threat());
    sources(g, r.sources());
    g.writeEndObject();
    end(g, out);
  }

  public static void write(PortfolioReport r, Writer out) throws IOException {
    JsonGenerator g = generator(out);
    g.writeStartObject();
    g.writeStringField("report", "portfolio");
    g.writeStringField("generated", r.generated().toString());
    g.writeArrayFieldStart("incidents");
    for (PortfolioReport.IncidentLine i : r.incidents()) {
      g.writeStartObject();
      g.writeStringField("id", i.id());
      g.writeStringField("title", i.title());
      date(g, "disclosed", i.disclosed());
      text(g, "caused_by", i.causedBy());
      strings(g, "actors", i.actors());
      g.writeNumberField("customers", i.customers());
      counts(g, "assets", i.assets());
      g.writeNumberField("sightings", i.sightings());
      if (i.openCases() < 0) g.writeNullField("open_cases");
      else g.writeNumberField("open_cases", i.openCases());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("actors");
    for (PortfolioReport.ActorLine a : r.actors()) {
      g.writeStartObject();
      g.writeStringField("name", a.name());
      strings(g, "aliases", a.aliases());
      g.writeBooleanField("supply_chain", a.supplyChain());
      strings(g, "incidents", a.incidents());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("customers");
    for (PortfolioReport.CustomerLine c : r.customers()) {
      g.writeStartObject();
      g.writeStringField("customer", c.customer());
      g.writeNumberField("criticality", c.criticality());
      text(g, "sector", c.sector());
      g.writeObjectFieldStart("exposure");
      for (Map.Entry<String, Map<String, Long>> e : new java.util.TreeMap<>(c.exposure()).entrySet()) counts(g, e.getKey(), e.getValue());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    sources(g, r.sources());
    g.writeEndObject();
    end(g, out);
  }

  /** An indented generator that leaves {@code out} open when closed. */
  static JsonGenerator generator(Writer out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.useDefaultPrettyPrinter();
    return g;
  }

  /** Ends a document with a line break and flushes it. */
  static void end(JsonGenerator g, Writer out) throws IOException {
    g.flush();
    out.write(System.lineSeparator());
    out.flush();
  }

  private static void summary(JsonGenerator g, IncidentReport.Summary s) throws IOException {
    Incident i = s.incident();
    g.writeObjectFieldStart("summary");
    g.writeStringField("id", i.id());
    g.writeStringField("title", i.title());
    date(g, "disclosed", i.disclosed());
    text(g, "caused_by", i.causedBy());
    if (i.compromiseWindow() == null) g.writeNullField("compromise_window");
    else {
      g.writeObjectFieldStart("compromise_window");
      date(g, "from", i.compromiseWindow().from());
      date(g, "to", i.compromiseWindow().to());
      g.writeEndObject();
    }
    strings(g, "upstream", s.upstream());
    strings(g, "downstream", s.downstream());
    strings(g, "findings", s.findings());
    g.writeArrayFieldStart("releases");
    for (IncidentReport.Releases r : s.releases()) {
      g.writeStartObject();
      g.writeStringField("vendor", r.vendor());
      g.writeStringField("product", r.product());
      g.writeStringField("platform", r.platform());
      strings(g, "affected", r.affected());
      strings(g, "fixed", r.fixed());
      strings(g, "not_affected", r.notAffected());
      strings(g, "under_investigation", r.underInvestigation());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("attribution");
    for (IncidentIntel.Attribution a : s.attributions()) {
      g.writeStartObject();
      g.writeStringField("actor", a.actor());
      g.writeNumberField("confidence", a.confidence());
      text(g, "source", a.source());
      date(g, "date", a.date());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("actors");
    for (ActorCluster a : s.actors()) {
      g.writeStartObject();
      g.writeStringField("name", a.name());
      g.writeStringField("kind", a.kind());
      text(g, "external_id", a.externalId());
      strings(g, "aliases", a.aliases());
      strings(g, "related", a.related());
      strings(g, "incidents", a.incidents());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("indicators");
    for (NormalisedIndicator n : s.indicators()) {
      g.writeStartObject();
      g.writeStringField("type", n.indicator().type());
      g.writeStringField("value", n.indicator().value());
      strings(g, "sources", n.sourceFiles());
      strings(g, "likely_false_positive", n.likelyFalsePositive());
      g.writeEndObject();
    }
    g.writeEndArray();
    strings(g, "references", i.references());
    g.writeEndObject();
  }

  private static void exposure(JsonGenerator g, IncidentReport r) throws IOException {
    g.writeObjectFieldStart("exposure");
    ExposureJson.body(g, r.exposure(), true);
    g.writeEndObject();
  }

  private static void verification(JsonGenerator g, IncidentReport.Verification v) throws IOException {
    g.writeObjectFieldStart("verification");
    g.writeArrayFieldStart("observations");
    for (IncidentReport.Observation o : v.observations()) {
      g.writeStartObject();
      g.writeStringField("customer", o.customer());
      g.writeStringField("file", o.file());
      g.writeStringField("sha256", o.sha256());
      g.writeStringField("vendor", o.vendor());
      g.writeStringField("product", o.product());
      g.writeStringField("version", o.version());
      g.writeStringField("platform", o.platform());
      g.writeStringField("verdict", o.knownBad() ? "known-bad" : "observed");
      text(g, "signature", o.signatureStatus());
      if (o.appendedBytes() == null) g.writeNullField("appended_bytes");
      else g.writeNumberField("appended_bytes", o.appendedBytes());
      date(g, "observed", o.observed());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("anomalies");
    for (Anomaly a : v.anomalies()) {
      g.writeStartObject();
      g.writeStringField("kind", a.kind());
      g.writeStringField("vendor", a.vendor());
      g.writeStringField("product", a.product());
      g.writeStringField("version", a.version());
      g.writeStringField("platform", a.platform());
      g.writeStringField("detail", a.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void hunts(JsonGenerator g, IncidentReport.Hunts h) throws IOException {
    g.writeObjectFieldStart("hunts");
    g.writeArrayFieldStart("hunts");
    for (IncidentReport.Hunt hunt : h.hunts()) {
      g.writeStartObject();
      g.writeNumberField("id", hunt.id());
      g.writeStringField("started", hunt.started().toString());
      g.writeStringField("finished", hunt.finished().toString());
      text(g, "customer", hunt.customer());
      strings(g, "logs", hunt.logs());
      g.writeNumberField("files", hunt.files());
      g.writeNumberField("events", hunt.events());
      g.writeNumberField("bytes", hunt.bytes());
      g.writeArrayFieldStart("sightings");
      for (Sighting s : hunt.sightings()) sighting(g, s);
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("reported_sightings");
    for (IncidentIntel.CustomerSighting cs : h.reported()) {
      g.writeStartObject();
      g.writeStringField("customer", cs.customer().name());
      g.writeObjectFieldStart("indicator");
      g.writeStringField("type", cs.sighting().indicator().type());
      g.writeStringField("value", cs.sighting().indicator().value());
      g.writeEndObject();
      g.writeStringField("verdict", cs.sighting().verdict());
      g.writeNumberField("count", cs.sighting().count());
      instant(g, "first_seen", cs.sighting().firstSeen());
      instant(g, "last_seen", cs.sighting().lastSeen());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void sighting(JsonGenerator g, Sighting s) throws IOException {
    g.writeStartObject();
    g.writeStringField("detector", s.detector());
    g.writeObjectFieldStart("indicator");
    g.writeStringField("type", s.indicatorType());
    g.writeStringField("value", s.indicatorValue());
    g.writeEndObject();
    text(g, "level", s.level());
    text(g, "customer", s.customer());
    g.writeStringField("host", s.host());
    instant(g, "first_seen", s.firstSeen());
    instant(g, "last_seen", s.lastSeen());
    g.writeNumberField("count", s.count());
    g.writeArrayFieldStart("evidence");
    for (Evidence e : s.evidence()) {
      g.writeStartObject();
      g.writeStringField("file", e.file());
      g.writeNumberField("line", e.line());
      g.writeStringField("field", e.field());
      g.writeStringField("value", e.value());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void triage(JsonGenerator g, IncidentReport.Triage t) throws IOException {
    g.writeObjectFieldStart("triage");
    g.writeBooleanField("recorded", t.recorded());
    g.writeArrayFieldStart("cases");
    for (ReportCase c : t.cases()) {
      g.writeStartObject();
      g.writeStringField("id", c.id());
      g.writeStringField("customer", c.customer());
      g.writeStringField("state", c.state());
      text(g, "disposition", c.disposition());
      g.writeStringField("severity", c.severity());
      text(g, "assignee", c.assignee());
      strings(g, "hosts", c.hosts());
      g.writeNumberField("sightings", c.sightings());
      g.writeNumberField("notes", c.notes());
      instant(g, "opened", c.opened());
      instant(g, "updated", c.updated());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("remediation");
    for (ReportRemediation m : t.remediation()) {
      g.writeStartObject();
      g.writeStringField("customer", m.customer());
      g.writeNumberField("open", m.open());
      g.writeNumberField("done", m.done());
      g.writeNumberField("regressed", m.regressed());
      instant(g, "oldest_open", m.oldestOpen());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void threat(JsonGenerator g, IncidentReport.Threat t) throws IOException {
    g.writeObjectFieldStart("threat_model");
    g.writeArrayFieldStart("actors");
    for (ThreatModel.Actor a : t.actors()) {
      g.writeStartObject();
      g.writeStringField("name", a.name());
      text(g, "external_id", a.externalId());
      strings(g, "aliases", a.aliases());
      strings(g, "umbrella", a.umbrella());
      strings(g, "capability", a.capability());
      strings(g, "targets", a.targetMatch());
      strings(g, "incidents", a.incidents());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("suppliers");
    for (ThreatModel.Supplier s : t.suppliers()) {
      g.writeStartObject();
      g.writeStringField("vendor", s.vendor());
      g.writeNumberField("rank", s.rank());
      strings(g, "chain", s.chain());
      strings(g, "incidents", s.incidents());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void sources(JsonGenerator g, List<Provenance> sources) throws IOException {
    g.writeArrayFieldStart("sources");
    for (Provenance p : sources) {
      g.writeStartObject();
      g.writeStringField("file", p.fileName());
      g.writeStringField("sha256", p.sha256());
      g.writeStringField("parser", p.parser());
      g.writeStringField("parser_version", p.parserVersion());
      g.writeStringField("imported_at", p.importedAt().toString());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void counts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(counts).entrySet()) g.writeNumberField(e.getKey(), e.getValue());
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }

  private static void text(JsonGenerator g, String field, @Nullable String value) throws IOException {
    if (value == null) g.writeNullField(field);
    else g.writeStringField(field, value);
  }

  private static void date(JsonGenerator g, String field, @Nullable LocalDate value) throws IOException {
    text(g, field, value == null ? null : value.toString());
  }

  private static void instant(JsonGenerator g, String field, @Nullable Instant value) throws IOException {
    text(g, field, value == null ? null : value.toString());
  }
}
