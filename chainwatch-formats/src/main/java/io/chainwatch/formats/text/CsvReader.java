package io.chainwatch.formats.text;

import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads comma-separated records (RFC 4180) from strict UTF-8 text, one record per line.
 *
 * <p>The dialect: fields are separated by commas; a field may be quoted with {@code "}, and a quote inside a quoted
 * field is written twice ({@code ""}); commas inside quotes are text. White space around a field (outside quotes) is
 * trimmed; the text inside quotes is kept exactly. A quote inside an unquoted field is an ordinary character
 * ({@code 27" monitor}). Blank lines are skipped.
 *
 * <p>A quoted field must close on the line it opens: a line break inside quotes is rejected with the line and column of
 * the opening quote. Inventories have no use for multi-line values, and an unclosed quote would otherwise swallow the
 * rest of the file into one field and report the damage far from its cause.
 *
 * <p>Once a width is set ({@link #expectWidth}, usually by {@link CsvHeader}), a record with another number of fields
 * is rejected with its line.
 *
 * <p>Implementation notes: fields are cut straight from the line reader's char array; only a quoted field with a
 * doubled quote goes through a (reused) builder. Each field costs one String, the empty field none.
 */
public final class CsvReader {
  private final Utf8LineReader lines;
  private final StringBuilder quoted = new StringBuilder();
  private String[] fields = new String[16];
  private int width;
  private int expectedWidth = -1;

  public CsvReader(Utf8LineReader lines) {
    this.lines = lines;
  }

  public CsvReader(String fileName, InputStream in) {
    this(new Utf8LineReader(fileName, in));
  }

  /**
   * Advances to the next non-blank record.
   *
   * @return false at the end of the input
   * @throws InputRejected for a bad line, an unclosed quote or a record of the wrong width
   */
  public boolean next() throws IOException {
    while (lines.next()) {
      if (isBlank(lines.chars(), lines.length())) continue;
      split(lines.chars(), lines.length());
      if (expectedWidth >= 0 && width != expectedWidth) {
        throw lines.reject("has " + width + (width == 1 ? " field" : " fields") + " where the header has " + expectedWidth);
      }
      return true;
    }
    return false;
  }

  /** The number of fields of the current record. */
  public int width() {
    return width;
  }

  /** Field {@code index} (from 0) of the current record, trimmed unless it was quoted. */
  public String field(int index) {
    if (index < 0 || index >= width) throw new IndexOutOfBoundsException("field " + index + " of " + width);
    return fields[index];
  }

  /** Every later record must have {@code width} fields. */
  public void expectWidth(int width) {
    this.expectedWidth = width;
  }

  public long lineNumber() {
    return lines.lineNumber();
  }

  public String fileName() {
    return lines.fileName();
  }

  /** A rejection at the current line. */
  public InputRejected reject(String problem) {
    return lines.reject(problem);
  }

  private static boolean isBlank(char[] c, int n) {
    for (int i = 0; i < n; i++) {
      if (!isSpace(c[i])) return false;
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  private void split(char[] c, int n) {
    width = 0;
    int i = 0;
    while (true) {
      while (i < n && isSpace(c[i])) i++;
      String value;
      if (i < n && c[i] == '"') {
        int open = i;
        i++;
        int segment = i;
        boolean escaped = false;
        while (true) {
          if (i >= n) throw lines.reject(open + 1, "has a quoted field that does not close on the same line");
          if (c[i] == '"') {
            if (i + 1 < n && c[i + 1] == '"') {
              if (!escaped) quoted.setLength(0);
              escaped = true;
              quoted.append(c, segment, i + 1 - segment);
              i += 2;
              segment = i;
              continue;
            }
            break;
          }
          i++;
        }
        if (escaped) {
          value = quoted.append(c, segment, i - segment).toString();
        } else {
          value = i == segment ? "" : new String(c, segment, i - segment);
        }
        i++;
        while (i < n && isSpace(c[i])) i++;
        if (i < n && c[i] != ',') throw lines.reject(i + 1, "has text after the closing quote of a field");
      } else {
        int from = i;
        while (i < n && c[i] != ',') i++;
        int to = i;
        while (to > from && isSpace(c[to - 1])) to--;
        value = to == from ? "" : new String(c, from, to - from);
      }
      add(value);
      if (i >= n) return;
      i++; // the comma
    }
  }

  private void add(String value) {
    if (width == fields.length) fields = Arrays.copyOf(fields, width * 2);
    fields[width++] = value;
  }
}
