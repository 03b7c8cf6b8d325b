package io.chainwatch.formats.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetrySink;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * JSON objects one after another: one per line (JSON lines, what shippers write) or spread over several lines (an
 * evtx dump prints each event indented, after a {@code Record N} line, which is skipped), or the elements of one JSON
 * array, indented or compact, when the file starts with {@code [} (SIEM and PowerShell exports). A record is complete when its braces balance (outside strings); it may
 * not exceed the line bound in all. A record that does not parse is reported with its first line and skipped.
 */
public final class JsonRecords {
  // Decimals are kept as written (BigDecimal, trailing zeros kept): a Zeek timestamp such as 1679481600.123456 has more
  // digits than a double holds exactly, and a parallel scanner reading the digits must agree with this reader.
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private final String file;
  private final TelemetryLines lines;
  private final TelemetrySink sink;
  private long line;
  private final long linesBefore;
  /** Whether the file is one JSON array of records (a SIEM or PowerShell export), decided by its first record line. */
  private @Nullable Boolean array;
  /** Records of a line that held several (a compact array), still to return. */
  private final java.util.ArrayDeque<JsonNode> queued = new java.util.ArrayDeque<>();

  public JsonRecords(String file, InputStream in, TelemetrySink sink) {
    this(file, in, sink, 0);
  }

  /** @param linesBefore the lines of the file before {@code in} starts (it starts at the beginning of a line) */
  public JsonRecords(String file, InputStream in, TelemetrySink sink, long linesBefore) {
    this.file = file;
    this.lines = new TelemetryLines(file, in, sink, TelemetryLines.DEFAULT_MAX_LINE_BYTES, linesBefore);
    this.sink = sink;
    this.linesBefore = linesBefore;
  }

  /**
   * One record that is known to be a complete, single-line JSON object text as {@link #next} would see it, parsed the
   * same way; null when the parser rejects it (the caller then reads the file with {@link #next} to report it).
   */
  public static @Nullable JsonNode parseLine(String text) {
    try {
      JsonNode node = MAPPER.readTree(text + "\n");
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * Whether a line is the {@code Record 123} that {@code evtx_dump -o json} (the usual EVTX-to-JSON tool) writes before
   * each indented event: a separator, not a broken record.
   */
  public static boolean recordHeader(String line) {
    if (!line.startsWith("Record ") || line.length() == 7 || line.length() > 27) return false;
    for (int i = 7; i < line.length(); i++) {
      if (line.charAt(i) < '0' || line.charAt(i) > '9') return false;
    }
    return true;
  }

  /** The first line of the record last returned. */
  public long line() {
    return line;
  }

  /** The next record that parses as a JSON object, or null at the end. */
  public @Nullable JsonNode next() throws IOException {
    if (!queued.isEmpty()) return queued.removeFirst();
    StringBuilder pending = null;
    Braces braces = new Braces();
    String text;
    while ((text = lines.next()) != null) {
      if (pending != null && !array && startsCompleteObject(text)) {
        // JSON lines, one of them cut short: a line that is a whole object from its first column starts a record of
        // its own, where a record spread over lines (indented, as a pretty printer writes it) has none. Without this
        // a record cut short took every line after it with it, to the end of the file.
        sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, "starts a JSON record that the next line cuts short; skipped"));
        pending = null;
      }
      if (pending == null) {
        String t = text.strip();
        if (t.isEmpty()) continue;
        line = lines.number();
        if (array == null) array = linesBefore == 0 && t.charAt(0) == '[';
        if (array) {
          // the array's own brackets and commas between records; what closes a record is dropped with it
          t = withoutLeading(t);
          if (t.isEmpty() || t.chars().allMatch(c -> c == ']' || c == ',' || Character.isWhitespace(c))) continue;
          text = t;
        }
        if (t.charAt(0) != '{') {
          if (recordHeader(t)) continue;
          sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, "is not a JSON object; skipped"));
          continue;
        }
        pending = new StringBuilder();
        braces = new Braces();
      } else if (pending.length() + text.length() > TelemetryLines.DEFAULT_MAX_LINE_BYTES) {
        sink.problem(new ReadProblem(file, line, ReadProblem.LONG_LINE, "starts a JSON record longer than "
            + TelemetryLines.DEFAULT_MAX_LINE_BYTES + " bytes; skipped"));
        pending = null;
        continue;
      }
      braces.feed(text);
      pending.append(text).append('\n');
      if (braces.inString()) {
        // no JSON string holds a line break: the record ends here, cut short
        sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, line == lines.number()
            ? "is a JSON record cut short in a string; skipped"
            : "starts a JSON record cut short in a string on line " + lines.number() + "; skipped"));
        pending = null;
        continue;
      }
      if (braces.depth() <= 0) {
        String record = pending.toString();
        pending = null;
        if (array) {
          JsonNode first = elements(record);
          if (first != null) return first;
          continue;
        }
        try {
          JsonNode node = MAPPER.readTree(record);
          if (node != null && node.isObject()) return node;
          sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, "is not a JSON object; skipped"));
        } catch (JsonProcessingException e) {
          sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, "is not valid JSON (" + e.getOriginalMessage() + "); skipped"));
        }
      }
    }
    if (pending != null) sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, "starts a JSON record the file cuts short; skipped"));
    return null;
  }

  /** Whether the line, from its first column, is a whole JSON object text by its braces: {@code {...}} balanced. */
  private static boolean startsCompleteObject(String text) {
    if (text.isEmpty() || text.charAt(0) != '{') return false;
    Braces b = new Braces();
    b.feed(text);
    return b.depth() == 0 && !b.inString() && text.stripTrailing().endsWith("}");
  }

  /**
   * Complete records of a JSON array without the array's punctuation around them: the opening {@code [} and commas
   * before, the commas and the closing {@code ]} after.
   */
  private static String arrayPunctuation(String record) {
    String t = withoutTrailingCommas(withoutLeading(record));
    Braces open = new Braces();
    open.feed(t);
    if (open.depth() < 0 && t.endsWith("]")) t = withoutTrailingCommas(t.substring(0, t.length() - 1));
    return t;
  }

  private static String withoutTrailingCommas(String t) {
    String s = t.strip();
    while (s.endsWith(",")) s = s.substring(0, s.length() - 1).strip();
    return s;
  }

  /** A line without the array's opening bracket and the commas before a record. */
  private static String withoutLeading(String t) {
    int from = 0;
    while (from < t.length() && (t.charAt(from) == '[' || t.charAt(from) == ',' || Character.isWhitespace(t.charAt(from)))) from++;
    return t.substring(from);
  }

  /**
   * The objects of one or more array elements that end on the same line ({@code {..},{..}} of a compact array): the
   * first is returned, the others queued; each that is not an object is reported.
   */
  private @Nullable JsonNode elements(String record) {
    JsonNode all;
    try {
      all = MAPPER.readTree("[" + arrayPunctuation(record.strip()) + "]");
    } catch (JsonProcessingException e) {
      sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, "is not valid JSON (" + e.getOriginalMessage() + "); skipped"));
      return null;
    }
    for (JsonNode n : all) {
      if (n.isObject()) queued.add(n);
      else sink.problem(new ReadProblem(file, line, ReadProblem.CORRUPT, "is not a JSON object; skipped"));
    }
    return queued.pollFirst();
  }

  /** Braces and brackets opened and not yet closed, outside strings, over the lines fed so far: a record ends at 0. */
  public static final class Braces {
    private int depth;
    private boolean inString;
    private boolean escaped;

    public void feed(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (c == '\\') escaped = true;
          else if (c == '"') inString = false;
        } else if (c == '"') {
          inString = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
        }
      }
    }

    public int depth() {
      return depth;
    }

    /** Whether the text fed so far ends inside a string. */
    public boolean inString() {
      return inString;
    }
  }

  /** The text of a scalar node; arrays of scalars joined with {@code ,}; null for objects and null. */
  public static @Nullable String text(@Nullable JsonNode n) {
    if (n == null || n.isNull() || n.isObject()) return null;
    if (n.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode e : n) {
        if (e.isContainerNode() || e.isNull()) continue;
        if (b.length() > 0) b.append(',');
        b.append(e.asText());
      }
      return b.toString();
    }
    return n.asText();
  }
}
