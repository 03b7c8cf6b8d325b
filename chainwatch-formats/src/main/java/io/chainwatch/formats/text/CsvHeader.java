package io.chainwatch.formats.text;

import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header row of a CSV file: which column holds which named value. Names are matched case-insensitively and
 * trimmed; the order of the columns is free. Required columns must be present; columns that are neither required nor
 * optional are ignored, with one warning that names them.
 */
public final class CsvHeader {
  private final Map<String, Integer> indexByName;

  private CsvHeader(Map<String, Integer> indexByName) {
    this.indexByName = indexByName;
  }

  /**
   * Reads the header row (the first non-blank line) and fixes the width of every later record to its width.
   *
   * @param required lower-case names that must be present
   * @param optional lower-case names that may be present
   * @throws InputRejected if the input is empty, a name repeats, or a required column is missing
   */
  public static CsvHeader read(CsvReader csv, List<String> required, List<String> optional, ImportSink sink)
      throws IOException {
    if (!csv.next()) {
      throw new InputRejected(csv.fileName(), null, "is empty: a header line with the columns " + String.join(", ", required) + " was expected");
    }
    Map<String, Integer> indexByName = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < csv.width(); i++) {
      String name = csv.field(i).toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        unknown.add("(column " + (i + 1) + ", no name)");
        continue;
      }
      if (indexByName.put(name, i) != null) throw csv.reject("names the column " + Utf8Text.quote(name) + " twice");
      if (!required.contains(name) && !optional.contains(name)) unknown.add(name);
    }
    List<String> missing = new ArrayList<>();
    for (String name : required) {
      if (!indexByName.containsKey(name)) missing.add(name);
    }
    if (!missing.isEmpty()) {
      throw csv.reject("lacks the required " + (missing.size() == 1 ? "column " : "columns ") + String.join(", ", missing));
    }
    if (!unknown.isEmpty()) {
      sink.warning(csv.fileName() + ": line " + csv.lineNumber() + ": ignoring the unknown "
          + (unknown.size() == 1 ? "column " : "columns ") + String.join(", ", unknown));
    }
    csv.expectWidth(csv.width());
    return new CsvHeader(indexByName);
  }

  /** The index of a column, or -1 when the file has no such column. */
  public int index(String name) {
    Integer index = indexByName.get(name);
    return index == null ? -1 : index;
  }

  /** The index of a column that {@link #read} checked is present. */
  public int required(String name) {
    Integer index = indexByName.get(name);
    if (index == null) throw new IllegalArgumentException("column " + name + " was not declared required");
    return index;
  }

  /**
   * The lower-case column names of the first non-blank line of a file's head, for a cheap sniff; empty if the head
   * has no plausible header line. Quotes around names are dropped. Never throws.
   */
  public static Set<String> sniff(Head head) {
    String text = head.text();
    int from = 0;
    while (from < text.length()) {
      int newline = text.indexOf('\n', from);
      int to = newline < 0 ? text.length() : newline;
      String line = text.substring(from, to).strip();
      if (!line.isEmpty()) return names(line);
      if (newline < 0) break;
      from = newline + 1;
    }
    return Set.of();
  }

  private static Set<String> names(String line) {
    Set<String> names = new LinkedHashSet<>();
    for (String part : line.split(",", -1)) {
      String name = part.strip();
      if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1).strip();
      names.add(name.toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
