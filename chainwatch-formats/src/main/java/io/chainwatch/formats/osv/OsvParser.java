package io.chainwatch.formats.osv;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Platform;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one OSV record (ossf/osv-schema 1.x) as an incident: the record's id, summary and publication date; each
 * {@code affected[]} package becomes affected version sets of vendor/product (the purl namespace, or the ecosystem,
 * and the package name) with the package's purl; {@code aliases} and reference URLs become references.
 *
 * <p>Implementation notes. {@link OsvRanges} turns each SEMVER or ECOSYSTEM range into one vers set in the
 * ecosystem's scheme ({@link Ecosystems}); a {@code versions[]} list becomes a second set of exact versions, since OSV
 * says a version is affected when it is in any range <em>or</em> in the list. GIT ranges name commits, which an
 * installed release does not carry: they are skipped with a warning. A range of an ecosystem Chainwatch cannot order
 * is kept as text with no version set, so its installations come out {@code unknown} rather than guessed. A
 * {@code withdrawn} record is imported with no affected releases (so that re-importing it clears an earlier import)
 * and a title that says so. The file is read whole, up to {@value #MAX_BYTES} bytes.
 */
public final class OsvParser implements Parser {
  public static final String NAME = "advisory/osv";
  static final int MAX_BYTES = 16 << 20;
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
  private static final JsonFactory SNIFF = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build();

  private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(MAX_BYTES).build())
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

  /** A JSON object with top-level {@code id} and {@code modified} (OSV's two required fields) and no STIX {@code type}. */
  @Override
  public boolean accepts(Head head) {
    if (!head.looksLikeJson()) return false;
    Set<String> keys = new LinkedHashSet<>();
    try (JsonParser p = SNIFF.createParser(head.trimmedText())) {
      if (p.nextToken() != JsonToken.START_OBJECT) return false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        keys.add(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
    } catch (IOException e) {
      // The head ends mid-document, or is not JSON: the keys read so far decide.
    }
    return keys.contains("id") && keys.contains("modified") && !keys.contains("type") && !keys.contains("spec_version");
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
    if (root == null || !root.isObject()) throw new InputRejected(file, null, "is not an OSV record: the top level is not a JSON object");
    String id = text(file, root, "/id", true);
    timestamp(file, root, "/modified", true);
    Instant published = timestamp(file, root, "/published", false);
    Instant withdrawn = timestamp(file, root, "/withdrawn", false);
    String summary = text(file, root, "/summary", false);
    String title = summary != null && !summary.isBlank() ? summary.strip() : id;

    List<String> warnings = new ArrayList<>();
    List<ProductVersions> affected = new ArrayList<>();
    JsonNode list = root.path("affected");
    if (!list.isMissingNode() && !list.isNull()) {
      if (!list.isArray()) throw new InputRejected(file, "/affected", "must be a JSON array");
      for (int i = 0; i < list.size(); i++) affected.addAll(affected(file, "/affected/" + i, list.get(i), warnings));
    }
    List<String> references = new ArrayList<>();
    for (String key : new String[] {"aliases", "related"}) {
      JsonNode a = root.path(key);
      if (a.isMissingNode() || a.isNull()) continue;
      if (!a.isArray()) throw new InputRejected(file, "/" + key, "must be a JSON array");
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isTextual() || a.get(i).textValue().isBlank()) throw new InputRejected(file, "/" + key + "/" + i, "must be a non-empty string");
        if (!references.contains(a.get(i).textValue().strip())) references.add(a.get(i).textValue().strip());
      }
    }
    JsonNode refs = root.path("references");
    if (refs.isArray()) {
      for (int i = 0; i < refs.size(); i++) {
        String url = refs.get(i).path("url").asText("").strip();
        if (url.isEmpty()) throw new InputRejected(file, "/references/" + i + "/url", "is missing");
        if (!references.contains(url)) references.add(url);
      }
    } else if (!refs.isMissingNode() && !refs.isNull()) {
      throw new InputRejected(file, "/references", "must be a JSON array");
    }
    if (withdrawn != null) {
      warnings.add(id + " was withdrawn on " + withdrawn + ": imported with no affected releases");
      affected = List.of();
      title = "(withdrawn) " + title;
    }
    LocalDate disclosed = published == null ? null : LocalDate.ofInstant(published, ZoneOffset.UTC);
    Incident incident = new Incident(id, title, disclosed, null, null, affected, List.of(), List.of(), List.of(), List.of(),
        List.of(), references);
    for (String w : warnings) sink.warning(file + ": " + w);
    sink.incident(incident);
  }

  private List<ProductVersions> affected(String file, String at, JsonNode a, List<String> warnings) {
    if (!a.isObject()) throw new InputRejected(file, at, "must be a JSON object");
    JsonNode pkg = a.path("package");
    if (!pkg.isObject()) throw new InputRejected(file, at + "/package", "is missing (each affected entry names its package)");
    String ecosystem = text(file, pkg, at + "/package/ecosystem", true);
    String name = text(file, pkg, at + "/package/name", true);
    String purl = text(file, pkg, at + "/package/purl", false);
    if (purl == null || purl.isBlank()) purl = Ecosystems.purl(ecosystem, name);
    Ecosystems.Name split = Ecosystems.split(ecosystem, name);
    String vendor = split.namespace() != null ? split.namespace() : Ecosystems.base(ecosystem);
    String product = split.name();
    List<ProductVersions> out = new ArrayList<>();
    JsonNode ranges = a.path("ranges");
    if (!ranges.isMissingNode() && !ranges.isNull()) {
      if (!ranges.isArray()) throw new InputRejected(file, at + "/ranges", "must be a JSON array");
      for (int r = 0; r < ranges.size(); r++) {
        String ra = at + "/ranges/" + r;
        OsvRanges.Result result = OsvRanges.range(file, ra, ranges.get(r), ecosystem);
        warnings.addAll(result.warnings());
        if (result.text() == null) continue;
        out.add(new ProductVersions(vendor, product, Platform.ANY, result.versions(), result.text(), purl, null));
      }
    }
    JsonNode versions = a.path("versions");
    if (!versions.isMissingNode() && !versions.isNull()) {
      if (!versions.isArray()) throw new InputRejected(file, at + "/versions", "must be a JSON array");
      List<String> exact = new ArrayList<>();
      for (int v = 0; v < versions.size(); v++) {
        JsonNode n = versions.get(v);
        if (!n.isTextual() || n.textValue().isBlank()) throw new InputRejected(file, at + "/versions/" + v, "must be a non-empty string");
        exact.add(n.textValue().strip());
      }
      if (!exact.isEmpty()) {
        OsvRanges.Result result = OsvRanges.exact(ecosystem, exact);
        warnings.addAll(result.warnings());
        out.add(new ProductVersions(vendor, product, Platform.ANY, result.versions(), String.valueOf(result.text()), purl, null));
      }
    }
    if (out.isEmpty()) warnings.add(at + ": " + ecosystem + "/" + name + " has no range or version Chainwatch can use");
    return out;
  }

  static @Nullable String text(String file, JsonNode parent, String pointer, boolean required) {
    JsonNode v = parent.get(pointer.substring(pointer.lastIndexOf('/') + 1));
    if (v == null || v.isNull()) {
      if (required) throw new InputRejected(file, pointer, "is missing (OSV requires it)");
      return null;
    }
    if (!v.isTextual()) throw new InputRejected(file, pointer, "must be a string");
    if (required && v.textValue().isBlank()) throw new InputRejected(file, pointer, "is empty");
    return v.textValue();
  }

  private static @Nullable Instant timestamp(String file, JsonNode root, String pointer, boolean required) {
    String t = text(file, root, pointer, required);
    if (t == null) return null;
    if (!TIMESTAMP.matcher(t).matches()) throw new InputRejected(file, pointer, Utf8Text.quote(t) + " is not an RFC 3339 UTC timestamp");
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new InputRejected(file, pointer, Utf8Text.quote(t) + " is not a valid timestamp");
    }
  }
}
