package io.chainwatch.formats.intel.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.intel.ActorStatement;
import io.chainwatch.intel.AttributionStatement;
import io.chainwatch.intel.IncidentLink;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorStatement;
import io.chainwatch.intel.SightingStatement;
import io.chainwatch.intel.TechniqueStatement;
import java.io.CharConversionException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a STIX 2.1 bundle: indicators (patterns reduced to huntable indicators where they can be), intrusion sets,
 * threat actors, campaigns and malware as actors, attack patterns as ATT&amp;CK techniques, {@code attributed-to},
 * {@code uses}, {@code indicates} and {@code targets} relationships, and sightings.
 *
 * <p>Implementation notes. The bundle is streamed with Jackson's streaming parser; each object is read as a small tree,
 * checked (id {@code type--UUID}, {@code spec_version} 2.1, required properties, RFC 3339 UTC timestamps), and reduced
 * at once to a compact record, so the ~40 MB ATT&amp;CK bundle needs a few tens of megabytes. Of several versions of an
 * object the latest {@code modified} wins. Revoked objects are kept, never hunted. After the stream, references from
 * relationships and sightings must resolve inside the bundle. With {@code import --incident ID} the bundle's indicators
 * belong to that incident, its campaigns and the techniques they use are linked to it, and the actors its indicators
 * indicate are attributed to it. A relationship without {@code confidence} counts 50 ("not stated"), or 85 when MITRE
 * made it (curated ATT&amp;CK content).
 */
public final class StixParser implements Parser {
  public static final String NAME = "intel/stix";
  private static final Pattern BUNDLE = Pattern.compile("\"type\"\\s*:\\s*\"bundle\"");
  private static final Pattern ID = Pattern.compile("([a-z0-9][a-z0-9-]*[a-z0-9])--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
  private static final Set<String> SCO = Set.of("artifact", "autonomous-system", "directory", "domain-name", "email-addr",
      "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software",
      "url", "user-account", "windows-registry-key", "x509-certificate");
  private static final Set<String> ACTORS = Set.of("intrusion-set", "threat-actor", "campaign", "malware");

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonFactory factory = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(16 << 20).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public boolean accepts(Head head) {
    return head.looksLikeJson() && BUNDLE.matcher(head.text()).find() && head.text().contains("\"objects\"");
  }

  /** What is kept of one object. */
  private record Obj(String type, String id, @Nullable Instant modified, @Nullable Instant created, String pointer,
      @Nullable String name, List<String> aliases, @Nullable String externalId, boolean revoked, @Nullable String createdBy,
      @Nullable Integer confidence, JsonNode small) {}

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    String file = source.name();
    Map<String, Obj> objects = new LinkedHashMap<>();
    try (JsonParser p = factory.createParser(source.stream())) {
      p.setCodec(mapper);
      if (p.nextToken() != JsonToken.START_OBJECT) throw new InputRejected(file, null, "is not a STIX bundle: the top level is not a JSON object");
      boolean bundle = false;
      boolean sawObjects = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "type":
            if (t != JsonToken.VALUE_STRING || !p.getText().equals("bundle")) throw new InputRejected(file, "/type", "must be \"bundle\"");
            bundle = true;
            break;
          case "spec_version":
            if (t != JsonToken.VALUE_STRING || !p.getText().equals("2.1")) {
              throw new InputRejected(file, "/spec_version", "names STIX " + p.getText() + "; only STIX 2.1 is supported");
            }
            break;
          case "objects":
            if (t != JsonToken.START_ARRAY) throw new InputRejected(file, "/objects", "must be a JSON array");
            sawObjects = true;
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
              if (p.currentToken() != JsonToken.START_OBJECT) throw new InputRejected(file, "/objects/" + index, "must be a JSON object");
              JsonNode node = p.readValueAsTree();
              Obj o = read(file, "/objects/" + index, node);
              Obj old = objects.get(o.id());
              if (old == null || newer(o, old)) objects.put(o.id(), o);
              index++;
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) throw new InputRejected(file, null, "is not valid JSON: the bundle does not end");
      if (p.nextToken() != null) throw new InputRejected(file, null, "has data after the bundle");
      if (!bundle) throw new InputRejected(file, "/type", "is missing (a STIX bundle has \"type\": \"bundle\")");
      if (!sawObjects) throw new InputRejected(file, "/objects", "is missing");
    } catch (JsonProcessingException e) {
      throw new InputRejected(file, "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(),
          "is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (CharConversionException e) {
      throw new InputRejected(file, null, "is not valid UTF-8", e);
    }
    checkReferences(file, objects);
    emit(source, objects, sink);
  }

  private static boolean newer(Obj o, Obj old) {
    if (old.revoked()) return false; // revoked is final
    if (o.modified() == null) return false;
    return old.modified() == null || o.modified().isAfter(old.modified());
  }

  private Obj read(String file, String pointer, JsonNode n) {
    String type = text(file, pointer, n, "type", true);
    String id = text(file, pointer, n, "id", true);
    java.util.regex.Matcher m = ID.matcher(id);
    if (!m.matches()) throw new InputRejected(file, pointer + "/id", "'" + id + "' is not a STIX identifier (type--UUID)");
    if (!m.group(1).equals(type)) throw new InputRejected(file, pointer + "/id", "'" + id + "' does not start with the object's type '" + type + "'");
    boolean sco = SCO.contains(type);
    String spec = text(file, pointer, n, "spec_version", !sco);
    if (spec != null && !spec.equals("2.1")) throw new InputRejected(file, pointer + "/spec_version", "names STIX " + spec + "; only STIX 2.1 is supported");
    Instant created = sco ? null : time(file, pointer, n, "created", true);
    Instant modified = sco || type.equals("marking-definition") ? time(file, pointer, n, "modified", false) : time(file, pointer, n, "modified", true);
    if (created != null && modified != null && modified.isBefore(created)) {
      throw new InputRejected(file, pointer + "/modified", "is earlier than created");
    }
    boolean revoked = n.path("revoked").asBoolean(false) || n.path("x_mitre_deprecated").asBoolean(false);
    String name = n.path("name").isTextual() ? n.path("name").textValue() : null;
    List<String> aliases = new ArrayList<>();
    for (String key : new String[] {"aliases", "x_mitre_aliases"}) {
      for (JsonNode a : n.path(key)) if (a.isTextual() && !aliases.contains(a.textValue())) aliases.add(a.textValue());
    }
    String externalId = null;
    for (JsonNode r : n.path("external_references")) {
      if ("mitre-attack".equals(r.path("source_name").asText()) && r.path("external_id").isTextual()) externalId = r.path("external_id").textValue();
    }
    Integer confidence = null;
    if (n.has("confidence")) {
      JsonNode c = n.get("confidence");
      if (!c.isInt() || c.intValue() < 0 || c.intValue() > 100) throw new InputRejected(file, pointer + "/confidence", "must be an integer from 0 to 100");
      confidence = c.intValue();
    }
    String createdBy = n.path("created_by_ref").isTextual() ? n.path("created_by_ref").textValue() : null;
    JsonNode small = mapper.createObjectNode();
    switch (type) {
      case "indicator":
        text(file, pointer, n, "pattern", true);
        text(file, pointer, n, "pattern_type", true);
        time(file, pointer, n, "valid_from", true);
        small = n.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) small).remove("description");
        break;
      case "relationship":
        text(file, pointer, n, "relationship_type", true);
        text(file, pointer, n, "source_ref", true);
        text(file, pointer, n, "target_ref", true);
        small = mapper.createObjectNode().put("relationship_type", n.get("relationship_type").textValue())
            .put("source_ref", n.get("source_ref").textValue()).put("target_ref", n.get("target_ref").textValue());
        break;
      case "sighting":
        text(file, pointer, n, "sighting_of_ref", true);
        small = n.deepCopy();
        break;
      case "identity":
      case "location":
        small = mapper.createObjectNode().set("sectors", n.path("sectors").deepCopy());
        if (n.has("country")) ((com.fasterxml.jackson.databind.node.ObjectNode) small).put("country", n.path("country").asText());
        break;
      default:
        if (ACTORS.contains(type) || type.equals("attack-pattern")) {
          if (name == null) throw new InputRejected(file, pointer + "/name", "is missing (STIX 2.1 requires a name on " + type + ")");
        }
    }
    return new Obj(type, id, modified, created, pointer, name, List.copyOf(aliases), externalId, revoked, createdBy, confidence, small);
  }

  private static @Nullable String text(String file, String pointer, JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null) {
      if (required) throw new InputRejected(file, pointer + "/" + field, "is missing (STIX 2.1 requires it)");
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank()) throw new InputRejected(file, pointer + "/" + field, "must be a non-empty string");
    return v.textValue();
  }

  private static @Nullable Instant time(String file, String pointer, JsonNode n, String field, boolean required) {
    String t = text(file, pointer, n, field, required);
    if (t == null) return null;
    if (!TIMESTAMP.matcher(t).matches()) throw new InputRejected(file, pointer + "/" + field, "'" + t + "' is not an RFC 3339 UTC timestamp");
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new InputRejected(file, pointer + "/" + field, "'" + t + "' is not a valid timestamp");
    }
  }

  private static void checkReferences(String file, Map<String, Obj> objects) {
    for (Obj o : objects.values()) {
      if (o.type().equals("relationship")) {
        for (String f : new String[] {"source_ref", "target_ref"}) {
          String ref = o.small().path(f).asText();
          if (!objects.containsKey(ref)) throw new InputRejected(file, o.pointer() + "/" + f, "refers to " + ref + ", which is not in the bundle");
        }
      } else if (o.type().equals("sighting")) {
        String ref = o.small().path("sighting_of_ref").asText();
        if (!objects.containsKey(ref)) throw new InputRejected(file, o.pointer() + "/sighting_of_ref", "refers to " + ref + ", which is not in the bundle");
        int i = 0;
        for (JsonNode w : o.small().path("where_sighted_refs")) {
          if (!objects.containsKey(w.asText())) {
            throw new InputRejected(file, o.pointer() + "/where_sighted_refs/" + i, "refers to " + w.asText() + ", which is not in the bundle");
          }
          i++;
        }
      }
    }
  }

  private void emit(Source source, Map<String, Obj> objects, ImportSink sink) {
    String file = source.name();
    String incident = source.options().incident();
    // Reduce every pattern first: a syntax error rejects the file before anything reaches the sink.
    Map<String, PatternIndicators.Reduction> reductions = new HashMap<>();
    for (Obj o : objects.values()) {
      if (!o.type().equals("indicator")) continue;
      String patternType = o.small().path("pattern_type").asText();
      if (!patternType.equals("stix")) {
        reductions.put(o.id(), new PatternIndicators.Reduction(List.of(), "the pattern is " + patternType + ", not STIX"));
        continue;
      }
      try {
        reductions.put(o.id(), PatternIndicators.reduce(StixPattern.parse(o.small().path("pattern").asText())));
      } catch (StixPattern.SyntaxError e) {
        throw new InputRejected(file, o.pointer() + "/pattern", e.getMessage());
      }
    }
    List<Obj> relationships = new ArrayList<>();
    for (Obj o : objects.values()) if (o.type().equals("relationship") && !o.revoked()) relationships.add(o);

    for (Obj o : objects.values()) {
      if (o.type().equals("indicator")) {
        PatternIndicators.Reduction r = reductions.get(o.id());
        Instant validFrom = Instant.parse(o.small().path("valid_from").asText());
        Instant validUntil = o.small().path("valid_until").isTextual() ? parseOrNull(o.small().path("valid_until").asText()) : null;
        String pattern = o.small().path("pattern").asText();
        if (r.huntable() && !r.indicators().isEmpty()) {
          for (Indicator ind : r.indicators()) {
            sink.intel(new IndicatorStatement(ind, pattern, o.id(), incident, !o.revoked(), o.revoked() ? "revoked by its source" : null,
                o.revoked(), validFrom, validUntil, o.modified()));
          }
        } else {
          sink.intel(new IndicatorStatement(new Indicator("pattern", pattern), pattern, o.id(), incident, false,
              r.huntable() ? "the pattern names no indicator" : r.reason(), o.revoked(), validFrom, validUntil, o.modified()));
        }
      }
    }
    Map<String, List<String>> targets = new HashMap<>();
    Set<String> supplyChain = new LinkedHashSet<>();
    for (Obj rel : relationships) {
      String type = rel.small().path("relationship_type").asText();
      Obj src = objects.get(rel.small().path("source_ref").asText());
      Obj dst = objects.get(rel.small().path("target_ref").asText());
      if (type.equals("targets") && ACTORS.contains(src.type())) {
        List<String> t = targets.computeIfAbsent(src.id(), k -> new ArrayList<>());
        if (dst.name() != null) t.add(dst.name().toLowerCase(Locale.ROOT));
        for (JsonNode s : dst.small().path("sectors")) t.add(s.asText().toLowerCase(Locale.ROOT));
        if (dst.small().has("country")) t.add(dst.small().path("country").asText().toLowerCase(Locale.ROOT));
      }
      if (type.equals("uses") && dst.type().equals("attack-pattern") && dst.externalId() != null && dst.externalId().startsWith("T1195")) {
        supplyChain.add(src.id());
      }
    }
    for (Obj o : objects.values()) {
      if (o.type().equals("attack-pattern") && o.externalId() != null && !o.revoked()) {
        sink.intel(new TechniqueStatement(o.externalId(), o.name(), o.id()));
      }
      if (ACTORS.contains(o.type()) && o.name() != null) {
        List<String> aliases = new ArrayList<>(o.aliases());
        if (o.externalId() != null) aliases.add(o.externalId());
        sink.intel(new ActorStatement(o.name(), o.type(), aliases, o.externalId(), o.id(),
            targets.getOrDefault(o.id(), List.of()), supplyChain.contains(o.id()), o.revoked()));
      }
    }
    for (Obj rel : relationships) {
      String type = rel.small().path("relationship_type").asText();
      Obj src = objects.get(rel.small().path("source_ref").asText());
      Obj dst = objects.get(rel.small().path("target_ref").asText());
      int confidence = confidence(rel, objects);
      String by = creator(rel, objects);
      LocalDate date = rel.created() == null ? null : LocalDate.ofInstant(rel.created(), ZoneOffset.UTC);
      if (type.equals("attributed-to") && src.name() != null && dst.name() != null) {
        sink.intel(new AttributionStatement(src.name(), false, dst.name(), confidence, by, date, rel.id()));
      }
      if (incident != null && type.equals("indicates") && src.type().equals("indicator") && dst.name() != null
          && (dst.type().equals("intrusion-set") || dst.type().equals("threat-actor"))) {
        sink.intel(new AttributionStatement(incident, true, dst.name(), confidence, by, date, rel.id()));
      }
      if (incident != null && type.equals("uses") && src.type().equals("campaign") && dst.type().equals("attack-pattern")) {
        sink.intel(new IncidentLink(incident, "technique", dst.externalId() != null ? dst.externalId() : String.valueOf(dst.name()), file));
      }
    }
    if (incident != null) {
      for (Obj o : objects.values()) {
        if (o.type().equals("campaign") && o.name() != null) sink.intel(new IncidentLink(incident, "campaign", o.name(), file));
      }
    }
    for (Obj o : objects.values()) {
      if (!o.type().equals("sighting")) continue;
      PatternIndicators.Reduction r = reductions.get(o.small().path("sighting_of_ref").asText());
      if (r == null || !r.huntable()) continue;
      List<String> where = new ArrayList<>();
      for (JsonNode w : o.small().path("where_sighted_refs")) {
        Obj who = objects.get(w.asText());
        where.add(who.name() == null ? who.id() : who.name());
      }
      int count = o.small().path("count").asInt(1);
      Instant first = o.small().path("first_seen").isTextual() ? parseOrNull(o.small().path("first_seen").asText()) : null;
      Instant last = o.small().path("last_seen").isTextual() ? parseOrNull(o.small().path("last_seen").asText()) : null;
      for (Indicator ind : r.indicators()) {
        sink.intel(new SightingStatement(ind, "seen", where.isEmpty() ? null : String.join(", ", where), count, first, last, o.id()));
      }
    }
  }

  private static @Nullable Instant parseOrNull(String t) {
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int confidence(Obj rel, Map<String, Obj> objects) {
    if (rel.confidence() != null) return rel.confidence();
    String by = creator(rel, objects);
    return by != null && by.equals("The MITRE Corporation") ? 85 : 50;
  }

  private static @Nullable String creator(Obj o, Map<String, Obj> objects) {
    if (o.createdBy() == null) return null;
    Obj who = objects.get(o.createdBy());
    return who == null ? null : who.name();
  }
}
