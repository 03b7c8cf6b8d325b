package io.chainwatch.formats.text;

import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
 * <p>Implementation notes: records are split on the line's UTF-8 bytes, not on decoded chars: the separators are ASCII
 * and never occur inside a multi-byte sequence, and the line reader has already checked the UTF-8. Each field then
 * becomes one String straight from the bytes (a plain copy when the line is ASCII); the empty field costs nothing, and
 * only a quoted field with a doubled quote goes through a reused scratch array.
 */
public final class CsvReader {
  private final Utf8LineReader lines;
  private byte[] scratch = new byte[256];
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
      if (isBlank(lines.bytes(), lines.start(), lines.end())) continue;
      split(lines.bytes(), lines.start(), lines.end(), lines.isAscii() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
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

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isSpace(b[i])) return false;
    }
    return true;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t';
  }

  private void split(byte[] b, int from, int n, Charset charset) {
    width = 0;
    int i = from;
    while (true) {
      while (i < n && isSpace(b[i])) i++;
      String value;
      if (i < n && b[i] == '"') {
        int open = i;
        i++;
        int segment = i;
        int escapedLength = -1;
        while (true) {
          if (i >= n) throw lines.reject(lines.columnAt(open), "has a quoted field that does not close on the same line");
          if (b[i] == '"') {
            if (i + 1 < n && b[i + 1] == '"') {
              if (escapedLength < 0) escapedLength = 0;
              escapedLength = appendScratch(escapedLength, b, segment, i + 1 - segment);
              i += 2;
              segment = i;
              continue;
            }
            break;
          }
          i++;
        }
        if (escapedLength >= 0) {
          escapedLength = appendScratch(escapedLength, b, segment, i - segment);
          value = new String(scratch, 0, escapedLength, charset);
        } else {
          value = i == segment ? "" : new String(b, segment, i - segment, charset);
        }
        i++;
        while (i < n && isSpace(b[i])) i++;
        if (i < n && b[i] != ',') throw lines.reject(lines.columnAt(i), "has text after the closing quote of a field");
      } else {
        int fieldStart = i;
        while (i < n && b[i] != ',') i++;
        int to = i;
        while (to > fieldStart && isSpace(b[to - 1])) to--;
        value = to == fieldStart ? "" : new String(b, fieldStart, to - fieldStart, charset);
      }
      add(value);
      if (i >= n) return;
      i++; // the comma
    }
  }

  private int appendScratch(int length, byte[] b, int from, int count) {
    if (length + count > scratch.length) scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, length + count));
    System.arraycopy(b, from, scratch, length, count);
    return length + count;
  }

  private void add(String value) {
    if (width == fields.length) fields = Arrays.copyOf(fields, width * 2);
    fields[width++] = value;
  }
}
