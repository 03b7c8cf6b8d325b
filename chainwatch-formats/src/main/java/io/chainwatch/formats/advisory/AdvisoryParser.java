package io.chainwatch.formats.advisory;

import io.chainwatch.advisory.Incident;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The native advisory of CONTRACT.md, in YAML or JSON: one supply-chain incident with its affected, fixed, not
 * affected and under-investigation releases (vers version sets per product and platform), its attributions,
 * indicators and references.
 *
 * <p>A file is JSON when its first non-blank character is <code>{</code>, YAML otherwise. A YAML stream may hold
 * several advisories as documents separated by {@code ---}; each becomes one {@link Incident},
 * and an id that repeats within the file is rejected. Files are read whole, up to {@value #MAX_BYTES} bytes, as strict
 * UTF-8 (a leading byte-order mark is accepted). Errors name a line and column (YAML, and JSON syntax) or a JSON
 * pointer (JSON values). Unknown keys give one warning per file and are otherwise ignored. Indicator values are kept as
 * written; refanging is a later step.
 */
public final class AdvisoryParser implements Parser {
  public static final String NAME = "advisory/native";
  static final int MAX_BYTES = 16 << 20;
  /** Top-level keys of the standard formats this sniff must leave alone (CSAF, CycloneDX, SPDX, STIX, MISP, OSV, Sigma). */
  private static final Set<String> FOREIGN_KEYS = Set.of(
      "csaf_version", "document", "product_tree", "vulnerabilities", "bomFormat", "specVersion", "spdxVersion",
      "SPDXID", "type", "spec_version", "objects", "Event", "response", "Attribute", "modified", "schema_version",
      "logsource", "detection");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  /** A top-level {@code id} with {@code title} or {@code affected}, and no key that marks another format. */
  @Override
  public boolean accepts(Head head) {
    Set<String> keys = head.looksLikeJson() ? JsonTrees.topLevelKeys(head.trimmedText()) : yamlTopLevelKeys(head.text());
    return keys.contains("id") && (keys.contains("title") || keys.contains("affected"))
        && Collections.disjoint(keys, FOREIGN_KEYS);
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    String file = source.name();
    String text = Utf8Text.decode(file, Utf8Text.readAtMost(file, source.stream(), MAX_BYTES));
    List<Tree> documents = text.stripLeading().startsWith("{") ? List.of(JsonTrees.read(file, text)) : YamlTrees.read(file, text);
    if (documents.isEmpty()) throw new InputRejected(file, null, "holds no advisory");
    IncidentMapping mapping = new IncidentMapping(file);
    Set<String> ids = new LinkedHashSet<>();
    // Map every document before handing any to the sink, so that a bad last document costs the sink nothing.
    List<Incident> incidents = new ArrayList<>();
    for (Tree document : documents) {
      Incident incident = mapping.incident(document);
      if (!ids.add(incident.id())) {
        throw new InputRejected(file, document.place(), "repeats the advisory id " + Utf8Text.quote(incident.id()));
      }
      incidents.add(incident);
    }
    if (!mapping.unknownKeys().isEmpty()) {
      sink.warning(file + ": ignoring the unknown " + (mapping.unknownKeys().size() == 1 ? "key " : "keys ")
          + String.join(", ", mapping.unknownKeys()));
    }
    incidents.forEach(sink::incident);
  }

  /**
   * The keys at column 0 of a YAML head ({@code key: ...} lines), skipping comments, directives and document markers.
   * A line at column 0 that is not a key ends the scan: such a file is not a YAML mapping.
   */
  static Set<String> yamlTopLevelKeys(String head) {
    Set<String> keys = new LinkedHashSet<>();
    int from = 0;
    while (from < head.length()) {
      int newline = head.indexOf('\n', from);
      int to = newline < 0 ? head.length() : newline;
      String line = head.substring(from, to);
      from = to + 1;
      if (line.isBlank() || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(0) == '#'
          || line.charAt(0) == '%' || line.startsWith("---") || line.startsWith("...")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || (colon + 1 < line.length() && !Character.isWhitespace(line.charAt(colon + 1)))) break;
      String key = line.substring(0, colon).strip();
      if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '\'') && key.charAt(key.length() - 1) == key.charAt(0)) {
        key = key.substring(1, key.length() - 1);
      }
      keys.add(key);
    }
    return keys;
  }
}
