package io.chainwatch.formats.intel.misp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.intel.AttributionStatement;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorStatement;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.IntelRecord;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.intel.SightingStatement;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads MISP events: a feed file {@code {"Event":{...}}} or an API export {@code {"response":[{"Event":...}]}}.
 *
 * <p>Implementation notes. Every attribute of the event and of its objects that is not {@code deleted} is mapped by
 * {@link MispTypes}: indicator types become indicators (huntable when {@code to_ids} is true, context otherwise), the
 * composites split once on '|' (the port of {@code ip-dst|port} is dropped), known context types are skipped, and an
 * unknown type rejects the file with the attribute's JSON pointer. {@code ip-src}/{@code ip-dst} may hold IPv6 or a
 * CIDR: the normaliser settles the type. Sightings become sightings (type 0 seen, 1 false positive, 2 expiration,
 * 3 true positive). Tags {@code misp-galaxy:threat-actor="X"} become attributions of the event (or of the incident
 * given with {@code --incident}) with confidence 50, the organisation that created the event as source. Numbers and
 * timestamps are JSON strings in MISP; both forms are accepted. The file is read whole, up to {@value #MAX_BYTES} bytes.
 */
public final class MispParser implements Parser {
  public static final String NAME = "intel/misp";
  static final int MAX_BYTES = 64 << 20;
  private static final Pattern SNIFF = Pattern.compile("^\\{\\s*\"(Event|response)\"\\s*:");
  private static final Pattern ACTOR_TAG = Pattern.compile("misp-galaxy:threat-actor=\"(.+)\"");

  private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(16 << 20).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

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
    return SNIFF.matcher(head.trimmedText()).find();
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    String file = source.name();
    String text = Utf8Text.decode(file, Utf8Text.readAtMost(file, source.stream(), MAX_BYTES));
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputRejected(file, "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(),
          "is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) throw new InputRejected(file, null, "is not a MISP event: the top level is not a JSON object");
    List<IntelRecord> out = new ArrayList<>();
    if (root.has("Event")) {
      event(file, "/Event", root.get("Event"), source.options().incident(), out);
    } else if (root.path("response").isArray()) {
      JsonNode response = root.get("response");
      for (int i = 0; i < response.size(); i++) {
        JsonNode item = response.get(i);
        if (!item.path("Event").isObject()) throw new InputRejected(file, "/response/" + i + "/Event", "is missing");
        event(file, "/response/" + i + "/Event", item.get("Event"), source.options().incident(), out);
      }
    } else {
      throw new InputRejected(file, null, "is not a MISP event: it has neither \"Event\" nor a \"response\" array");
    }
    // Everything is mapped before the sink sees any of it: a bad last attribute costs the sink nothing.
    out.forEach(sink::intel);
  }

  private void event(String file, String pointer, JsonNode event, @Nullable String incident, List<IntelRecord> out) {
    if (!event.isObject()) throw new InputRejected(file, pointer, "must be a JSON object");
    String info = event.path("info").asText("").strip();
    if (info.isEmpty()) throw new InputRejected(file, pointer + "/info", "is missing (a MISP event has a title)");
    String eventUuid = event.path("uuid").isTextual() ? event.path("uuid").textValue() : null;
    attributes(file, pointer + "/Attribute", event.path("Attribute"), incident, out);
    JsonNode objects = event.path("Object");
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      if (o.path("deleted").asBoolean(false)) continue;
      attributes(file, pointer + "/Object/" + i + "/Attribute", o.path("Attribute"), incident, out);
    }
    String org = event.path("Orgc").path("name").isTextual() ? event.path("Orgc").path("name").textValue() : null;
    LocalDate date = null;
    try {
      if (event.path("date").isTextual()) date = LocalDate.parse(event.path("date").textValue());
    } catch (DateTimeParseException e) {
      throw new InputRejected(file, pointer + "/date", "'" + event.path("date").textValue() + "' is not a date (YYYY-MM-DD)");
    }
    for (JsonNode tag : event.path("Tag")) {
      Matcher m = ACTOR_TAG.matcher(tag.path("name").asText(""));
      if (m.matches()) {
        out.add(new AttributionStatement(incident != null ? incident : info, incident != null, m.group(1), 50, org, date,
            eventUuid == null ? null : eventUuid + "/" + m.group(1)));
      }
    }
  }

  private void attributes(String file, String pointer, JsonNode attributes, @Nullable String incident, List<IntelRecord> out) {
    if (attributes.isMissingNode()) return;
    if (!attributes.isArray()) throw new InputRejected(file, pointer, "must be a JSON array");
    for (int i = 0; i < attributes.size(); i++) {
      String at = pointer + "/" + i;
      JsonNode a = attributes.get(i);
      if (a.path("deleted").asBoolean(false)) continue;
      String type = a.path("type").asText("");
      String value = a.path("value").asText("");
      if (type.isEmpty()) throw new InputRejected(file, at + "/type", "is missing");
      if (value.isEmpty()) throw new InputRejected(file, at + "/value", "is missing");
      boolean toIds = a.path("to_ids").asBoolean(false) || "1".equals(a.path("to_ids").asText());
      String uuid = a.path("uuid").isTextual() ? a.path("uuid").textValue() : null;
      Instant modified = epoch(a.path("timestamp"));
      Instant firstSeen = time(a.path("first_seen"));
      Instant lastSeen = time(a.path("last_seen"));
      List<Indicator> indicators = new ArrayList<>();
      IndicatorType single = MispTypes.INDICATORS.get(type);
      IndicatorType[] composite = MispTypes.COMPOSITES.get(type);
      try {
        if (single != null) {
          indicators.add(IndicatorNormaliser.normalise(single, value));
        } else if (composite != null) {
          int bar = value.indexOf('|');
          if (bar < 0) throw new InputRejected(file, at + "/value", "'" + value + "' lacks the '|' its type " + type + " needs");
          String[] parts = {value.substring(0, bar), value.substring(bar + 1)};
          for (int p = 0; p < 2; p++) if (composite[p] != null) indicators.add(IndicatorNormaliser.normalise(composite[p], parts[p]));
        } else if (!MispTypes.CONTEXT.contains(type)) {
          throw new InputRejected(file, at + "/type", "is the unknown MISP attribute type '" + type + "'");
        }
      } catch (InvalidIndicator e) {
        throw new InputRejected(file, at + "/value", "the " + type + " '" + value + "' " + e.getMessage());
      }
      for (Indicator ind : indicators) {
        out.add(new IndicatorStatement(ind, value, indicators.size() == 1 || uuid == null ? uuid : uuid + "/" + ind.type(), incident, toIds,
            toIds ? null : "to_ids is false in the MISP event (context, not for detection)", false, firstSeen, lastSeen, modified));
        for (JsonNode s : a.path("Sighting")) {
          out.add(new SightingStatement(ind, verdict(s.path("type").asText("0")),
              s.path("Organisation").path("name").isTextual() ? s.path("Organisation").path("name").textValue()
                  : (s.path("source").asText("").isEmpty() ? null : s.path("source").asText()),
              1, epoch(s.path("date_sighting")), epoch(s.path("date_sighting")), s.path("uuid").isTextual() ? s.path("uuid").textValue() : null));
        }
      }
    }
  }

  private static String verdict(String type) {
    switch (type) {
      case "1": return "false-positive";
      case "2": return "expiration";
      case "3": return "true-positive";
      default: return "seen";
    }
  }

  private static @Nullable Instant epoch(JsonNode n) {
    String t = n.asText("");
    if (t.isEmpty() || !t.chars().allMatch(Character::isDigit) || t.length() > 12) return null;
    return Instant.ofEpochSecond(Long.parseLong(t));
  }

  private static @Nullable Instant time(JsonNode n) {
    if (!n.isTextual()) return null;
    try {
      return Instant.parse(n.textValue());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
