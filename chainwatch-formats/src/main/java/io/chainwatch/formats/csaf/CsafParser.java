package io.chainwatch.formats.csaf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads one CSAF 2.0 document (any category: security advisory, VEX, ...) as one {@link Incident}: the tracking id
 * and title, the release date, the document's reference URLs, and the product statuses of all its vulnerabilities.
 *
 * <p>Implementation notes. The document is read whole into a Jackson tree, bounded by {@link #MAX_BYTES} and by
 * nesting depth and string length, because statuses refer to products defined anywhere in the file. Each product id
 * a status names becomes one {@link ProductVersions} (see {@link ProductTree}). An incident has one status per
 * release, while a CSAF document has one per vulnerability, so statuses are merged: identical statements are kept
 * once, and a statement named under several statuses keeps the most alarming one, in the order affected, under
 * investigation, fixed, not affected (a release fixed for one CVE but affected by another is affected).
 */
public final class CsafParser implements Parser {
  public static final String NAME = "advisory/csaf";
  /** The largest document read; larger ones are rejected. */
  public static final long MAX_BYTES = 256L << 20;
  private static final int MAX_NESTING_DEPTH = 256;
  private static final int MAX_STRING_LENGTH = 16 << 20;
  private static final Pattern CSAF_CATEGORY = Pattern.compile("\"category\"\\s*:\\s*\"csaf_");

  /** The statuses an incident knows, from most to least alarming. */
  private enum Status { AFFECTED, UNDER_INVESTIGATION, FIXED, NOT_AFFECTED }

  private static final Map<String, Status> STATUS_KEYS = statusKeys();

  private final ObjectMapper mapper;

  public CsafParser() {
    this(MAX_BYTES);
  }

  /** A parser with a smaller size bound, for tests. */
  CsafParser(long maxBytes) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxDocumentLength(maxBytes)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

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
    if (!head.looksLikeJson()) return false;
    String text = head.text();
    return text.contains("\"csaf_version\"") || CSAF_CATEGORY.matcher(text).find();
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    JsonAt root = JsonAt.root(source.name(), readTree(source));
    if (!root.node().isObject()) throw new InputRejected(source.name(), null, "is not a CSAF document: the top level is not a JSON object");
    JsonAt document = root.field("document").requireObject();
    JsonAt csafVersion = document.field("csaf_version");
    String version = csafVersion.requiredText();
    if (!version.equals("2.0")) throw csafVersion.reject("names version '" + version + "'; only CSAF 2.0 is supported");
    JsonAt tracking = document.field("tracking").requireObject();
    String id = tracking.field("id").requiredText().strip();
    String title = document.field("title").requiredText().strip();
    LocalDate disclosed = releaseDate(tracking);
    List<String> references = references(document.field("references"));

    ProductTree tree = ProductTree.read(root.field("product_tree"));
    Map<ProductVersions, Status> statuses = statuses(root.field("vulnerabilities"), tree, sink);

    Map<Status, List<ProductVersions>> byStatus = new EnumMap<>(Status.class);
    for (Status s : Status.values()) byStatus.put(s, new ArrayList<>());
    statuses.forEach((statement, status) -> byStatus.get(status).add(statement));
    sink.incident(new Incident(id, title, disclosed, null, null,
        byStatus.get(Status.AFFECTED), byStatus.get(Status.FIXED), byStatus.get(Status.NOT_AFFECTED),
        byStatus.get(Status.UNDER_INVESTIGATION), List.of(), List.of(), references));
  }

  private JsonNode readTree(Source source) throws IOException {
    InputStream in = new BufferedInputStream(source.stream());
    rejectOtherUnicodeEncodings(source, in);
    JsonNode node;
    try {
      node = mapper.readTree(in);
    } catch (JsonProcessingException e) {
      throw rejected(source, e);
    } catch (CharConversionException e) {
      throw new InputRejected(source.name(), null, "is not valid UTF-8 text");
    }
    if (node == null || node.isMissingNode()) throw new InputRejected(source.name(), null, "is empty; a CSAF document is a JSON object");
    return node;
  }

  /**
   * CSAF is UTF-8. Jackson would silently decode UTF-16 and UTF-32 (recognised by their NUL bytes or byte-order
   * marks), so those are refused here. JSON text never starts with a NUL byte.
   */
  private static void rejectOtherUnicodeEncodings(Source source, InputStream in) throws IOException {
    in.mark(4);
    byte[] start = in.readNBytes(4);
    in.reset();
    boolean utf16Bom = start.length >= 2 && ((start[0] & 0xff) == 0xFE && (start[1] & 0xff) == 0xFF
        || (start[0] & 0xff) == 0xFF && (start[1] & 0xff) == 0xFE);
    boolean nul = false;
    for (byte b : start) nul |= b == 0;
    if (utf16Bom || nul) throw source.reject("line 1, column 1", "is not valid UTF-8 text (it looks like UTF-16 or UTF-32)");
  }

  private static InputRejected rejected(Source source, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String place = location == null || location.getLineNr() < 1 ? null
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.contains("Invalid UTF-8")) return new InputRejected(source.name(), place, "is not valid UTF-8 text", e);
    String firstLine = message.lines().findFirst().orElse("");
    if (firstLine.length() > 200) firstLine = firstLine.substring(0, 200) + "...";
    if (e instanceof StreamConstraintsException) {
      // "... exceeds the maximum allowed (256, from `StreamReadConstraints.getMaxNestingDepth()`)": drop the API name.
      return new InputRejected(source.name(), place, "exceeds a safety limit: " + firstLine.replaceAll(", from `[^`]*`", ""), e);
    }
    return new InputRejected(source.name(), place, "is not valid JSON: " + firstLine, e);
  }

  /** The date part of the initial release, or of the current release when the initial one is absent. */
  private static @Nullable LocalDate releaseDate(JsonAt tracking) {
    JsonAt initial = tracking.field("initial_release_date");
    JsonAt date = initial.isMissing() ? tracking.field("current_release_date") : initial;
    String text = date.optionalText();
    if (text == null) return null;
    try {
      return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw date.reject("is not a date-time like 2023-03-29T00:00:00Z: '" + text + "'");
    }
  }

  private static List<String> references(JsonAt references) {
    Set<String> urls = new LinkedHashSet<>();
    for (JsonAt reference : references.optionalArray()) urls.add(reference.requireObject().field("url").requiredText());
    return List.copyOf(urls);
  }

  private static Map<ProductVersions, Status> statuses(JsonAt vulnerabilities, ProductTree tree, ImportSink sink) {
    Map<ProductVersions, Status> statuses = new LinkedHashMap<>();
    Set<String> warned = new HashSet<>();
    for (JsonAt vulnerability : vulnerabilities.optionalArray()) {
      JsonAt productStatus = vulnerability.requireObject().field("product_status");
      if (productStatus.isMissing()) continue;
      productStatus.requireObject();
      for (Map.Entry<String, Status> key : STATUS_KEYS.entrySet()) {
        for (JsonAt reference : productStatus.field(key.getKey()).optionalArray()) {
          for (CsafProduct product : tree.resolve(reference)) {
            String warning = product.warning();
            if (warning != null && warned.add(warning)) sink.warning(vulnerabilities.file() + ": " + warning);
            statuses.merge(product.statement(), key.getValue(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
          }
        }
      }
      // "recommended" names the releases to install; an incident has no place for it, and it is always listed
      // as fixed or not affected as well. Its ids are still checked.
      for (JsonAt reference : productStatus.field("recommended").optionalArray()) tree.resolve(reference);
    }
    return statuses;
  }

  private static Map<String, Status> statusKeys() {
    Map<String, Status> keys = new LinkedHashMap<>();
    keys.put("first_affected", Status.AFFECTED);
    keys.put("known_affected", Status.AFFECTED);
    keys.put("last_affected", Status.AFFECTED);
    keys.put("fixed", Status.FIXED);
    keys.put("first_fixed", Status.FIXED);
    keys.put("known_not_affected", Status.NOT_AFFECTED);
    keys.put("under_investigation", Status.UNDER_INVESTIGATION);
    return keys;
  }
}
