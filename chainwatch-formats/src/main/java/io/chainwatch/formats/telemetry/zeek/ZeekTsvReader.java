package io.chainwatch.formats.telemetry.zeek;

import io.chainwatch.common.Progress;
import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ParallelReader;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.ScanPlan;
import io.chainwatch.hunt.ScanSink;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Zeek's ASCII logs: a {@code #separator} header (its value hex-escaped, {@code \x09}), then {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field}, {@code #path}, {@code #fields}, {@code #types}, the records, and a
 * {@code #close} trailer that truncated or live files lack. Unset fields ({@code -}) are left out, empty ones
 * ({@code (empty)}) are empty strings; {@code \xHH} escapes in values are decoded. A file may restart its header
 * (concatenated logs); the newest header applies. A record with the wrong number of columns is skipped and reported.
 * Without {@code #path} the log is named by the file ({@code conn.log}, {@code dns.2023-03-29-10-00-00.log.gz}), else
 * by its fields.
 */
public final class ZeekTsvReader implements ParallelReader {
  @Override
  public String name() {
    return "telemetry/zeek-tsv";
  }

  @Override
  public boolean accepts(Head head) {
    String t = head.text();
    // the #separator line, or (tools that keep only some header lines) a tab-separated #fields line
    return (t.startsWith("#separator ") || t.contains("\n#separator ")) && t.contains("#fields")
        || t.startsWith("#fields\t") || t.contains("\n#fields\t");
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    read(file, in, sink, 0, new Header(file));
  }

  @Override
  public void scan(Path file, String name, ScanPlan plan, ScanSink sink, Progress progress) throws IOException {
    new ZeekTsvScanner(this, file, name, plan, sink, progress).scan();
  }

  /**
   * Reads on from a line start, {@code linesBefore} lines into the file, under {@code header}: the header in force
   * there (a scan hands the rest of a file over so).
   */
  void read(String file, InputStream in, TelemetrySink sink, long linesBefore, Header header) throws IOException {
    TelemetryLines lines = new TelemetryLines(file, in, sink, TelemetryLines.DEFAULT_MAX_LINE_BYTES, linesBefore);
    String line;
    while ((line = lines.next()) != null) {
      if (line.isEmpty()) continue;
      if (line.startsWith("#")) {
        header.apply(line);
        continue;
      }
      if (header.fields == null) {
        sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT, "is a record before any #fields header; skipped"));
        continue;
      }
      String[] values = split(line, header.separator);
      if (values.length != header.fields.length) {
        sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT,
            "has " + values.length + " columns where #fields names " + header.fields.length + "; skipped"));
        continue;
      }
      TelemetryEvent e = header.event(values, file, lines.number());
      String bad = ZeekEvents.badTime(e);
      if (bad != null) {
        sink.problem(new ReadProblem(file, lines.number(), ReadProblem.BAD_TIME, "has the unreadable time '" + bad
            + "'; read without time"));
      }
      sink.event(e);
    }
  }

  /** What a log's header lines say so far: the newest header applies (concatenated logs restart theirs). */
  static final class Header {
    String separator = "\t";
    String unset = "-";
    String empty = "(empty)";
    /** Without #path (some exporters drop the header's comments but #fields), the file name says which log it is. */
    @Nullable String path;
    String @Nullable [] fields;
    private final String file;
    private final @Nullable String fromName;

    Header(String file) {
      this.file = file;
      fromName = ZeekJsonReader.pathFromFileName(file);
    }

    /** A header of its own with what this one says so far (a scan's threads keep reading the one they were given). */
    Header copy() {
      Header h = new Header(file);
      h.separator = separator;
      h.unset = unset;
      h.empty = empty;
      h.path = path;
      h.fields = fields;
      return h;
    }

    /** The log's path by the header, else by the file's name; null when only each record's fields can tell. */
    @Nullable String path() {
      return path != null ? path : fromName;
    }

    /** Takes in a line that starts with {@code #}. */
    void apply(String line) {
      if (line.startsWith("#separator ")) {
        separator = unescape(line.substring("#separator ".length()));
        return;
      }
      String[] parts = split(line, separator);
      switch (parts[0]) {
        case "#unset_field": if (parts.length > 1) unset = parts[1]; break;
        case "#empty_field": if (parts.length > 1) empty = parts[1]; break;
        case "#path": if (parts.length > 1) path = parts[1]; break;
        case "#fields":
          fields = new String[parts.length - 1];
          System.arraycopy(parts, 1, fields, 0, fields.length);
          break;
        default: break; // #open, #close, #types, #set_separator, comments
      }
    }

    /** The event of a record's values, one per field of the header's {@link #fields}. */
    TelemetryEvent event(String[] values, String file, long line) {
      String[] names = fields;
      Map<String, String> map = new HashMap<>(names.length * 2);
      for (int i = 0; i < names.length; i++) {
        String v = values[i];
        if (v.equals(unset)) continue;
        map.put(names[i], v.equals(empty) ? "" : v.indexOf('\\') >= 0 ? unescape(v) : v);
      }
      return ZeekEvents.event(path != null ? path : fromName != null ? fromName : ZeekJsonReader.inferPath(map), map, file, line);
    }
  }

  /**
   * The parts of {@code line} between the separators, as {@code Pattern.compile(Pattern.quote(separator)).split(line,
   * -1)} gives them (empty parts kept, also at the ends), found with {@code indexOf}: the regular expression's matcher
   * was half of reading a line.
   */
  static String[] split(String line, String separator) {
    if (separator.isEmpty()) return Pattern.compile("").split(line, -1);
    int n = 1;
    for (int i = line.indexOf(separator); i >= 0; i = line.indexOf(separator, i + separator.length())) n++;
    String[] parts = new String[n];
    int from = 0;
    for (int k = 0; k < n - 1; k++) {
      int to = line.indexOf(separator, from);
      parts[k] = line.substring(from, to);
      from = to + separator.length();
    }
    parts[n - 1] = line.substring(from);
    return parts;
  }

  /**
   * Decodes {@code \xHH} escapes; other backslashes stay. Zeek escapes bytes, not characters: a run of escaped bytes
   * that is UTF-8 ({@code b\xc3\xbccher.de}, as Zeek writes a name's UTF-8 when told to escape it) is its characters,
   * any other escaped byte the character of that number.
   */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    byte[] run = new byte[s.length() / 4];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x'
          && Character.digit(s.charAt(i + 2), 16) >= 0 && Character.digit(s.charAt(i + 3), 16) >= 0) {
        run[n++] = (byte) Integer.parseInt(s.substring(i + 2, i + 4), 16);
        i += 3;
        continue;
      }
      n = flush(run, n, b);
      b.append(c);
    }
    flush(run, n, b);
    return b.toString();
  }

  /** Appends the escaped bytes {@code run[0, n)}: as UTF-8 when they are, else a character per byte; 0. */
  private static int flush(byte[] run, int n, StringBuilder b) {
    if (n == 0) return 0;
    try {
      b.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(run, 0, n)));
    } catch (CharacterCodingException e) {
      for (int i = 0; i < n; i++) b.append((char) (run[i] & 0xff));
    }
    return 0;
  }
}
