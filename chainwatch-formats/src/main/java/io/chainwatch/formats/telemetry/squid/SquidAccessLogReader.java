package io.chainwatch.formats.telemetry.squid;

import io.chainwatch.formats.telemetry.EpochSeconds;
import io.chainwatch.formats.telemetry.TelemetryLines;
import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.TelemetryReader;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Squid's native access.log: {@code time elapsed client code/status bytes method URL ident hierarchy/peer type},
 * columns split on runs of spaces (Squid right-aligns {@code elapsed}). Fields get the Sigma proxy names
 * ({@code c-ip}, {@code sc-status}, {@code cs-method}, {@code c-uri}, {@code cs-host}, {@code s-ip}); {@code url} is
 * the URL for plain HTTP. A {@code CONNECT} line carries only {@code host:port}: its host is {@code cs-host}, and it
 * has no {@code url}.
 */
public final class SquidAccessLogReader implements TelemetryReader {
  private static final Pattern LINE = Pattern.compile("^\\d{9,11}\\.\\d{3} +\\d+ \\S+ [A-Z_]+/\\d{3} \\d+ [A-Z_]+ \\S+.*");
  private static final Pattern SPACES = Pattern.compile(" +");
  private static final int SNIFF_LINES = 5;

  @Override
  public String name() {
    return "telemetry/squid";
  }

  /** Whether one of the first lines is an access.log line. */
  @Override
  public boolean accepts(Head head) {
    return TelemetryLines.anyFirstLine(head, SNIFF_LINES, line -> LINE.matcher(line).matches());
  }

  @Override
  public void read(String file, InputStream in, TelemetrySink sink) throws IOException {
    TelemetryLines lines = new TelemetryLines(file, in, sink);
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank()) continue;
      String[] c = SPACES.split(line.strip());
      int slash = c.length >= 4 ? c[3].indexOf('/') : -1;
      Instant time = c.length >= 7 ? time(c[0]) : null;
      if (time == null || slash < 0) {
        sink.problem(new ReadProblem(file, lines.number(), ReadProblem.CORRUPT, "is not a Squid access.log line; skipped"));
        continue;
      }
      Map<String, String> f = new HashMap<>();
      f.put("time-elapsed", c[1]);
      f.put("c-ip", c[2]);
      f.put("action", c[3].substring(0, slash));
      f.put("sc-status", c[3].substring(slash + 1));
      f.put("sc-bytes", c[4]);
      f.put("cs-method", c[5]);
      String uri = c[6];
      f.put("c-uri", uri);
      if (c.length > 7 && !c[7].equals("-")) f.put("cs-username", c[7]);
      String peer = null;
      if (c.length > 8) {
        int s = c[8].indexOf('/');
        f.put("hierarchy", s < 0 ? c[8] : c[8].substring(0, s));
        if (s >= 0 && !c[8].substring(s + 1).equals("-")) peer = c[8].substring(s + 1);
        if (peer != null) f.put("s-ip", peer);
      }
      if (c.length > 9 && !c[9].equals("-")) f.put("rs-content-type", c[9]);
      String host = host(uri, c[5].equals("CONNECT"));
      if (host != null) f.put("cs-host", host);
      if (!c[5].equals("CONNECT") && uri.contains("://")) f.put("url", uri);
      int port = -1;
      if (c[5].equals("CONNECT")) {
        int colon = uri.lastIndexOf(':');
        if (colon > 0) {
          try {
            port = Integer.parseInt(uri.substring(colon + 1));
          } catch (NumberFormatException e) {
            port = -1;
          }
        }
      }
      sink.event(new TelemetryEvent("proxy.squid", time, c[2], -1, peer, port, null, f, file, lines.number()));
    }
  }

  private static @Nullable Instant time(String s) {
    return EpochSeconds.parse(s);
  }

  /** The host of a URL or of a CONNECT target, without port or brackets. */
  static String host(String uri, boolean connect) {
    String rest = uri;
    int scheme = rest.indexOf("://");
    if (scheme >= 0) rest = rest.substring(scheme + 3);
    else if (!connect) return null;
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      char ch = rest.charAt(i);
      if (ch == '/' || ch == '?' || ch == '#') {
        end = i;
        break;
      }
    }
    String authority = rest.substring(0, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) authority = authority.substring(at + 1);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return close > 0 ? authority.substring(1, close) : null;
    }
    int colon = authority.lastIndexOf(':');
    return colon >= 0 ? authority.substring(0, colon) : authority;
  }
}
