package io.chainwatch.formats.cyclonedx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.chainwatch.formats.sbom.ProductBundles;
import io.chainwatch.formats.text.BoundedDocument;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
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
import java.util.List;
import java.util.Map;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CycloneDX 1.4–1.6 SBOM (JSON or XML) of one asset, named by {@code --customer} and {@code --asset}, and
 * reports every listed component as an installation on that asset. Without those options it is a vendor's SBOM of its
 * own product, and becomes {@code bundles} trust edges from the product release (see {@link ProductBundles}).
 *
 * <p>{@code metadata.component}, the subject of the BOM, is reported too: it is the application the asset runs, and
 * an incident at its vendor must find the asset as surely as one at a library it bundles.
 *
 * <p>The document is held in memory (at most 256 MiB) because cyclonedx-core-java maps whole documents. Before the
 * library sees it, the bytes are checked to be strict UTF-8 and a streaming scan of our own proves them well-formed
 * within nesting limits, refuses any XML DOCTYPE (so no entity is ever expanded, whatever the library's XML
 * factory would do) and turns away spec versions the library cannot model, by name.
 */
public final class CycloneDxParser implements Parser {
  public static final String NAME = "sbom/cyclonedx";
  private static final String BOM_FORMAT_KEY = "\"bomFormat\"";

  private final long maxBytes;

  public CycloneDxParser() {
    this(BoundedDocument.MAX_BYTES);
  }

  /** A parser with a smaller size limit, for tests of the limit. */
  CycloneDxParser(long maxBytes) {
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
    if (head.looksLikeJson()) {
      String text = head.text();
      return text.contains(BOM_FORMAT_KEY) && text.contains("\"CycloneDX\"");
    }
    return head.looksLikeXml() && head.text().contains(XmlBomScan.NAMESPACE_PREFIX + "1.");
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
    if (first != '{' && first != '<') throw source.reject("line 1", "is neither CycloneDX JSON nor CycloneDX XML");
    byte[] bytes = BoundedDocument.readRest(source, head, maxBytes);
    BoundedDocument.requireUtf8(source, bytes);

    Bom bom;
    ComponentInstallations.Places places;
    Instant observedAt;
    if (first == '{') {
      JsonBomScan.Result scan = JsonBomScan.scan(source, bytes);
      observedAt = timestamp(source, scan.timestamp(), "/metadata/timestamp");
      bom = mapJson(source, bytes, scan.specVersion());
      places = (listed, member) -> listed.pointer() + "/" + member;
    } else {
      XmlBomScan.Result scan = XmlBomScan.scan(source, bytes);
      observedAt = timestamp(source, scan.timestamp(), "line " + scan.timestampLine());
      bom = mapXml(source, bytes, scan.specVersion());
      places = (listed, member) -> lineOf(scan, listed);
    }
    ComponentInstallations components = new ComponentInstallations(source, places, sink);
    List<ListedComponent> listed = ListedComponent.of(bom);
    if (customer == null || asset == null) {
      productBundles(source, bom, listed, components, sink);
      return;
    }
    for (ListedComponent component : listed) {
      sink.installation(components.of(component, customer, asset, observedAt));
    }
  }

  /**
   * A vendor's SBOM of its product: {@code metadata.component} is the product release, and it bundles what it needs.
   * When the {@code dependencies} graph says what the subject depends on, that is the components reached from the
   * subject (and from the components nested inside it) through the graph; otherwise the BOM is taken as the list of
   * the product's parts, every listed component. A component of scope {@code excluded} is not shipped and is left out.
   */
  private static void productBundles(Source source, Bom bom, List<ListedComponent> listed, ComponentInstallations components,
      ImportSink sink) {
    if (listed.isEmpty() || !listed.get(0).inMetadata()) {
      throw source.reject("/metadata/component", "is missing: an SBOM imported without --customer and --asset is a vendor's"
          + " SBOM of its product, and metadata.component names the product");
    }
    ListedComponent subject = listed.get(0);
    NodeRef product = components.node(subject);
    Map<String, ListedComponent> byRef = new HashMap<>();
    for (ListedComponent l : listed) {
      String ref = l.component().getBomRef();
      if (ref != null && !ref.isBlank()) byRef.putIfAbsent(ref, l);
    }
    Map<String, List<String>> needs = new HashMap<>();
    if (bom.getDependencies() != null) {
      for (Dependency d : bom.getDependencies()) {
        if (d == null || d.getRef() == null || d.getDependencies() == null) continue;
        List<String> to = needs.computeIfAbsent(d.getRef(), k -> new ArrayList<>());
        for (Dependency x : d.getDependencies()) if (x != null && x.getRef() != null) to.add(x.getRef());
      }
    }
    List<ListedComponent> bundled = new ArrayList<>();
    String subjectRef = subject.component().getBomRef();
    if (subjectRef != null && !needs.getOrDefault(subjectRef, List.of()).isEmpty()) {
      List<String> roots = new ArrayList<>();
      roots.add(subjectRef);
      for (ListedComponent l : listed.subList(1, listed.size())) {
        if (!l.inMetadata()) break;
        bundled.add(l);
        if (l.component().getBomRef() != null) roots.add(l.component().getBomRef());
      }
      int unknown = 0;
      for (String ref : ProductBundles.closure(roots, needs)) {
        ListedComponent l = byRef.get(ref);
        if (l == null) unknown++;
        else if (l != subject) bundled.add(l);
      }
      if (unknown > 0) {
        sink.warning(source.name() + ": /dependencies: " + unknown + " bom-ref(s) the product needs name no listed component;"
            + " they are left out of the trust graph");
      }
    } else {
      bundled.addAll(listed.subList(1, listed.size()));
    }
    List<NodeRef> nodes = new ArrayList<>();
    for (ListedComponent l : bundled) {
      if (l.component().getScope() != Component.Scope.EXCLUDED) nodes.add(components.node(l));
    }
    ProductBundles.emit(product, nodes, source.name(), sink);
  }

  private static Bom mapJson(Source source, byte[] bytes, String specVersion) {
    try {
      return new JsonParser().parse(bytes);
    } catch (ParseException e) {
      throw rejectMapping(source, e, specVersion, true);
    }
  }

  private static Bom mapXml(Source source, byte[] bytes, String specVersion) {
    try {
      return new XmlParser().parse(bytes);
    } catch (ParseException e) {
      throw rejectMapping(source, e, specVersion, false);
    }
  }

  /**
   * {@code metadata.timestamp}, an RFC 3339 / xs:dateTime value; one without a zone (xs:dateTime allows it) is taken
   * as UTC.
   */
  private static @Nullable Instant timestamp(Source source, @Nullable String text, String place) {
    if (text == null || text.isBlank()) return null;
    try {
      TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(text.strip());
      return t.isSupported(ChronoField.OFFSET_SECONDS)
          ? OffsetDateTime.from(t).toInstant()
          : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw source.reject(place, "is not a date and time like 2023-03-29T10:00:00Z");
    }
  }

  /** The library's errors, placed by JSON pointer (JSON) or line (XML) where Jackson knows them. */
  private static InputRejected rejectMapping(Source source, ParseException e, String specVersion, boolean json) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String place = null;
    String detail = JsonBomScan.firstLine(cause.getMessage());
    if (cause instanceof JsonProcessingException) {
      JsonProcessingException jpe = (JsonProcessingException) cause;
      detail = JsonBomScan.firstLine(jpe.getOriginalMessage());
      place = JsonBomScan.place(jpe.getLocation());
      if (json && cause instanceof JsonMappingException && !((JsonMappingException) cause).getPath().isEmpty()) {
        place = pointer(((JsonMappingException) cause).getPath());
      }
    }
    return new InputRejected(source.name(), place, "does not fit the CycloneDX " + specVersion + " model: " + detail, e);
  }

  static String pointer(List<JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      b.append('/');
      if (r.getFieldName() != null) {
        b.append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (r.getIndex() >= 0) {
        b.append(r.getIndex());
      }
    }
    return b.toString();
  }

  private static String lineOf(XmlBomScan.Result scan, ListedComponent listed) {
    List<Long> lines = listed.inMetadata() ? scan.metadataComponentLines() : scan.componentLines();
    // The scan and the mapped BOM list components in the same document order; if they ever disagree, the pointer
    // the component would have in JSON still says which one is meant.
    return listed.ordinal() < lines.size() ? "line " + lines.get(listed.ordinal()) : listed.pointer();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
