package io.chainwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Columns aligned for people: a header row and rows of cells, padded to the widest cell of each column. */
final class TextTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = Arrays.asList(headers);
  }

  TextTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) r.add(c == null ? "" : sanitize(c.toString()));
    rows.add(r);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out, String indent) {
    int[] width = new int[headers.size()];
    for (int i = 0; i < width.length; i++) width[i] = headers.get(i).length();
    for (List<String> r : rows) {
      for (int i = 0; i < width.length && i < r.size(); i++) width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
    }
    line(out, indent, headers, width);
    for (List<String> r : rows) line(out, indent, r, width);
  }

  private static void line(PrintWriter out, String indent, List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder(indent);
    for (int i = 0; i < width.length; i++) {
      String c = i < cells.size() ? cells.get(i) : "";
      b.append(c);
      if (i < width.length - 1) b.append(" ".repeat(width[i] - c.codePointCount(0, c.length()) + 2));
    }
    out.println(b.toString().stripTrailing());
  }

  /** Control characters from imported data must not move the cursor or recolour a terminal. */
  static String sanitize(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
