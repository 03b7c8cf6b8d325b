package io.chainwatch.formats.intel.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.intel.SightingStatement;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.report.IncidentIntel;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes an incident's intelligence as a STIX 2.1 bundle.
 *
 * <p>Implementation notes. The incident is a {@code campaign} (name = title, the incident id as alias), since STIX
 * 2.1's common relationships let indicators {@code indicate} a campaign and a campaign be {@code attributed-to} an
 * intrusion set. Each huntable indicator becomes an {@code indicator} with a STIX pattern ({@code domain} and
 * {@code hostname} as {@code domain-name:value}, {@code url-prefix} as {@code url:value LIKE 'prefix%'}, hashes as
 * {@code file:hashes.'SHA-256'} and so on); each attributed actor an {@code intrusion-set} with its cluster's aliases,
 * and each attribution one {@code attributed-to} relationship, created by an identity for the source that made the
 * statement, dated as stated, with its confidence. Portfolio sightings become {@code sighting} objects whose
 * {@code where_sighted_refs} names the customer's {@code identity}; customer identities and sightings carry TLP:AMBER
 * (the STIX 2.1 TLP 1.0 marking definition, included). A closing {@code report} object refers to every object of the
 * bundle (TLP:AMBER too when it carries sightings). With anonymisation a customer's name becomes
 * {@code customer-} and 10 hex digits of the SHA-256 of the name: stable across reports, but a reader who can guess
 * names can test them, so anonymised reports hide names from casual readers, not from a determined one.
 *
 * <p>Identifiers are deterministic, so the same data gives the same bundle: SCO-style UUIDv5 (RFC 4122 name-based,
 * SHA-1) in a Chainwatch namespace, over the object type and its natural key. Timestamps are UTC with millisecond
 * precision; {@code created} and {@code modified} are the report time unless a statement carries its own date.
 */
public final class StixBundleWriter {
  /** Chainwatch's namespace for the UUIDv5 of its objects (itself the UUIDv5 of "chainwatch" in the STIX namespace). */
  static final UUID NAMESPACE = uuid5(UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7"), "chainwatch");
  static final String TLP_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final boolean anonymise;
  private final String now;
  /** The ids of the objects written so far, in order: the report object refers to them all. */
  private final List<String> written = new java.util.ArrayList<>();

  public StixBundleWriter(boolean anonymise, Instant now) {
    this.anonymise = anonymise;
    this.now = STAMP.format(now.truncatedTo(ChronoUnit.MILLIS));
  }

  public void write(IncidentIntel report, Writer out) throws IOException {
    written.clear();
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.useDefaultPrettyPrinter();
    String incidentId = report.incident().id();
    g.writeStartObject();
    g.writeStringField("type", "bundle");
    g.writeStringField("id", id("bundle", incidentId + "|" + anonymise + "|" + now));
    g.writeArrayFieldStart("objects");

    String producer = id("identity", "chainwatch");
    start(g, "identity", producer, now, null);
    g.writeStringField("name", "Chainwatch");
    g.writeStringField("identity_class", "system");
    g.writeEndObject();

    String campaign = id("campaign", incidentId);
    start(g, "campaign", campaign, now, producer);
    g.writeStringField("name", report.incident().title());
    g.writeArrayFieldStart("aliases");
    g.writeString(incidentId);
    g.writeEndArray();
    var window = report.incident().compromiseWindow();
    if (window != null && window.from() != null) g.writeStringField("first_seen", date(window.from()));
    if (window != null && window.to() != null) g.writeStringField("last_seen", date(window.to()));
    externalReferences(g, report.incident().references());
    g.writeEndObject();

    Map<String, String> indicatorIds = new LinkedHashMap<>();
    for (NormalisedIndicator n : report.indicators()) {
      String pattern = pattern(n.indicator());
      if (pattern == null) continue;
      String id = id("indicator", n.indicator().type() + "|" + n.indicator().value());
      indicatorIds.put(n.indicator().type() + "|" + n.indicator().value(), id);
      start(g, "indicator", id, now, producer);
      g.writeStringField("name", n.indicator().value());
      g.writeArrayFieldStart("indicator_types");
      g.writeString("malicious-activity");
      g.writeEndArray();
      g.writeStringField("pattern", pattern);
      g.writeStringField("pattern_type", "stix");
      g.writeStringField("pattern_version", "2.1");
      g.writeStringField("valid_from", n.firstSeen() == null ? now : STAMP.format(n.firstSeen()));
      if (!n.likelyFalsePositive().isEmpty()) g.writeStringField("description", "Likely false positive: on the warninglists "
          + String.join(", ", n.likelyFalsePositive()) + ".");
      g.writeEndObject();
      relationship(g, "indicates", id, campaign, now, producer, null);
    }

    Map<String, String> actorIds = new LinkedHashMap<>();
    for (ActorCluster a : report.actors()) {
      String id = id("intrusion-set", a.name());
      actorIds.put(io.chainwatch.intel.ActorNames.key(a.name()), id);
      for (String alias : a.aliases()) actorIds.putIfAbsent(io.chainwatch.intel.ActorNames.key(alias), id);
      start(g, "intrusion-set", id, now, producer);
      g.writeStringField("name", a.name());
      if (!a.aliases().isEmpty()) {
        g.writeArrayFieldStart("aliases");
        for (String alias : a.aliases()) g.writeString(alias);
        g.writeEndArray();
      }
      if (a.externalId() != null) {
        g.writeArrayFieldStart("external_references");
        g.writeStartObject();
        g.writeStringField("source_name", "mitre-attack");
        g.writeStringField("external_id", a.externalId());
        g.writeEndObject();
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    Map<String, String> sources = new LinkedHashMap<>();
    for (IncidentIntel.Attribution a : report.attributions()) {
      String actor = actorIds.get(io.chainwatch.intel.ActorNames.key(a.actor()));
      if (actor == null) {
        actor = id("intrusion-set", a.actor());
        actorIds.put(io.chainwatch.intel.ActorNames.key(a.actor()), actor);
        start(g, "intrusion-set", actor, now, producer);
        g.writeStringField("name", a.actor());
        g.writeEndObject();
      }
      String by = producer;
      if (a.source() != null) {
        by = sources.get(a.source());
        if (by == null) {
          by = id("identity", "source|" + a.source());
          sources.put(a.source(), by);
          start(g, "identity", by, now, null);
          g.writeStringField("name", a.source());
          g.writeStringField("identity_class", "organization");
          g.writeEndObject();
        }
      }
      String stated = a.date() == null ? now : date(a.date());
      String key = "attributed-to|" + campaign + "|" + actor + "|" + a.source() + "|" + a.date() + "|" + a.confidence();
      g.writeStartObject();
      common(g, "relationship", id("relationship", key), stated, by);
      g.writeStringField("relationship_type", "attributed-to");
      g.writeStringField("source_ref", campaign);
      g.writeStringField("target_ref", actor);
      g.writeNumberField("confidence", a.confidence());
      g.writeEndObject();
    }

    if (!report.sightings().isEmpty()) {
      g.writeStartObject();
      g.writeStringField("type", "marking-definition");
      g.writeStringField("spec_version", "2.1");
      g.writeStringField("id", TLP_AMBER);
      g.writeStringField("created", "2017-01-20T00:00:00.000Z");
      g.writeStringField("definition_type", "tlp");
      g.writeStringField("name", "TLP:AMBER");
      g.writeObjectFieldStart("definition");
      g.writeStringField("tlp", "amber");
      g.writeEndObject();
      g.writeEndObject();
    }
    Map<String, String> customerIds = new LinkedHashMap<>();
    for (IncidentIntel.CustomerSighting cs : report.sightings()) {
      Customer c = cs.customer();
      String name = anonymise ? pseudonym(c.name()) : c.name();
      String who = customerIds.get(c.name());
      if (who == null) {
        who = id("identity", "customer|" + name);
        customerIds.put(c.name(), who);
        start(g, "identity", who, now, producer);
        g.writeStringField("name", name);
        g.writeStringField("identity_class", "organization");
        if (c.sector() != null && !c.sector().isBlank()) {
          g.writeArrayFieldStart("sectors");
          g.writeString(c.sector().strip().toLowerCase(java.util.Locale.ROOT));
          g.writeEndArray();
        }
        amber(g);
        g.writeEndObject();
      }
      SightingStatement s = cs.sighting();
      String indicator = indicatorIds.get(s.indicator().type() + "|" + s.indicator().value());
      if (indicator == null) continue;
      String key = "sighting|" + indicator + "|" + who + "|" + s.firstSeen() + "|" + s.lastSeen() + "|" + s.count() + "|" + s.sourceObject();
      start(g, "sighting", id("sighting", key), now, producer);
      g.writeStringField("sighting_of_ref", indicator);
      g.writeArrayFieldStart("where_sighted_refs");
      g.writeString(who);
      g.writeEndArray();
      g.writeNumberField("count", Math.max(0, Math.min(s.count(), 999_999_999)));
      if (s.firstSeen() != null) g.writeStringField("first_seen", STAMP.format(s.firstSeen()));
      if (s.lastSeen() != null && (s.firstSeen() == null || !s.lastSeen().isBefore(s.firstSeen()))) {
        g.writeStringField("last_seen", STAMP.format(s.lastSeen()));
      }
      amber(g);
      g.writeEndObject();
    }

    // The report itself: what this bundle is, referring to every object in it.
    String reportId = id("report", incidentId + "|" + anonymise + "|" + now);
    g.writeStartObject();
    g.writeStringField("type", "report");
    g.writeStringField("spec_version", "2.1");
    g.writeStringField("id", reportId);
    g.writeStringField("created_by_ref", producer);
    g.writeStringField("created", now);
    g.writeStringField("modified", now);
    g.writeStringField("name", "Chainwatch report: " + report.incident().title() + " (" + incidentId + ")");
    g.writeArrayFieldStart("report_types");
    g.writeString("campaign");
    g.writeString("indicator");
    if (!actorIds.isEmpty()) g.writeString("intrusion-set");
    g.writeEndArray();
    g.writeStringField("published", now);
    g.writeArrayFieldStart("object_refs");
    for (String ref : written) g.writeString(ref);
    g.writeEndArray();
    if (!report.sightings().isEmpty()) amber(g);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.write(System.lineSeparator());
    out.flush();
  }

  /** The STIX pattern of a normalised indicator, or null for a kind STIX cannot say. */
  static @Nullable String pattern(Indicator i) {
    String v = quote(i.value());
    switch (i.type()) {
      case "domain":
      case "hostname":
        return "[domain-name:value = " + v + "]";
      case "ipv4":
        return "[ipv4-addr:value = " + v + "]";
      case "ipv6":
        return "[ipv6-addr:value = " + v + "]";
      case "cidr":
        return i.value().indexOf(':') >= 0 ? "[ipv6-addr:value ISSUBSET " + v + "]" : "[ipv4-addr:value ISSUBSET " + v + "]";
      case "url":
        return "[url:value = " + v + "]";
      case "url-prefix":
        return "[url:value LIKE " + quote(i.value().replace("%", "_") + "%") + "]";
      case "md5":
        return "[file:hashes.MD5 = " + v + "]";
      case "sha1":
        return "[file:hashes.'SHA-1' = " + v + "]";
      case "sha256":
        return "[file:hashes.'SHA-256' = " + v + "]";
      case "filename":
        return "[file:name = " + v + "]";
      default:
        return null;
    }
  }

  static String pseudonym(String customer) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(customer.getBytes(StandardCharsets.UTF_8));
      return "customer-" + HexFormat.of().formatHex(d).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String date(LocalDate d) {
    return d + "T00:00:00.000Z";
  }

  private void start(JsonGenerator g, String type, String id, String time, @Nullable String createdBy) throws IOException {
    g.writeStartObject();
    common(g, type, id, time, createdBy);
  }

  private void common(JsonGenerator g, String type, String id, String time, @Nullable String createdBy) throws IOException {
    written.add(id);
    g.writeStringField("type", type);
    g.writeStringField("spec_version", "2.1");
    g.writeStringField("id", id);
    if (createdBy != null) g.writeStringField("created_by_ref", createdBy);
    g.writeStringField("created", time);
    g.writeStringField("modified", time);
  }

  private void relationship(JsonGenerator g, String type, String from, String to, String time, String by,
      @Nullable Integer confidence) throws IOException {
    g.writeStartObject();
    common(g, "relationship", id("relationship", type + "|" + from + "|" + to), time, by);
    g.writeStringField("relationship_type", type);
    g.writeStringField("source_ref", from);
    g.writeStringField("target_ref", to);
    if (confidence != null) g.writeNumberField("confidence", confidence);
    g.writeEndObject();
  }

  private static void amber(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("object_marking_refs");
    g.writeString(TLP_AMBER);
    g.writeEndArray();
  }

  private static void externalReferences(JsonGenerator g, List<String> references) throws IOException {
    if (references.isEmpty()) return;
    g.writeArrayFieldStart("external_references");
    for (String r : references) {
      g.writeStartObject();
      if (r.startsWith("http://") || r.startsWith("https://")) {
        g.writeStringField("source_name", "reference");
        g.writeStringField("url", r);
      } else {
        g.writeStringField("source_name", r.startsWith("CVE-") ? "cve" : "alias");
        g.writeStringField("external_id", r);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static String id(String type, String key) {
    return type + "--" + uuid5(NAMESPACE, type + "|" + key);
  }

  /** RFC 4122 name-based UUID, version 5 (SHA-1). */
  static UUID uuid5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits()).array());
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }
}
