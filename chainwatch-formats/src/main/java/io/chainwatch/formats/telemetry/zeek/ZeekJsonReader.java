package io.chainwatch.formats.telemetry.zeek;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.formats.telemetry.JsonRecords;
import io.chainwatch.common.Progress;
import io.chainwatch.hunt.ParallelReader;
import io.chainwatch.hunt.ScanPlan;
import io.chainwatch.hunt.ScanSink;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Zeek logs as JSON lines ({@code LogAscii::use_json=T}) and the shapes pipelines give them: dotted keys
 * ({@code id.orig_h}), underscore keys ({@code id_orig_h}, RockNSM/OTRF), nested {@code id} objects, and one object
 * wrapped under its path ({@code {"dns":{...}}}, Kafka/Metron). Keys starting with {@code @} are pipeline metadata
 * and dropped (but {@code @stream} names the path). The path comes from the wrapper, {@code _path}, {@code @stream},
 * the file name, or else the fields present.
 */
public final class ZeekJsonReader implements ParallelReader {
  private static final List<String> PATHS = List.of("conn", "dns", "http", "ssl", "files", "x509");

  @Override
  public String name() {
    return "telemetry/zeek-json";
  }

  @Override
  public boolean accepts(Head head) {
    String t = head.trimmedText();
    if (!t.startsWith("{") || t.contains("\"EventID\"") || t.contains("\"winlog\"")) return false;
    int end = t.indexOf('\n');
    String first = end < 0 ? t : t.substring(0, end);
    return first.contains("\"ts\":") && (first.contains("\"uid\"") || first.contains("\"fuid\"") || first.contains("\"id.orig_h\"")
        || first.contains("\"id_orig_h\"") || first.matches("^\\{\"[a-z0-9_]+\":\\{.*")
        // x509.log has no uid: its certificate fields name it (fingerprint since Zeek 4, the file id before)
        || first.contains("\"certificate."));
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    read(file, in, sink, 0);
  }

  /** Reads from the start of a line after {@code linesBefore} lines of the file (where a parallel scan gave up). */
  void read(String file, InputStream in, TelemetrySink sink, long linesBefore) throws IOException {
    JsonRecords records = new JsonRecords(file, in, sink, linesBefore);
    String fromName = pathFromFileName(file);
    JsonNode node;
    while ((node = records.next()) != null) {
      TelemetryEvent e = event(node, file, records.line(), fromName);
      String bad = ZeekEvents.badTime(e);
      if (bad != null) {
        sink.problem(new ReadProblem(file, records.line(), ReadProblem.BAD_TIME, "has the unreadable time '" + bad
            + "'; read without time"));
      }
      sink.event(e);
    }
  }

  @Override
  public void scan(Path file, String name, ScanPlan plan, ScanSink sink, Progress progress) throws IOException {
    new ZeekJsonScanner(this, file, name, plan, sink, progress).scan();
  }

  /** The event of one record. */
  static TelemetryEvent event(JsonNode node, String file, long line, @Nullable String fromName) {
    @Nullable String path = null;
    JsonNode record = node;
    if (node.size() == 1) {
      Map.Entry<String, JsonNode> only = node.fields().next();
      if (only.getValue().isObject()) {
        path = only.getKey();
        record = only.getValue();
      }
    }
    Map<String, String> fields = new HashMap<>();
    flatten("", record, fields);
    if (path == null) path = fields.get("_path");
    if (path == null && record.hasNonNull("@stream")) path = record.get("@stream").asText();
    if (path == null) path = fromName;
    if (path == null) path = inferPath(fields);
    return ZeekEvents.event(path, fields, file, line);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (prefix.isEmpty() && key.startsWith("@")) continue;
      if (prefix.isEmpty() && key.startsWith("id_")) key = "id." + key.substring(3);
      String name = prefix + key;
      if (e.getValue().isObject()) {
        flatten(name + ".", e.getValue(), out);
        continue;
      }
      String v = JsonRecords.text(e.getValue());
      if (v != null) out.put(name, v);
    }
  }

  static @Nullable String pathFromFileName(String file) {
    String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase(Locale.ROOT);
    for (String p : PATHS) {
      if (name.startsWith(p + ".") || name.contains("_" + p + ".") || name.contains("-" + p + ".")) return p;
    }
    return null;
  }

  static String inferPath(Map<String, String> f) {
    if (f.containsKey("query") && f.containsKey("qtype_name") || f.containsKey("trans_id")) return "dns";
    if (f.containsKey("method") || f.containsKey("status_code")) return "http";
    if (f.containsKey("server_name") || f.containsKey("cipher")) return "ssl";
    if (f.containsKey("certificate.subject")) return "x509";
    if (f.containsKey("fuid") && (f.containsKey("mime_type") || f.containsKey("seen_bytes"))) return "files";
    if (f.containsKey("conn_state") || f.containsKey("orig_bytes")) return "conn";
    return "unknown";
  }
}
