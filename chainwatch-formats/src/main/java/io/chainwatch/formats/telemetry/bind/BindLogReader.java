package io.chainwatch.formats.telemetry.bind;

import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * BIND 9 logs of client queries: the {@code queries} category
 * ({@code client @0x... 10.0.0.1#5353 (name): query: name IN A +E(0)K (10.0.0.53)}) and the {@code security} lines
 * about queries and transfers ({@code client @0x... 10.0.0.1#3076 (name): query (cache) 'name/ANY/IN' denied}), plain
 * or inside syslog ({@code Nov 13 10:59:46 host named[2075772]: ...}). The timestamp
 * ({@code 19-Oct-2022 05:34:02.425}, or ISO 8601 with {@code print-time iso8601[-utc]}) is taken as UTC when it names
 * no zone: BIND writes local time, and configuring it to UTC is the usual practice for logs that leave the server.
 * A line with only syslog's time ({@code May  6 11:00:01}, no year) takes its year from the file's last write
 * ({@link SyslogYear}); lines without any time have none. Lines that are not about a client's query are ignored; the file is recognised by
 * a client query line among its first lines (start-up and zone-loading lines often come first).
 */
public final class BindLogReader implements TelemetryReader {
  private static final Pattern TIME = Pattern.compile("(\\d{2}-[A-Za-z]{3}-\\d{4} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{3})?)"
      + "|(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(Z|[+-]\\d{2}:?\\d{2})?");
  /** How many lines of the head the sniff looks at: a log often starts with start-up or zone-loading lines. */
  private static final int SNIFF_LINES = 50;
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
    int from = 0;
    for (int n = 0; n < SNIFF_LINES && from < t.length(); n++) {
      int end = t.indexOf('\n', from);
      String line = end < 0 ? t.substring(from) : t.substring(from, end);
      if (line.contains("client ") && (line.contains(": query") || line.contains(": zone transfer"))
          && CLIENT.matcher(line).find()) {
        return true;
      }
      if (end < 0) break;
      from = end + 1;
    }
    return false;
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    TelemetryLines lines = new TelemetryLines(file, in, sink);
    SyslogYear yearOf = null;
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
      Matcher syslog;
      if (t.find() && t.start() < c.start()) {
        try {
          time = time(t);
        } catch (DateTimeParseException e) {
          sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT, "has the unreadable time '" + t.group() + "'"));
        }
      } else if ((syslog = SYSLOG_TIME.matcher(line)).lookingAt()) {
        if (yearOf == null) yearOf = new SyslogYear(written(file));
        time = yearOf.time(syslog);
        if (time == null) {
          sink.problem(new ReadProblem(file, lines.number(), ReadProblem.BAD_TIME, "has the unreadable time '"
              + syslog.group().strip() + "'"));
        }
      }
      int port = Integer.parseInt(c.group(2).length() > 5 ? "-1" : c.group(2));
      sink.event(new TelemetryEvent("dns.bind", time, c.group(1), port, null, -1, null, f, file, lines.number()));
    }
  }

  /**
   * When the file was last written: the syslog times before it are of its year or, dated after it, of the year before.
   * Now when that cannot be told.
   */
  private static Instant written(String file) {
    try {
      return Files.getLastModifiedTime(Path.of(file)).toInstant();
    } catch (IOException | RuntimeException e) {
      return Instant.now();
    }
  }

  /**
   * The year of a syslog time ({@code May  6 11:00:01}, RFC 3164), which names none: the year of the file's last
   * write, unless that makes the time more than a day later than the write (a log that began in December and was
   * last written in January), then the year before, as syslog collectors decide it. Taken as UTC, as BIND's own times.
   */
  static final class SyslogYear {
    private final Instant written;
    private final int year;

    SyslogYear(Instant written) {
      this.written = written;
      this.year = written.atZone(ZoneOffset.UTC).getYear();
    }

    @Nullable Instant time(Matcher m) {
      int month = MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT)) / 3 + 1;
      try {
        LocalDateTime t = LocalDateTime.of(year, month, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        Instant i = t.toInstant(ZoneOffset.UTC);
        return i.isAfter(written.plus(1, ChronoUnit.DAYS)) ? t.minusYears(1).toInstant(ZoneOffset.UTC) : i;
      } catch (java.time.DateTimeException e) {
        return null; // Feb 30, 25:00:00
      }
    }
  }

  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
  /** A syslog line's start: an optional priority, then {@code Mmm dd hh:mm:ss}. */
  private static final Pattern SYSLOG_TIME = Pattern.compile(
      "(?:<\\d{1,3}>)?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})\\b",
      Pattern.CASE_INSENSITIVE);

  /** {@code 29-Mar-2023 10:00:00.123} or ISO 8601 ({@code print-time iso8601[-utc]}); without a zone, UTC. */
  private static Instant time(Matcher t) {
    if (t.group(1) != null) return LocalDateTime.parse(t.group(1), FORMAT).toInstant(ZoneOffset.UTC);
    LocalDateTime local = LocalDateTime.parse(t.group(2));
    String zone = t.group(3);
    if (zone == null || zone.equals("Z")) return local.toInstant(ZoneOffset.UTC);
    if (zone.length() == 5) zone = zone.substring(0, 3) + ":" + zone.substring(3);
    return local.toInstant(ZoneOffset.of(zone));
  }
}
