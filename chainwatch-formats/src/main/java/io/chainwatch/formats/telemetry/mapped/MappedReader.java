package io.chainwatch.formats.telemetry.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.formats.telemetry.JsonRecords;
import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file (header first) or JSON lines by a {@link FieldMapping}. Every column is kept under its own name;
 * each column the mapping gives a role is also written as {@code @<role>:<column>}, which the indicator detector
 * reads as that role and reports under the column's name; in these events only those fields have roles (an
 * export's {@code host} column is a computer, not an HTTP Host). Events are of kind {@code mapped.<name>}.
 *
 * <p>It accepts a file whose first line names the mapping's timestamp column: a CSV header cell, or a key of the first
 * JSON object (of the first element, for a file that is one JSON array). CSV fields may be quoted ({@code ""} for a quote); a quoted field cannot span lines, and a line that
 * leaves a quote open or has more cells than the header is counted as corrupt and skipped.
 */
public final class MappedReader implements TelemetryReader {
  private final FieldMapping mapping;
  private final String kind;

  public MappedReader(FieldMapping mapping) {
    this.mapping = mapping;
    this.kind = io.chainwatch.hunt.IndicatorDetector.MAPPED_KIND + mapping.name();
  }

  @Override
  public String name() {
    return "telemetry/mapped:" + mapping.name();
  }

  @Override
  public boolean accepts(Head head) {
    String t = head.trimmedText();
    int end = t.indexOf('\n');
    String first = (end < 0 ? t : t.substring(0, end)).strip();
    if (first.startsWith("{") || first.startsWith("[")) {
      // JSON lines name the column in the first line; an array (of indented records, often) in its first record
      String where = first.startsWith("{") ? first : t.substring(0, Math.min(t.length(), 4096));
      if (where.contains("\"" + mapping.timestamp() + "\"")) return true;
      // a dotted column names a nested key: its last part is a key of the object
      int dot = mapping.timestamp().lastIndexOf('.');
      return dot > 0 && where.contains("\"" + mapping.timestamp().substring(dot + 1) + "\"");
    }
    List<String> header = split(first);
    return header != null && header.contains(mapping.timestamp());
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    b.mark(Head.SIZE);
    byte[] head = b.readNBytes(64);
    b.reset();
    String start = new String(head, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
    if (start.startsWith("{") || start.startsWith("[")) json(file, b, sink);
    else csv(file, b, sink);
  }

  private void json(String file, InputStream in, TelemetrySink sink) throws IOException {
    JsonRecords records = new JsonRecords(file, in, sink);
    JsonNode node;
    boolean events = false;
    boolean anyRoleColumn = false;
    while ((node = records.next()) != null) {
      Map<String, String> fields = new HashMap<>();
      flatten("", node, fields);
      anyRoleColumn |= emit(file, records.line(), fields, sink);
      events = true;
    }
    if (events && !anyRoleColumn) unmapped(file, 0, sink);
  }

  /**
   * Reports a file none of whose records has a column the mapping says carries indicators: nothing in it can hit one,
   * which a mapping written for another export (other column names) would otherwise hide.
   */
  private void unmapped(String file, long line, TelemetrySink sink) {
    if (mapping.roles().isEmpty()) return;
    List<String> columns = new ArrayList<>();
    for (String role : FieldMapping.ROLES) columns.addAll(mapping.roles().getOrDefault(role, List.of()));
    sink.problem(new ReadProblem(file, line, ReadProblem.UNMAPPED, "has none of the mapping's indicator columns ("
        + String.join(", ", columns.subList(0, Math.min(10, columns.size()))) + (columns.size() > 10 ? ", ..." : "")
        + "): nothing in it can hit an indicator"));
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = prefix + e.getKey();
      if (e.getValue().isObject()) {
        flatten(name + ".", e.getValue(), out);
        continue;
      }
      String v = JsonRecords.text(e.getValue());
      if (v != null) out.put(name, v);
    }
  }

  private void csv(String file, InputStream in, TelemetrySink sink) throws IOException {
    TelemetryLines lines = new TelemetryLines(file, in, sink);
    List<String> header = null;
    String text;
    while ((text = lines.next()) != null) {
      if (text.isBlank()) continue;
      List<String> cells = split(text);
      if (header == null) {
        if (cells == null || !cells.contains(mapping.timestamp())) {
          sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT,
              "is no header naming the timestamp column '" + mapping.timestamp() + "'; file skipped"));
          return;
        }
        header = cells;
        if (mapping.roles().values().stream().flatMap(List::stream).noneMatch(cells::contains)) {
          unmapped(file, lines.number(), sink);
        }
        continue;
      }
      if (cells == null || cells.size() > header.size()) {
        sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT,
            cells == null ? "leaves a quoted field open; skipped" : "has " + cells.size() + " cells for " + header.size() + " columns; skipped"));
        continue;
      }
      Map<String, String> fields = new HashMap<>();
      for (int i = 0; i < cells.size(); i++) fields.put(header.get(i), cells.get(i));
      emit(file, lines.number(), fields, sink);
    }
  }

  /** Hands on the record's event; whether it has a column the mapping says carries indicators. */
  private boolean emit(String file, long line, Map<String, String> fields, TelemetrySink sink) {
    boolean roleColumn = false;
    Instant time = time(fields.get(mapping.timestamp()));
    if (time == null && fields.get(mapping.timestamp()) != null && !fields.get(mapping.timestamp()).isEmpty()) {
      sink.problem(new ReadProblem(file, line, ReadProblem.BAD_TIME, "has a time that is neither ISO 8601 nor epoch: '"
          + abbreviate(fields.get(mapping.timestamp())) + "'; read without time"));
    }
    for (Map.Entry<String, List<String>> role : mapping.roles().entrySet()) {
      for (String column : role.getValue()) {
        String v = fields.get(column);
        roleColumn |= v != null;
        if (v != null && !v.isEmpty()) fields.put("@" + role.getKey() + ":" + column, v);
      }
    }
    String source = get(fields, mapping.sourceAddress());
    String destination = get(fields, mapping.destinationAddress());
    sink.event(new TelemetryEvent(kind, time, source, -1, destination, port(get(fields, mapping.destinationPort())),
        get(fields, mapping.host()), fields, file, line));
    return roleColumn;
  }

  private static @Nullable String get(Map<String, String> fields, @Nullable String column) {
    if (column == null) return null;
    String v = fields.get(column);
    return v == null || v.isEmpty() || v.equals("-") ? null : v;
  }

  private static int port(@Nullable String p) {
    if (p == null) return -1;
    try {
      int n = Integer.parseInt(p.strip());
      return n >= 0 && n <= 65535 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** ISO 8601 with or without zone (UTC then), a space for the T, or epoch seconds or milliseconds. */
  static @Nullable Instant time(@Nullable String s) {
    if (s == null) return null;
    String t = s.strip();
    if (t.isEmpty() || t.length() > 40) return null;
    if (t.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
      try {
        BigDecimal n = new BigDecimal(t);
        if (n.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) n = n.movePointLeft(3); // milliseconds
        long seconds = n.longValue();
        return Instant.ofEpochSecond(seconds, n.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValue());
      } catch (NumberFormatException | ArithmeticException e) {
        return null;
      }
    }
    String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The cells of a CSV line, or null when a quote is left open. */
  static @Nullable List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        out.add(wasQuoted ? cell.toString() : cell.toString().strip());
        cell.setLength(0);
        wasQuoted = false;
      } else {
        cell.append(c);
      }
    }
    if (quoted) return null;
    out.add(wasQuoted ? cell.toString() : cell.toString().strip());
    return out;
  }
}
