package io.chainwatch.formats.intel.warninglist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chainwatch.formats.intel.misp.MispTypes;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.intel.Warninglist;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a MISP warninglist ({@code lists/<name>/list.json} of MISP/misp-warninglists): {@code name}, {@code version},
 * {@code description}, {@code type} ({@code string}, {@code substring}, {@code hostname}, {@code cidr}, {@code regex}),
 * optional {@code matching_attributes} and the {@code list} of values. Indicators that match an imported list are
 * shown as likely false positives; they stay huntable (the analyst decides).
 *
 * <p>Implementation notes. The schema's required properties and types are checked and place problems by JSON pointer.
 * {@code matching_attributes} names MISP attribute types; they become the Chainwatch indicator types the list applies
 * to ({@code ip-dst} covers addresses and networks, {@code domain|ip} both halves); types with no Chainwatch counterpart
 * (e.g. {@code email-src}) are dropped, and a list whose attributes all lack one applies to nothing, with a warning.
 * Absent {@code matching_attributes} means every type, as in MISP. Entries that cannot match ({@code cidr} entries
 * that are no network, {@code regex} entries that do not compile) are skipped with one warning naming the first.
 * Unknown top-level keys (the schema forbids them) give one warning. The file is read whole, up to
 * {@value #MAX_BYTES} bytes (the largest upstream lists are a few megabytes).
 */
public final class WarninglistParser implements Parser {
  public static final String NAME = "intel/misp-warninglist";
  static final int MAX_BYTES = 64 << 20;
  private static final Pattern SNIFF = Pattern.compile(
      "^\\{\\s*\"(description|list|matching_attributes|name|type|version)\"\\s*:");
  private static final Pattern LIST = Pattern.compile("\"list\"\\s*:\\s*\\[");
  private static final Set<String> KEYS = Set.of("name", "version", "description", "type", "matching_attributes", "list");

  private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1 << 20).build())
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

  /** A JSON object that opens with one of the warninglist keys and has a {@code list} array. */
  @Override
  public boolean accepts(Head head) {
    String text = head.trimmedText();
    return SNIFF.matcher(text).find() && LIST.matcher(text).find() && !text.contains("\"Event\"") && !text.contains("\"objects\"");
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
    if (root == null || !root.isObject()) throw new InputRejected(file, null, "is not a MISP warninglist: the top level is not a JSON object");
    String name = text(file, root, "name");
    String description = text(file, root, "description");
    String type = text(file, root, "type");
    if (!Warninglist.MATCH_TYPES.contains(type)) {
      throw new InputRejected(file, "/type", Utf8Text.quote(type) + " is not one of " + String.join(", ", Warninglist.MATCH_TYPES));
    }
    JsonNode version = root.get("version");
    if (version == null) throw new InputRejected(file, "/version", "is missing (a warninglist has a version number)");
    if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 0) {
      throw new InputRejected(file, "/version", "must be a whole number");
    }
    List<String> appliesTo = appliesTo(file, root.get("matching_attributes"), sink);
    JsonNode list = root.get("list");
    if (list == null) throw new InputRejected(file, "/list", "is missing (a warninglist has a list of values)");
    if (!list.isArray()) throw new InputRejected(file, "/list", "must be a JSON array");
    List<String> entries = new ArrayList<>(list.size());
    String firstBad = null;
    int bad = 0;
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      if (!e.isTextual()) throw new InputRejected(file, "/list/" + i, "must be a string");
      String value = e.textValue().strip();
      if (value.isEmpty()) continue;
      String problem = problem(type, value);
      if (problem != null) {
        if (firstBad == null) firstBad = "/list/" + i + " " + Utf8Text.quote(value) + " " + problem;
        bad++;
        continue;
      }
      entries.add(value);
    }
    if (bad > 0) sink.warning(file + ": skipping " + bad + (bad == 1 ? " entry that cannot match" : " entries that cannot match") + ", the first: " + firstBad);
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) unknown.add(Utf8Text.quote(key));
    }
    if (!unknown.isEmpty()) sink.warning(file + ": ignoring the unknown " + (unknown.size() == 1 ? "key " : "keys ") + String.join(", ", unknown));
    sink.intel(new Warninglist(name, version.intValue(), description, type, appliesTo, entries));
  }

  private static String text(String file, JsonNode root, String key) {
    JsonNode v = root.get(key);
    if (v == null) throw new InputRejected(file, "/" + key, "is missing (MISP warninglists require it)");
    if (!v.isTextual()) throw new InputRejected(file, "/" + key, "must be a string");
    String s = v.textValue().strip();
    if (s.isEmpty() && !key.equals("description")) throw new InputRejected(file, "/" + key, "is empty");
    return s;
  }

  /** The Chainwatch indicator types the list applies to, or null for all. */
  private static @Nullable List<String> appliesTo(String file, @Nullable JsonNode attributes, ImportSink sink) {
    if (attributes == null || attributes.isNull()) return null;
    if (!attributes.isArray()) throw new InputRejected(file, "/matching_attributes", "must be a JSON array");
    Set<String> types = new TreeSet<>();
    Set<String> named = new LinkedHashSet<>();
    for (int i = 0; i < attributes.size(); i++) {
      JsonNode a = attributes.get(i);
      if (!a.isTextual()) throw new InputRejected(file, "/matching_attributes/" + i, "must be a string");
      named.add(a.textValue());
      types.addAll(MispTypes.indicatorTypes(a.textValue()));
    }
    if (named.isEmpty()) return null;
    if (types.isEmpty()) {
      sink.warning(file + ": the list applies to the MISP attribute types " + String.join(", ", named)
          + ", none of which is a Chainwatch indicator type; it will mark nothing");
    }
    return List.copyOf(types);
  }

  /** Why an entry can never match, or null. */
  private static @Nullable String problem(String type, String value) {
    if (type.equals("cidr")) {
      try {
        IndicatorNormaliser.normalise(IndicatorType.CIDR, value);
        return null;
      } catch (InvalidIndicator e) {
        return e.getMessage();
      }
    }
    if (type.equals("regex")) {
      try {
        Pattern.compile(value);
        return null;
      } catch (PatternSyntaxException e) {
        return "is not a valid regular expression";
      }
    }
    return null;
  }
}
