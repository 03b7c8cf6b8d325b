package io.chainwatch.cli;

import io.chainwatch.exposure.CustomerExposure;
import io.chainwatch.exposure.ExposedInstallation;
import io.chainwatch.exposure.ExposureReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture of an exposure: every node of every path once, an arrow for each hop (the way a compromise travels, from
 * the incident or subject to the installed release, labelled with the trust edge that carries it, e.g. {@code bundles
 * 80%}: the node at the head of the arrow bundles the one at its tail), and an arrow from each release to the customers running it,
 * labelled with how many of their assets do. Graphviz DOT or a Mermaid flowchart; labels are escaped for each, so
 * names from input files cannot break out of them.
 */
final class PathGraphView {
  private PathGraphView() {}

  /** Nodes by label, in first-seen order, and hops with their labels. */
  private static final class Graph {
    final Map<String, String> ids = new LinkedHashMap<>();
    final Map<List<String>, String> edges = new LinkedHashMap<>();

    String id(String label) {
      return ids.computeIfAbsent(label, l -> "n" + ids.size());
    }
  }

  private static Graph build(ExposureReport report) {
    Graph g = new Graph();
    for (CustomerExposure c : report.customers()) {
      Map<String, Integer> assetsByRelease = new LinkedHashMap<>();
      for (ExposedInstallation e : c.installations()) {
        List<String> path = e.path();
        for (int i = 0; i + 1 < path.size(); i++) g.edges.putIfAbsent(List.of(g.id(path.get(i)), g.id(path.get(i + 1))), e.hops().get(i));
        if (!path.isEmpty()) assetsByRelease.merge(path.get(path.size() - 1), 1, Integer::sum);
      }
      String customer = g.id("customer:" + c.customer() + " (criticality " + c.criticality() + ")");
      assetsByRelease.forEach((release, n) ->
          g.edges.put(List.of(g.id(release), customer), n + (n == 1 ? " installation" : " installations")));
    }
    return g;
  }

  static void dot(PrintWriter out, ExposureReport report) {
    Graph g = build(report);
    out.println("digraph exposure {");
    out.println("  label=" + dotQuote(report.subject()) + ";");
    out.println("  rankdir=LR;");
    out.println("  node [shape=box, fontname=\"Helvetica\"];");
    g.ids.forEach((label, id) -> out.println("  " + id + " [label=" + dotQuote(label) + "];"));
    g.edges.forEach((ends, label) -> out.println("  " + ends.get(0) + " -> " + ends.get(1)
        + (label.isEmpty() ? "" : " [label=" + dotQuote(label) + "]") + ";"));
    out.println("}");
  }

  static void mermaid(PrintWriter out, ExposureReport report) {
    Graph g = build(report);
    out.println("flowchart LR");
    g.ids.forEach((label, id) -> out.println("  " + id + "[\"" + mermaidText(label) + "\"]"));
    g.edges.forEach((ends, label) -> out.println("  " + ends.get(0) + " -->" + (label.isEmpty() ? "" : "|\"" + mermaidText(label) + "\"|") + " " + ends.get(1)));
  }

  /** A DOT string: backslashes and quotes escaped, line breaks and other control characters as spaces. */
  static String dotQuote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') b.append('\\').append(ch);
      else if (Character.isISOControl(ch)) b.append(' ');
      else b.append(ch);
    }
    return b.append('"').toString();
  }

  /** Mermaid text in quotes: anything but plain letters, digits and harmless punctuation as an entity code ({@code #35;}). */
  static String mermaidText(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (Character.isLetterOrDigit(cp) || " .,:/@_()+-".indexOf(cp) >= 0) b.appendCodePoint(cp);
      else b.append('#').append(cp).append(';');
    });
    return b.toString();
  }
}
