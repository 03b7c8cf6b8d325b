package io.chainwatch.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.chainwatch.report.IncidentReport;
import io.chainwatch.report.VexAssessment;
import io.chainwatch.report.VexStatement;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VEX documents of an incident report's {@link VexAssessment}: OpenVEX 0.2.0 and CycloneDX 1.5.
 *
 * <p>Implementation notes. Products are identified by package URLs of type {@code generic}
 * ({@code pkg:generic/<vendor>/<product>@<version>?platform=<platform>}), since vendor desktop software has no package
 * ecosystem; a statement about a product nobody runs names it without version. The vulnerability is the incident id,
 * with the CVE ids its references mention as aliases. CycloneDX has no {@code component_not_present} justification:
 * both OpenVEX justifications map to {@code code_not_present}; a status cleared by a {@code false-positive}
 * disposition becomes CycloneDX's {@code false_positive} state. Document ids are name-based UUIDs over the incident,
 * the customer and the time, so the same report gives the same document.
 */
public final class VexJson {
  static final String OPENVEX_CONTEXT = "https://openvex.dev/ns/v0.2.0";
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

  private VexJson() {}

  public static void openVex(IncidentReport r, String version, Writer out) throws IOException {
    List<VexStatement> statements = VexAssessment.of(r);
    String time = r.generated().truncatedTo(ChronoUnit.SECONDS).toString();
    JsonGenerator g = generator(out);
    g.writeStartObject();
    g.writeStringField("@context", OPENVEX_CONTEXT);
    g.writeStringField("@id", "urn:uuid:" + documentId(r));
    g.writeStringField("author", "Chainwatch");
    g.writeStringField("role", "Incident responder");
    g.writeStringField("timestamp", time);
    g.writeNumberField("version", 1);
    g.writeStringField("tooling", "Chainwatch " + version);
    g.writeArrayFieldStart("statements");
    for (VexStatement s : statements) {
      g.writeStartObject();
      g.writeObjectFieldStart("vulnerability");
      g.writeStringField("name", r.summary().incident().id());
      g.writeStringField("description", r.summary().incident().title());
      List<String> aliases = cves(r);
      if (!aliases.isEmpty()) {
        g.writeArrayFieldStart("aliases");
        for (String a : aliases) g.writeString(a);
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeStringField("timestamp", time);
      g.writeArrayFieldStart("products");
      g.writeStartObject();
      String purl = purl(s);
      g.writeStringField("@id", purl);
      g.writeObjectFieldStart("identifiers");
      g.writeStringField("purl", purl);
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeStringField("status", s.status());
      if (s.justification() != null) g.writeStringField("justification", s.justification());
      if (s.status().equals("not_affected")) g.writeStringField("impact_statement", s.impact());
      if (s.status().equals("affected")) g.writeStringField("action_statement", s.action() == null ? "Investigate." : s.action());
      g.writeStringField("status_notes", notes(s));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    end(g, out);
  }

  public static void cycloneDx(IncidentReport r, String version, Writer out) throws IOException {
    List<VexStatement> statements = VexAssessment.of(r);
    String time = r.generated().truncatedTo(ChronoUnit.SECONDS).toString();
    JsonGenerator g = generator(out);
    g.writeStartObject();
    g.writeStringField("bomFormat", "CycloneDX");
    g.writeStringField("specVersion", "1.5");
    g.writeStringField("serialNumber", "urn:uuid:" + documentId(r));
    g.writeNumberField("version", 1);
    g.writeObjectFieldStart("metadata");
    g.writeStringField("timestamp", time);
    g.writeObjectFieldStart("tools");
    g.writeArrayFieldStart("components");
    g.writeStartObject();
    g.writeStringField("type", "application");
    g.writeStringField("name", "Chainwatch");
    g.writeStringField("version", version);
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
    if (r.customer() != null) {
      g.writeObjectFieldStart("supplier");
      g.writeStringField("name", "Chainwatch report for " + r.customer());
      g.writeEndObject();
    }
    g.writeEndObject();
    // One component per product release named by a statement, each once.
    TreeMap<String, VexStatement> components = new TreeMap<>();
    for (VexStatement s : statements) components.putIfAbsent(purl(s), s);
    g.writeArrayFieldStart("components");
    for (var e : components.entrySet()) {
      VexStatement s = e.getValue();
      g.writeStartObject();
      g.writeStringField("type", "application");
      g.writeStringField("bom-ref", e.getKey());
      g.writeObjectFieldStart("supplier");
      g.writeStringField("name", s.vendor());
      g.writeEndObject();
      g.writeStringField("name", s.product());
      if (s.version() != null && !s.version().isEmpty()) g.writeStringField("version", s.version());
      g.writeStringField("purl", e.getKey());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("vulnerabilities");
    int n = 0;
    for (VexStatement s : statements) {
      g.writeStartObject();
      g.writeStringField("bom-ref", "vex-" + (++n));
      g.writeStringField("id", r.summary().incident().id());
      g.writeObjectFieldStart("source");
      g.writeStringField("name", "Chainwatch");
      g.writeEndObject();
      List<String> aliases = cves(r);
      if (!aliases.isEmpty()) {
        g.writeArrayFieldStart("references");
        for (String a : aliases) {
          g.writeStartObject();
          g.writeStringField("id", a);
          g.writeObjectFieldStart("source");
          g.writeStringField("name", "NVD");
          g.writeStringField("url", "https://nvd.nist.gov/vuln/detail/" + a);
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeStringField("description", r.summary().incident().title());
      g.writeObjectFieldStart("analysis");
      g.writeStringField("state", cycloneDxState(s));
      if (s.justification() != null && !"false-positive".equals(s.disposition())) g.writeStringField("justification", "code_not_present");
      if (s.status().equals("affected")) {
        g.writeArrayFieldStart("response");
        g.writeString("update");
        g.writeEndArray();
      }
      g.writeStringField("detail", notes(s) + (s.action() == null ? "" : " " + s.action()));
      g.writeEndObject();
      g.writeArrayFieldStart("affects");
      g.writeStartObject();
      g.writeStringField("ref", purl(s));
      if (s.version() != null && !s.version().isEmpty()) {
        g.writeArrayFieldStart("versions");
        g.writeStartObject();
        g.writeStringField("version", s.version());
        g.writeStringField("status", switch (s.status()) {
          case "affected" -> "affected";
          case "under_investigation" -> "unknown";
          default -> "unaffected";
        });
        g.writeEndObject();
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    end(g, out);
  }

  static String cycloneDxState(VexStatement s) {
    return switch (s.status()) {
      case "affected" -> "exploitable";
      case "fixed" -> "resolved";
      case "under_investigation" -> "in_triage";
      default -> "false-positive".equals(s.disposition()) ? "false_positive" : "not_affected";
    };
  }

  private static String notes(VexStatement s) {
    return s.impact() + (s.assets().isEmpty() ? "" : " Assets: " + String.join(", ", s.assets()) + ".");
  }

  /** A generic package URL for the statement's product and release. */
  static String purl(VexStatement s) {
    try {
      TreeMap<String, String> qualifiers = new TreeMap<>();
      if (s.version() != null && !s.platform().equals("any")) qualifiers.put("platform", s.platform());
      String namespace = s.vendor().isBlank() ? null : s.vendor().strip().toLowerCase(Locale.ROOT);
      String name = s.product().strip().toLowerCase(Locale.ROOT);
      String version = s.version() == null || s.version().isEmpty() ? null : s.version();
      return new PackageURL("generic", namespace, name, version, qualifiers.isEmpty() ? null : qualifiers, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("no package URL for " + s.vendor() + "/" + s.product() + ": " + e.getMessage(), e);
    }
  }

  /** The CVE ids the incident's references mention, in order, each once. */
  static List<String> cves(IncidentReport r) {
    Set<String> out = new LinkedHashSet<>();
    for (String ref : r.summary().incident().references()) {
      Matcher m = CVE.matcher(ref);
      while (m.find()) out.add(m.group());
    }
    return new ArrayList<>(out);
  }

  static UUID documentId(IncidentReport r) {
    String name = "vex|" + r.summary().incident().id() + "|" + (r.customer() == null ? "" : r.customer()) + "|" + r.generated();
    try {
      byte[] h = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      var b = java.nio.ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  private static JsonGenerator generator(Writer out) throws IOException {
    return ReportJson.generator(out);
  }

  private static void end(JsonGenerator g, Writer out) throws IOException {
    ReportJson.end(g, out);
  }
}
