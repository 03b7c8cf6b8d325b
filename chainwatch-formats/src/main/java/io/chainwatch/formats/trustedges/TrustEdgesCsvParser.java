package io.chainwatch.formats.trustedges;

import io.chainwatch.formats.text.CsvHeader;
import io.chainwatch.formats.text.CsvReader;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.graph.NodeKind;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.Relation;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code trust-edges.csv}: {@code from,relation,to,confidence,valid_from,valid_to,source}. {@code from}, {@code relation},
 * {@code to} and {@code confidence} are required; the validity dates (ISO) and the source may be absent or empty.
 * Rejected with the line: a node that is not {@code vendor:}, {@code product:} or {@code release:} (or lacks its
 * parts), an unknown relation, a confidence that is not a whole number from 0 to 100, a window that ends before it
 * starts, an edge from a node to itself. Nodes need not be known to the portfolio: they are matched when asked about.
 */
public final class TrustEdgesCsvParser implements Parser {
  public static final String NAME = "graph/trust-edges-csv";
  private static final List<String> REQUIRED = List.of("from", "relation", "to", "confidence");
  private static final List<String> OPTIONAL = List.of("valid_from", "valid_to", "source");

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
    Set<String> columns = CsvHeader.sniff(head);
    return columns.contains("from") && columns.contains("relation") && columns.contains("to");
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    CsvReader csv = new CsvReader(source.name(), source.stream());
    CsvHeader header = CsvHeader.read(csv, REQUIRED, OPTIONAL, sink);
    int from = header.required("from");
    int relation = header.required("relation");
    int to = header.required("to");
    int confidence = header.required("confidence");
    int validFrom = header.index("valid_from");
    int validTo = header.index("valid_to");
    int sourceColumn = header.index("source");
    while (csv.next()) {
      NodeRef f = node(csv, "from", csv.field(from));
      Relation r = Relation.parse(csv.field(relation).strip().toLowerCase(java.util.Locale.ROOT)).orElseThrow(() -> csv.reject(
          "has relation " + Utf8Text.quote(csv.field(relation)) + ", which is not one of bundles, built-with, staff-use, updates-via, hosted-by"));
      NodeRef t = node(csv, "to", csv.field(to));
      int c = confidence(csv, csv.field(confidence));
      LocalDate vf = date(csv, "valid_from", validFrom);
      LocalDate vt = date(csv, "valid_to", validTo);
      if (vf != null && vt != null && vt.isBefore(vf)) {
        throw csv.reject("has a validity window that ends (" + vt + ") before it starts (" + vf + ")");
      }
      if (f.key().equals(t.key())) throw csv.reject("has an edge from " + Utf8Text.quote(f.toString()) + " to itself");
      String src = sourceColumn < 0 || csv.field(sourceColumn).isEmpty() ? null : csv.field(sourceColumn);
      sink.trustEdge(new TrustEdge(f, r, t, c, vf, vt, src));
    }
  }

  private static NodeRef node(CsvReader csv, String column, String text) {
    NodeRef n;
    try {
      n = NodeRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw csv.reject("has " + column + " " + Utf8Text.quote(text) + ": " + e.getMessage());
    }
    if (n.kind() == NodeKind.INCIDENT) {
      throw csv.reject("has " + column + " " + Utf8Text.quote(text) + ": 'incident' is not a node kind of the trust graph (vendor, product, release)");
    }
    if (n.name().isBlank()) throw csv.reject("has " + column + " " + Utf8Text.quote(text) + " with an empty vendor name");
    return n;
  }

  private static int confidence(CsvReader csv, String text) {
    String t = text.strip();
    if (!t.isEmpty() && t.length() <= 3 && t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      int value = Integer.parseInt(t);
      if (value <= 100) return value;
    }
    throw csv.reject("has confidence " + Utf8Text.quote(text) + ", which is not a whole number from 0 to 100");
  }

  private static @Nullable LocalDate date(CsvReader csv, String column, int index) {
    if (index < 0) return null;
    String text = csv.field(index);
    if (text.isEmpty()) return null;
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw csv.reject("has " + column + " " + Utf8Text.quote(text) + ", which is not an ISO date (YYYY-MM-DD)");
    }
  }
}
