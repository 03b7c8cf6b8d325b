package io.chainwatch.formats.spdx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.chainwatch.formats.sbom.ProductBundles;
import io.chainwatch.formats.text.BoundedDocument;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.Platform;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
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
 * Reads an SPDX 2.2 or 2.3 JSON document of one asset, named by {@code --customer} and {@code --asset}, and reports
 * every package as an installation on that asset (files and snippets are not installations). Without those options it
 * is a vendor's SBOM of its own product, and becomes {@code bundles} trust edges from the described package (see
 * {@link ProductBundles}).
 *
 * <p>SPDX 2.2 is read too: its JSON differs from 2.3 only in fields this parser does not use, and older generators
 * that still write it (with {@code PACKAGE_MANAGER} for the purl category) are common. The document is held as a
 * JSON tree of at most 256 MiB, with bounded nesting and string lengths.
 */
public final class SpdxParser implements Parser {
  public static final String NAME = "sbom/spdx";
  static final Set<String> SUPPORTED_VERSIONS = Set.of("SPDX-2.2", "SPDX-2.3");
  static final int MAX_NESTING_DEPTH = 256;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(MAX_NESTING_DEPTH)
              .maxStringLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
              .maxNameLength(StreamReadConstraints.DEFAULT_MAX_NAME_LEN)
              .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final long maxBytes;

  public SpdxParser() {
    this(BoundedDocument.MAX_BYTES);
  }

  /** A parser with a smaller size limit, for tests of the limit. */
  SpdxParser(long maxBytes) {
    this.maxBytes = maxBytes;
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
    return text.contains("\"spdxVersion\"") && text.contains("\"SPDX-2.");
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    ImportOptions options = source.options();
    String customer = blankToNull(options.customer());
    String asset = blankToNull(options.asset());
    if ((customer == null) != (asset == null)) {
      throw source.reject(null, "an SBOM needs --customer and --asset to say whose asset it describes");
    }
    byte[] head = source.stream().readNBytes(Head.SIZE);
    int first = BoundedDocument.firstSignificantByte(head);
    if (first == -1) throw source.reject(null, "is empty");
    if (first != '{') throw source.reject("line 1", "is not SPDX JSON, which starts with '{'");
    byte[] bytes = BoundedDocument.readRest(source, head, maxBytes);
    BoundedDocument.requireUtf8(source, bytes);
    JsonNode root = readTree(source, bytes);

    Document document = new Document(source, customer, asset, sink);
    document.read(root);
  }

  private static JsonNode readTree(Source source, byte[] bytes) {
    try {
      JsonNode root = MAPPER.readTree(bytes);
      if (root == null || !root.isObject()) throw source.reject(null, "is not a JSON object; an SPDX document is one");
      return root;
    } catch (JsonEOFException e) {
      throw new InputRejected(source.name(), place(e.getLocation()), "ends before the JSON document is complete", e);
    } catch (StreamConstraintsException e) {
      throw new InputRejected(source.name(), place(e.getLocation()), "exceeds a safety limit: " + firstLine(e.getOriginalMessage()), e);
    } catch (JsonProcessingException e) {
      throw new InputRejected(source.name(), place(e.getLocation()), "is not well-formed JSON: " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      // Reading an in-memory array fails only through the parser, above; keep the type honest all the same.
      throw new InputRejected(source.name(), null, "could not be read: " + e.getMessage(), e);
    }
  }

  /** What a package says about itself, checked. */
  private record Package(String vendor, String name, String version, @Nullable String purl, @Nullable String cpe,
      @Nullable String sha256) {}

  /** One document being read: the checks and mappings that need the source for their messages. */
  private static final class Document {
    private final Source source;
    private final @Nullable String customer;
    private final @Nullable String asset;
    private final ImportSink sink;

    /** Customer and asset both null: a vendor's SBOM of its product. */
    Document(Source source, @Nullable String customer, @Nullable String asset, ImportSink sink) {
      this.source = source;
      this.customer = customer;
      this.asset = asset;
      this.sink = sink;
    }

    void read(JsonNode root) {
      String version = requiredText(root, "spdxVersion", "");
      if (!SUPPORTED_VERSIONS.contains(version)) {
        throw source.reject("/spdxVersion", version + " is not supported; this build reads SPDX-2.2 and SPDX-2.3");
      }
      requiredText(root, "SPDXID", "");
      requiredText(root, "name", "");
      Instant observedAt = null;
      JsonNode creationInfo = root.get("creationInfo");
      if (creationInfo != null && creationInfo.isObject()) {
        String created = optionalText(creationInfo, "created", "/creationInfo");
        if (created != null) observedAt = timestamp(created, "/creationInfo/created");
      }
      JsonNode packages = root.get("packages");
      if (packages != null && !packages.isNull() && !packages.isArray()) throw source.reject("/packages", "must be an array");
      if (customer == null || asset == null) {
        productBundles(root, packages == null || packages.isNull() ? MAPPER.createArrayNode() : packages);
        return;
      }
      if (packages == null || packages.isNull()) return;
      for (int i = 0; i < packages.size(); i++) {
        sink.installation(installation(packages.get(i), "/packages/" + i, observedAt, customer, asset));
      }
    }

    /**
     * A vendor's SBOM of its product: the described packages ({@code documentDescribes} and {@code DESCRIBES}
     * relationships) are the product releases, and each bundles what it needs, directly or through other elements:
     * relationships are first normalised to "X needs Y" ({@code CONTAINS}, {@code DEPENDS_ON}, {@code DYNAMIC_LINK},
     * {@code STATIC_LINK}, and the inverses {@code CONTAINED_BY}, {@code DEPENDENCY_OF}, {@code RUNTIME_DEPENDENCY_OF}).
     * Test, build and development dependencies are not shipped and are left out. When no described package needs
     * anything, the document is taken as the list of the product's parts: every other package.
     */
    private void productBundles(JsonNode root, JsonNode packages) {
      String documentId = requiredText(root, "SPDXID", "");
      Map<String, NodeRef> nodes = new LinkedHashMap<>();
      for (int i = 0; i < packages.size(); i++) {
        JsonNode pkg = packages.get(i);
        String pointer = "/packages/" + i;
        Package p = packageOf(pkg, pointer);
        nodes.putIfAbsent(requiredText(pkg, "SPDXID", pointer), ProductBundles.node(p.vendor(), p.name(), p.version()));
      }
      Set<String> described = new LinkedHashSet<>();
      JsonNode describes = root.get("documentDescribes");
      if (describes != null && !describes.isNull()) {
        if (!describes.isArray()) throw source.reject("/documentDescribes", "must be an array");
        for (int i = 0; i < describes.size(); i++) {
          if (!describes.get(i).isTextual()) throw source.reject("/documentDescribes/" + i, "must be a string");
          described.add(describes.get(i).textValue().strip());
        }
      }
      Map<String, List<String>> needs = new HashMap<>();
      JsonNode relationships = root.get("relationships");
      if (relationships != null && !relationships.isNull()) {
        if (!relationships.isArray()) throw source.reject("/relationships", "must be an array");
        for (int i = 0; i < relationships.size(); i++) {
          JsonNode r = relationships.get(i);
          String pointer = "/relationships/" + i;
          if (!r.isObject()) throw source.reject(pointer, "must be an object");
          String element = requiredText(r, "spdxElementId", pointer);
          String type = requiredText(r, "relationshipType", pointer);
          String related = requiredText(r, "relatedSpdxElement", pointer);
          switch (type) {
            case "DESCRIBES":
              if (element.equals(documentId)) described.add(related);
              break;
            case "DESCRIBED_BY":
              if (related.equals(documentId)) described.add(element);
              break;
            case "CONTAINS": case "DEPENDS_ON": case "DYNAMIC_LINK": case "STATIC_LINK":
              needs.computeIfAbsent(element, k -> new ArrayList<>()).add(related);
              break;
            case "CONTAINED_BY": case "DEPENDENCY_OF": case "RUNTIME_DEPENDENCY_OF":
              needs.computeIfAbsent(related, k -> new ArrayList<>()).add(element);
              break;
            default:
              break;
          }
        }
      }
      List<String> products = new ArrayList<>();
      for (String id : described) if (nodes.containsKey(id)) products.add(id);
      if (products.isEmpty()) {
        throw source.reject(described.isEmpty() ? "/documentDescribes" : "/relationships",
            "names no described package: an SBOM imported without --customer and --asset is a vendor's SBOM of its"
                + " product, and documentDescribes or a DESCRIBES relationship names the product's package");
      }
      boolean anyNeeds = products.stream().anyMatch(id -> !needs.getOrDefault(id, List.of()).isEmpty());
      for (String id : products) {
        List<NodeRef> bundled = new ArrayList<>();
        if (anyNeeds) {
          for (String part : ProductBundles.closure(List.of(id), needs)) {
            NodeRef n = nodes.get(part);
            if (n != null) bundled.add(n); // files, snippets and elements of other documents are not components
          }
        } else {
          nodes.forEach((other, n) -> {
            if (!products.contains(other)) bundled.add(n);
          });
        }
        ProductBundles.emit(nodes.get(id), bundled, source.name(), sink);
      }
    }

    private Installation installation(JsonNode pkg, String pointer, @Nullable Instant observedAt, String customer, String asset) {
      Package p = packageOf(pkg, pointer);
      return new Installation(customer, asset, Platform.ANY, p.vendor(), p.name(), p.version(), p.purl(), p.cpe(), null,
          p.sha256(), observedAt, null);
    }

    private Package packageOf(JsonNode pkg, String pointer) {
      if (!pkg.isObject()) throw source.reject(pointer, "must be an object");
      requiredText(pkg, "SPDXID", pointer);
      String name = requiredText(pkg, "name", pointer);
      String version = optionalText(pkg, "versionInfo", pointer);
      String purl = null;
      String cpe23 = null;
      String cpe22 = null;
      JsonNode refs = pkg.get("externalRefs");
      if (refs != null && !refs.isNull()) {
        if (!refs.isArray()) throw source.reject(pointer + "/externalRefs", "must be an array");
        for (int j = 0; j < refs.size(); j++) {
          JsonNode ref = refs.get(j);
          String at = pointer + "/externalRefs/" + j;
          if (!ref.isObject()) throw source.reject(at, "must be an object");
          String category = optionalText(ref, "referenceCategory", at);
          String type = optionalText(ref, "referenceType", at);
          String locator = optionalText(ref, "referenceLocator", at);
          if (category == null || type == null || locator == null) continue;
          // SPDX 2.3 spells the category PACKAGE-MANAGER; 2.2 generators wrote PACKAGE_MANAGER.
          boolean packageManager = category.equals("PACKAGE-MANAGER") || category.equals("PACKAGE_MANAGER");
          if (packageManager && type.equals("purl") && purl == null) purl = locator;
          if (category.equals("SECURITY") && type.equals("cpe23Type") && cpe23 == null) cpe23 = locator;
          if (category.equals("SECURITY") && type.equals("cpe22Type") && cpe22 == null) cpe22 = locator;
        }
      }
      return new Package(vendor(pkg, pointer, purl), name, version == null ? "" : version, purl, cpe23 != null ? cpe23 : cpe22,
          sha256(pkg, pointer));
    }

    /**
     * The supplier ("Organization: X" or "Person: Y", without a trailing contact in parentheses); when it is absent
     * or NOASSERTION, the originator; then the purl namespace, which for most ecosystems names the publishing
     * organisation; else empty, and the product key rests on the product name alone.
     */
    private String vendor(JsonNode pkg, String pointer, @Nullable String purl) {
      String supplier = party(optionalText(pkg, "supplier", pointer));
      if (supplier != null) return supplier;
      String originator = party(optionalText(pkg, "originator", pointer));
      if (originator != null) return originator;
      String namespace = purlNamespace(purl, pointer);
      return namespace == null ? "" : namespace;
    }

    private @Nullable String purlNamespace(@Nullable String purl, String pointer) {
      if (purl == null) return null;
      try {
        String namespace = new PackageURL(purl).getNamespace();
        return namespace == null || namespace.isBlank() ? null : namespace;
      } catch (MalformedPackageURLException e) {
        // A bad purl is kept as written (matching tolerates it) but cannot name the vendor.
        sink.warning(source.name() + ": " + pointer + "/externalRefs: the purl is not a valid package URL (" + e.getMessage() + ")");
        return null;
      }
    }

    private @Nullable String sha256(JsonNode pkg, String pointer) {
      JsonNode checksums = pkg.get("checksums");
      if (checksums == null || checksums.isNull()) return null;
      if (!checksums.isArray()) throw source.reject(pointer + "/checksums", "must be an array");
      for (int j = 0; j < checksums.size(); j++) {
        JsonNode checksum = checksums.get(j);
        String at = pointer + "/checksums/" + j;
        if (!checksum.isObject()) throw source.reject(at, "must be an object");
        if (!"SHA256".equals(optionalText(checksum, "algorithm", at))) continue;
        String value = optionalText(checksum, "checksumValue", at);
        if (value == null || !SHA256_HEX.matcher(value.strip()).matches()) {
          throw source.reject(at + "/checksumValue", "a SHA256 checksum must be 64 hexadecimal digits");
        }
        return value.strip().toLowerCase(Locale.ROOT);
      }
      return null;
    }

    private String requiredText(JsonNode node, String field, String pointer) {
      String value = optionalText(node, field, pointer);
      if (value == null || value.isBlank()) throw source.reject(pointer + "/" + escape(field), "is missing or empty");
      return value.strip();
    }

    private @Nullable String optionalText(JsonNode node, String field, String pointer) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) return null;
      if (!value.isTextual()) throw source.reject(pointer + "/" + escape(field), "must be a string");
      return value.textValue();
    }

    /** An RFC 3339 date and time; one without a zone is taken as UTC. */
    private Instant timestamp(String text, String place) {
      try {
        TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text.strip());
        return t.isSupported(ChronoField.OFFSET_SECONDS)
            ? OffsetDateTime.from(t).toInstant()
            : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
      } catch (DateTimeException e) {
        throw source.reject(place, "is not a date and time like 2023-03-29T10:00:00Z");
      }
    }
  }

  /** "Organization: Acme (ops@acme.example)" → "Acme"; NOASSERTION and empty → null. */
  static @Nullable String party(@Nullable String value) {
    if (value == null) return null;
    String v = value.strip();
    if (v.isEmpty() || v.equals("NOASSERTION") || v.equals("NONE")) return null;
    for (String prefix : new String[] {"Organization:", "Person:"}) {
      if (v.startsWith(prefix)) v = v.substring(prefix.length()).strip();
    }
    if (v.endsWith(")")) {
      int open = v.lastIndexOf('(');
      if (open > 0) v = v.substring(0, open).strip();
    }
    return v.isEmpty() || v.equals("NOASSERTION") ? null : v;
  }

  private static String escape(String field) {
    return field.replace("~", "~0").replace("/", "~1");
  }

  private static @Nullable String place(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) return null;
    return "line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "");
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) return "unknown error";
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
