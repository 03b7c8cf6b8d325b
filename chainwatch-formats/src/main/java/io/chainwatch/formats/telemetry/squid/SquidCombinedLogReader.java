package io.chainwatch.formats.telemetry.squid;

import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Squid's access.log written in its {@code combined} or {@code common} log format (the Apache formats, which many
 * proxies are set to so that web-log tools read them):
 * {@code client ident user [28/Mar/2023:10:00:00 +0000] "GET http://host/path HTTP/1.1" status bytes "referer"
 * "user agent" TCP_MISS:HIER_DIRECT}, the referer and user agent in {@code combined} only. Fields get the names of
 * {@link SquidAccessLogReader} and Sigma's proxy ones ({@code cs-referrer}, {@code c-useragent}, {@code cs-version}).
 *
 * <p>Only proxy logs are taken: a file is recognised when one of its first lines asks for an absolute URL or a
 * {@code CONNECT} target, or ends with Squid's result code; a web server's access log (paths only, no host) is not
 * telemetry a hunt can match a domain in. The time is the log's local time with its offset, normalised to UTC, to the
 * second.
 */
public final class SquidCombinedLogReader implements TelemetryReader {
  /**
   * client, ident, user, [time], "request", status, bytes, then optionally "referer" "user agent", then optionally
   * Squid's {@code result:hierarchy}. Quoted text may hold backslash escapes; every part is bounded by the line's.
   */
  private static final Pattern LINE = Pattern.compile("(\\S+) (\\S+) (\\S+) \\[([^\\]]{1,40})\\] \"((?:[^\"\\\\]|\\\\.)*)\""
      + " (\\d{3}|-) (\\d+|-)(?: \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\")?(?: ([A-Z_]+):([A-Z_]+))?\\s*");
  private static final Pattern REQUEST = Pattern.compile("([A-Z]{2,20}) (\\S+) (HTTP/\\d(?:\\.\\d)?)");
  private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
      "Oct", "Nov", "Dec");
  private static final int SNIFF_LINES = 5;

  @Override
  public String name() {
    return "telemetry/squid-combined";
  }

  /** Whether one of the first lines is a proxy's line in this format. */
  @Override
  public boolean accepts(Head head) {
    return TelemetryLines.anyFirstLine(head, SNIFF_LINES, line -> {
      Matcher m = LINE.matcher(line);
      return m.matches() && time(m.group(4)) != null && (m.group(10) != null || proxyRequest(m.group(5)));
    });
  }

  /** Whether a request line asks a proxy: for an absolute URL, or to tunnel with {@code CONNECT}. */
  private static boolean proxyRequest(String request) {
    Matcher r = REQUEST.matcher(request);
    return r.matches() && (r.group(1).equals("CONNECT") || r.group(2).contains("://"));
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    TelemetryLines lines = new TelemetryLines(file, in, sink);
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank()) continue;
      Matcher m = LINE.matcher(line.strip());
      Instant time = m.matches() ? time(m.group(4)) : null;
      if (time == null) {
        sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT,
            "is not a line of Squid's combined or common log format; skipped"));
        continue;
      }
      Map<String, String> f = new HashMap<>();
      String client = m.group(1);
      f.put("c-ip", client);
      if (!m.group(3).equals("-")) f.put("cs-username", m.group(3));
      if (!m.group(6).equals("-")) f.put("sc-status", m.group(6));
      if (!m.group(7).equals("-")) f.put("sc-bytes", m.group(7));
      if (m.group(8) != null) {
        if (!m.group(8).equals("-")) f.put("cs-referrer", unescape(m.group(8)));
        if (!m.group(9).equals("-")) f.put("c-useragent", unescape(m.group(9)));
      }
      if (m.group(10) != null) {
        f.put("action", m.group(10));
        f.put("hierarchy", m.group(11));
      }
      int port = -1;
      Matcher r = REQUEST.matcher(m.group(5));
      if (r.matches()) {
        String method = r.group(1);
        String uri = r.group(2);
        boolean connect = method.equals("CONNECT");
        f.put("cs-method", method);
        f.put("c-uri", uri);
        f.put("cs-version", r.group(3));
        String host = SquidAccessLogReader.host(uri, connect);
        if (host != null && !host.isEmpty()) f.put("cs-host", host);
        if (!connect && uri.contains("://")) f.put("url", uri);
        if (connect) port = port(uri);
      }
      sink.event(new TelemetryEvent("proxy.squid", time, client, -1, null, port, null, f, file, lines.number()));
    }
  }

  /** {@code 28/Mar/2023:10:00:00 +0000} as an instant, or null. */
  static @Nullable Instant time(String s) {
    if (s.length() != 26 || s.charAt(2) != '/' || s.charAt(6) != '/' || s.charAt(11) != ':' || s.charAt(14) != ':'
        || s.charAt(17) != ':' || s.charAt(20) != ' ' || (s.charAt(21) != '+' && s.charAt(21) != '-')) {
      return null;
    }
    int month = MONTHS.indexOf(s.substring(3, 6)) + 1;
    int day = digits(s, 0, 2);
    int year = digits(s, 7, 11);
    int hour = digits(s, 12, 14);
    int minute = digits(s, 15, 17);
    int second = digits(s, 18, 20);
    int offsetHours = digits(s, 22, 24);
    int offsetMinutes = digits(s, 24, 26);
    if (month == 0 || day < 0 || year < 0 || hour < 0 || minute < 0 || second < 0 || offsetHours < 0
        || offsetMinutes < 0) {
      return null;
    }
    try {
      int sign = s.charAt(21) == '-' ? -1 : 1;
      ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes);
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(offset);
    } catch (DateTimeException e) {
      return null; // 31/Feb, 25:00, an offset past 18 hours
    }
  }

  /** The number the ASCII digits {@code s[from, to)} write, or -1. */
  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** A quoted field's text: {@code \"} and {@code \\} as the characters they stand for. */
  private static String unescape(String quoted) {
    if (quoted.indexOf('\\') < 0) return quoted;
    StringBuilder b = new StringBuilder(quoted.length());
    for (int i = 0; i < quoted.length(); i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length()) c = quoted.charAt(++i);
      b.append(c);
    }
    return b.toString();
  }

  /** The port of a {@code CONNECT} target {@code host:port}, or -1. */
  private static int port(String target) {
    int colon = target.lastIndexOf(':');
    if (colon < 0 || colon == target.length() - 1 || target.length() - colon > 6) return -1;
    int p = digits(target, colon + 1, target.length());
    return p > 65535 ? -1 : p;
  }
}
