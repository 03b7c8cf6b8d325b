package io.chainwatch.bench;

/** RFC 4180 field quoting for the files the bench writes. */
final class Csv {
  private Csv() {}

  static void appendField(StringBuilder line, String value) {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      line.append(value);
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') line.append('"');
      line.append(c);
    }
    line.append('"');
  }
}
