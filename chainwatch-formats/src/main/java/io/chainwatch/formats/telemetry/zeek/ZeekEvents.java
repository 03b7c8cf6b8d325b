package io.chainwatch.formats.telemetry.zeek;

import io.chainwatch.formats.telemetry.EpochSeconds;
import io.chainwatch.hunt.TelemetryEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds events from Zeek records, whichever way they were written. */
final class ZeekEvents {
  private ZeekEvents() {}

  /**
   * @param path the log's path ({@code dns}, {@code http}, ...)
   * @param fields the record's fields under Zeek's dotted names; {@code url} is added for http
   */
  static TelemetryEvent event(String path, Map<String, String> fields, String file, long line) {
    if (path.equals("http")) {
      String host = fields.get("host");
      String uri = fields.get("uri");
      if (uri != null && (uri.startsWith("http://") || uri.startsWith("https://"))) fields.put("url", uri);
      else if (host != null && !host.isEmpty()) fields.put("url", "http://" + host + (uri == null ? "/" : uri));
    }
    String source = fields.get("id.orig_h");
    String destination = fields.get("id.resp_h");
    if (path.equals("files") && source == null && destination == null) {
      // files.log before Zeek 5 has no connection columns: the file went from tx_hosts to rx_hosts, and the host that
      // fetched (or was sent) a file with a bad hash is the one to name
      source = first(fields.get("rx_hosts"));
      destination = first(fields.get("tx_hosts"));
    }
    return new TelemetryEvent("zeek." + path, time(fields.get("ts")), source, port(fields.get("id.orig_p")),
        destination, port(fields.get("id.resp_p")), null, fields, file, line);
  }

  /** The first element of a set, or null when there is none. */
  private static @Nullable String first(@Nullable String set) {
    if (set == null) return null;
    int comma = set.indexOf(',');
    String s = (comma < 0 ? set : set.substring(0, comma)).strip();
    return s.isEmpty() || s.equals("-") ? null : s;
  }

  /**
   * The text of the event's {@code ts} when it has one that is no time (to be reported as a bad time; the event is read
   * without one), else null. A masked time ({@code XXXXXXXXXX.XXXXXX}, as Zeek's test baselines write it) is meant to be
   * none.
   */
  static @Nullable String badTime(TelemetryEvent e) {
    return e.time() != null ? null : badTime(e.fields().get("ts"));
  }

  /** {@link #badTime(TelemetryEvent)} of a {@code ts} that {@link #time} reads as no time. */
  static @Nullable String badTime(@Nullable String ts) {
    if (ts == null || ts.isEmpty() || ts.equals("-")) return null;
    for (int i = 0; i < ts.length(); i++) {
      char c = ts.charAt(i);
      if (c != 'X' && c != '.') return ts.length() > 40 ? ts.substring(0, 40) + "..." : ts;
    }
    return null;
  }

  /** An epoch time with this many digits before the point or more is in milliseconds. */
  static final int MILLISECOND_DIGITS = 13;

  /** Epoch seconds (or milliseconds) with a fraction, or ISO 8601; null when absent or masked. */
  static @Nullable Instant time(@Nullable String ts) {
    if (ts == null || ts.isEmpty()) return null;
    char c = ts.charAt(0);
    if (c >= '0' && c <= '9' && ts.indexOf('-') < 0) {
      // JSON::TS_MILLIS writes integer milliseconds: 13 digits or more before any point (as seconds: after year 33000)
      int point = ts.indexOf('.');
      return EpochSeconds.parse(ts, (point < 0 ? ts.length() : point) >= MILLISECOND_DIGITS);
    }
    try {
      return Instant.parse(ts);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static int port(@Nullable String p) {
    if (p == null || p.isEmpty() || p.length() > 5) return -1;
    int n = 0;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
