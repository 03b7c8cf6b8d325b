package io.chainwatch.formats.telemetry.bind;

import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BIND 9 logs of client queries: the {@code queries} category
 * ({@code client @0x... 10.0.0.1#5353 (name): query: name IN A +E(0)K (10.0.0.53)}) and the {@code security} lines
 * about queries and transfers ({@code client @0x... 10.0.0.1#3076 (name): query (cache) 'name/ANY/IN' denied}), plain
 * or inside syslog ({@code Nov 13 10:59:46 host named[2075772]: ...}). The timestamp
 * ({@code 19-Oct-2022 05:34:02.425}) is taken as UTC: BIND writes local time, and configuring it to UTC is the usual
 * practice for logs that leave the server; lines without one have no time. Lines that are not about a client's query
 * are ignored.
 */
public final class BindLogReader implements TelemetryReader {
  private static final Pattern TIME = Pattern.compile("(\\d{2}-[A-Za-z]{3}-\\d{4} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?)");
  private static final Pattern CLIENT = Pattern.compile(
      "client (?:@0x[0-9a-f]+ )?([0-9A-Fa-f.:]+)#(\\d+)(?: \\(([^)]*)\\))?: (?:view [^:]+: )?"
          + "(?:query: (\\S+) (\\S+) (\\S+) (\\S*)(?: \\(([^)]*)\\))?|(query(?: \\(cache\\))?|zone transfer|update) '([^/']+)/([^/']+)/([^']+)' (\\w+))");
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss[.SSS]", Locale.ROOT);

  @Override
  public String name() {
    return "telemetry/bind";
  }

  @Override
  public boolean accepts(Head head) {
    String t = head.text();
    int end = t.indexOf('\n');
    String first = end < 0 ? t : t.substring(0, end);
    return first.contains("client ") && (first.contains(": query") || first.contains(": zone transfer"))
        && (TIME.matcher(first).find() || first.contains("named["));
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    TelemetryLines lines = new TelemetryLines(file, in, sink);
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank()) continue;
      Matcher c = CLIENT.matcher(line);
      if (!c.find()) continue;
      Map<String, String> f = new HashMap<>();
      f.put("client", c.group(1));
      f.put("client_port", c.group(2));
      if (c.group(4) != null) {
        f.put("query", c.group(4));
        f.put("qclass", c.group(5));
        f.put("qtype", c.group(6));
        f.put("flags", c.group(7));
        if (c.group(8) != null) f.put("server", c.group(8));
        f.put("action", "query");
      } else {
        f.put("query", c.group(10));
        f.put("qtype", c.group(11));
        f.put("qclass", c.group(12));
        f.put("action", c.group(9) + " " + c.group(13));
      }
      Instant time = null;
      Matcher t = TIME.matcher(line);
      if (t.find()) {
        try {
          time = LocalDateTime.parse(t.group(1), FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT, "has the unreadable time '" + t.group(1) + "'"));
        }
      }
      int port = Integer.parseInt(c.group(2).length() > 5 ? "-1" : c.group(2));
      sink.event(new TelemetryEvent("dns.bind", time, c.group(1), port, null, -1, null, f, file, lines.number()));
    }
  }
}
