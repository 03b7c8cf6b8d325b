package io.chainwatch.cli.report;

import static io.chainwatch.cli.report.Escape.html;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pictures of the HTML report as inline SVG: presentation attributes only (no {@code style} attributes, which the
 * report's Content-Security-Policy forbids), every label escaped, long labels shortened with the full text in a
 * {@code <title>} tooltip. Sizes are in user units; the SVG scales to its container.
 */
final class Svg {
  static final String AFFECTED = "#b42318";
  static final String POTENTIAL = "#dc6803";
  static final String UNKNOWN = "#667085";
  static final String FIXED = "#079455";
  static final String NOT_AFFECTED = "#98a2b3";
  private static final double CHAR = 6.6;

  private Svg() {}

  /** One stacked bar segment: a label for the legend, its colour, and the count per row. */
  record Series(String label, String colour, List<Integer> values) {}

  /**
   * Horizontal stacked bars, one row per label (e.g. assets per status per customer), with a legend and the total at
   * the end of each bar.
   */
  static String stackedBars(String title, List<String> rows, List<Series> series) {
    int labelWidth = 200;
    int barWidth = 460;
    int rowHeight = 26;
    int top = 34;
    int height = top + rows.size() * rowHeight + 10;
    int max = 1;
    for (int r = 0; r < rows.size(); r++) {
      int total = 0;
      for (Series s : series) total += s.values().get(r);
      max = Math.max(max, total);
    }
    StringBuilder b = open(720, height, title);
    int x = labelWidth;
    for (Series s : series) {
      b.append("<rect x=\"").append(x).append("\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"").append(s.colour()).append("\"/>");
      b.append(text(x + 16, 16, s.label(), "start", 12, "#344054", 30));
      x += 24 + (int) (s.label().length() * CHAR) + 14;
    }
    for (int r = 0; r < rows.size(); r++) {
      int y = top + r * rowHeight;
      b.append(text(labelWidth - 10, y + 15, rows.get(r), "end", 12, "#101828", 28));
      double cx = labelWidth;
      int total = 0;
      for (Series s : series) {
        int v = s.values().get(r);
        total += v;
        if (v == 0) continue;
        double w = (double) v / max * barWidth;
        b.append("<rect x=\"").append(fmt(cx)).append("\" y=\"").append(y + 3).append("\" width=\"").append(fmt(w))
            .append("\" height=\"17\" fill=\"").append(s.colour()).append("\"><title>").append(html(rows.get(r) + ": " + v + " " + s.label()))
            .append("</title></rect>");
        cx += w;
      }
      b.append(text((int) cx + 6, y + 16, Integer.toString(total), "start", 12, "#344054", 10));
    }
    b.append("<line x1=\"").append(labelWidth).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(labelWidth)
        .append("\" y2=\"").append(height - 8).append("\" stroke=\"#d0d5dd\"/>");
    return b.append("</svg>").toString();
  }

  /** One sighting on the timeline: the lane (host) it belongs to, first and last seen, and its label. */
  record Span(String lane, Instant from, Instant to, long count, String label, boolean severe) {}

  /**
   * Sightings over time: one lane per host, each sighting a bar from first to last seen (a dot when they are equal),
   * on a shared UTC time axis.
   */
  static String timeline(String title, List<Span> spans) {
    List<String> lanes = new ArrayList<>();
    for (Span s : spans) if (!lanes.contains(s.lane())) lanes.add(s.lane());
    Instant min = spans.stream().map(Span::from).min(Instant::compareTo).orElseThrow();
    Instant max = spans.stream().map(Span::to).max(Instant::compareTo).orElseThrow();
    long range = Math.max(Duration.between(min, max).toSeconds(), 3600);
    // Half a step of margin either side so a single instant is not drawn on the frame.
    min = min.minusSeconds(range / 20);
    range = range + range / 10;
    int left = 180;
    int width = 520;
    int laneHeight = 24;
    int top = 10;
    int height = top + lanes.size() * laneHeight + 36;
    StringBuilder b = open(720, height, title);
    for (int i = 0; i < lanes.size(); i++) {
      int y = top + i * laneHeight;
      if (i % 2 == 0) b.append("<rect x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(width)
          .append("\" height=\"").append(laneHeight).append("\" fill=\"#f9fafb\"/>");
      b.append(text(left - 8, y + 16, lanes.get(i), "end", 12, "#101828", 26));
    }
    DateTimeFormatter tick = range > 3 * 86400 ? DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC)
        : DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    int axisY = top + lanes.size() * laneHeight;
    b.append("<line x1=\"").append(left).append("\" y1=\"").append(axisY).append("\" x2=\"").append(left + width)
        .append("\" y2=\"").append(axisY).append("\" stroke=\"#98a2b3\"/>");
    for (int t = 0; t <= 4; t++) {
      double x = left + width * t / 4.0;
      Instant at = min.plusSeconds(range * t / 4);
      b.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(top).append("\" x2=\"").append(fmt(x)).append("\" y2=\"")
          .append(axisY + 4).append("\" stroke=\"#eaecf0\"/>");
      b.append(text((int) x, axisY + 18, tick.format(at), t == 0 ? "start" : t == 4 ? "end" : "middle", 11, "#475467", 14));
    }
    for (Span s : spans) {
      int lane = lanes.indexOf(s.lane());
      int y = top + lane * laneHeight;
      double x1 = left + width * (double) Duration.between(min, s.from()).toSeconds() / range;
      double x2 = left + width * (double) Duration.between(min, s.to()).toSeconds() / range;
      String colour = s.severe() ? AFFECTED : POTENTIAL;
      String tip = s.label() + " · " + s.count() + " event(s) · " + ReportText.stamp(s.from()) + " – " + ReportText.stamp(s.to());
      if (x2 - x1 < 8) {
        b.append("<circle cx=\"").append(fmt((x1 + x2) / 2)).append("\" cy=\"").append(y + 12).append("\" r=\"6\" fill=\"").append(colour)
            .append("\" fill-opacity=\"0.85\"><title>").append(html(tip)).append("</title></circle>");
      } else {
        b.append("<rect x=\"").append(fmt(x1)).append("\" y=\"").append(y + 6).append("\" width=\"").append(fmt(x2 - x1))
            .append("\" height=\"12\" rx=\"6\" fill=\"").append(colour).append("\" fill-opacity=\"0.85\"><title>").append(html(tip))
            .append("</title></rect>");
      }
    }
    b.append(text(left + width, height - 2, "time (UTC)", "end", 10, "#667085", 12));
    return b.append("</svg>").toString();
  }

  /**
   * A trust-graph path: one box per node (its kind above its name), arrows between them labelled with the edge that
   * carries the compromise, ending at the assets that run the release.
   *
   * @param index distinguishes this picture's arrow marker from those of the others in the same document
   */
  static String path(int index, String title, List<String> nodes, List<String> hops, String end) {
    List<String> all = new ArrayList<>(nodes);
    all.add(end);
    int n = all.size();
    int gap = 46;
    int boxWidth = Math.min(190, (720 - 10 - (n - 1) * gap) / n);
    int chars = (int) ((boxWidth - 12) / CHAR);
    int height = 96;
    StringBuilder b = open(720, height, title);
    b.append("<defs><marker id=\"arrow" + index + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
        + "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#475467\"/></marker></defs>");
    for (int i = 0; i < n; i++) {
      int x = 5 + i * (boxWidth + gap);
      String node = all.get(i);
      String kind = i == n - 1 ? "installed on" : node.contains(":") ? node.substring(0, node.indexOf(':')) : "";
      String name = i == n - 1 ? node : node.contains(":") ? node.substring(node.indexOf(':') + 1) : node;
      boolean incident = kind.equals("incident");
      String fill = incident ? "#fef3f2" : i == n - 1 ? "#f0f9ff" : "#f9fafb";
      String stroke = incident ? AFFECTED : i == n - 1 ? "#0086c9" : "#98a2b3";
      b.append("<rect x=\"").append(x).append("\" y=\"22\" width=\"").append(boxWidth).append("\" height=\"56\" rx=\"6\" fill=\"")
          .append(fill).append("\" stroke=\"").append(stroke).append("\"><title>").append(html(node)).append("</title></rect>");
      b.append(text(x + boxWidth / 2, 37, kind.toUpperCase(Locale.ROOT), "middle", 9, stroke, chars));
      // "Vendor/Product@version#platform": the vendor on one line, the rest on the next.
      int slash = i == n - 1 ? -1 : name.indexOf('/');
      List<String> lines = slash > 0 ? List.of(cut(name.substring(0, slash), chars), cut(name.substring(slash + 1), chars)) : wrap(name, chars, 2);
      for (int l = 0; l < lines.size(); l++) b.append(text(x + boxWidth / 2, 54 + l * 14, lines.get(l), "middle", 11, "#101828", chars + 1));
      if (i + 1 < n) {
        int ax = x + boxWidth + 2;
        b.append("<line x1=\"").append(ax).append("\" y1=\"50\" x2=\"").append(ax + gap - 5).append("\" y2=\"50\" stroke=\"#475467\" stroke-width=\"1.5\" marker-end=\"url(#arrow" + index + ")\"/>");
        String hop = i < hops.size() ? hops.get(i) : "";
        if (!hop.isEmpty()) {
          List<String> hl = wrap(hop, 9, 2);
          for (int l = 0; l < hl.size(); l++) b.append(text(ax + gap / 2, 12 + l * 10 - (hl.size() - 1) * 2, hl.get(l), "middle", 9, "#344054", 10));
        }
      }
    }
    return b.append("</svg>").toString();
  }

  /** Splits text into at most {@code lines} lines of {@code width} characters, at spaces or slashes where possible. */
  static List<String> wrap(String text, int width, int lines) {
    List<String> out = new ArrayList<>();
    String rest = text;
    while (!rest.isEmpty() && out.size() < lines) {
      if (rest.length() <= width) {
        out.add(rest);
        rest = "";
        break;
      }
      int cut = -1;
      for (int i = Math.min(width, rest.length() - 1); i > 0; i--) {
        char c = rest.charAt(i);
        if (c == ' ' || c == '/' || c == '@' || c == '#') {
          cut = i;
          break;
        }
      }
      if (cut < 0) cut = width;
      out.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      String last = out.get(out.size() - 1);
      out.set(out.size() - 1, (last.length() >= width ? last.substring(0, Math.max(1, width - 1)) : last) + "…");
    }
    return out;
  }

  private static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, Math.max(1, max - 1)) + "…" : s;
  }

  /** A coloured matrix cell's colour by the worst status in it. */
  static String worst(Map<String, Long> statuses) {
    if (statuses.getOrDefault("affected", 0L) > 0) return AFFECTED;
    if (statuses.getOrDefault("potential", 0L) > 0) return POTENTIAL;
    if (statuses.getOrDefault("unknown", 0L) > 0) return UNKNOWN;
    return "#ffffff";
  }

  private static StringBuilder open(int width, int height, String title) {
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\">");
    b.append("<title>").append(html(title)).append("</title>");
    return b;
  }

  /** A text element, shortened to {@code max} characters with an ellipsis. */
  private static String text(int x, int y, String s, String anchor, int size, String colour, int max) {
    String shown = s.length() > max ? s.substring(0, Math.max(1, max - 1)) + "…" : s;
    return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size + "\" fill=\"" + colour + "\">"
        + html(shown) + "</text>";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
