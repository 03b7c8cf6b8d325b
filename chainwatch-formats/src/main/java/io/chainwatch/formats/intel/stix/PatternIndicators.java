package io.chainwatch.formats.intel.stix;

import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.InvalidIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reduces a STIX pattern to indicators a hunt can match, or says why it cannot. Huntable: an OR (inside or between
 * observations) of equalities or {@code IN} lists on domain names, addresses, URLs, file hashes and file names, and
 * {@code url:value LIKE 'prefix%'}. Everything else (AND, FOLLOWEDBY, NOT, qualifiers, MATCHES, other objects) is
 * context.
 */
final class PatternIndicators {
  /** Either indicators or a reason. */
  record Reduction(List<Indicator> indicators, String reason) {
    boolean huntable() {
      return reason.isEmpty();
    }
  }

  private static final Map<String, IndicatorType> HASHES = Map.of(
      "md5", IndicatorType.MD5, "sha-1", IndicatorType.SHA1, "sha1", IndicatorType.SHA1,
      "sha-256", IndicatorType.SHA256, "sha256", IndicatorType.SHA256);

  private PatternIndicators() {}

  static Reduction reduce(StixPattern.Node node) {
    List<Indicator> out = new ArrayList<>();
    String reason = collect(node, out);
    return reason == null ? new Reduction(List.copyOf(out), "") : new Reduction(List.of(), reason);
  }

  private static @Nullable String collect(StixPattern.Node node, List<Indicator> out) {
    if (node instanceof StixPattern.Observation) {
      StixPattern.Observation o = (StixPattern.Observation) node;
      if (!o.qualifiers().isEmpty()) return "the pattern has qualifiers (" + String.join(", ", o.qualifiers()) + ") a single match cannot honour";
      return collect(o.body(), out);
    }
    if (node instanceof StixPattern.Combined) {
      StixPattern.Combined c = (StixPattern.Combined) node;
      if (!c.operator().equals("OR")) return "the pattern combines conditions with " + c.operator();
      String left = collect(c.left(), out);
      return left != null ? left : collect(c.right(), out);
    }
    StixPattern.Comparison c = (StixPattern.Comparison) node;
    if (c.negated()) return "the pattern uses NOT";
    IndicatorType type = type(c);
    if (type == null) return "the pattern tests " + c.objectType() + ":" + c.path() + ", which is not an indicator type";
    if (c.operator().equals("LIKE")) {
      String v = c.values().get(0);
      if (type != IndicatorType.URL || !v.endsWith("%") || v.substring(0, v.length() - 1).matches(".*[%_].*")) {
        return "the pattern uses LIKE other than for a URL prefix";
      }
      return add(IndicatorType.URL_PREFIX, v.substring(0, v.length() - 1), out);
    }
    if (c.operator().equals("ISSUBSET") && (type == IndicatorType.IPV4 || type == IndicatorType.IPV6)) {
      return add(IndicatorType.CIDR, c.values().get(0), out);
    }
    if (!c.operator().equals("=") && !c.operator().equals("IN")) return "the pattern uses the operator " + c.operator();
    for (String v : c.values()) {
      String problem = add(type, v, out);
      if (problem != null) return problem;
    }
    return null;
  }

  private static @Nullable String add(IndicatorType type, String value, List<Indicator> out) {
    try {
      out.add(IndicatorNormaliser.normalise(type, value));
      return null;
    } catch (InvalidIndicator e) {
      return "the value '" + value + "' " + e.getMessage();
    }
  }

  private static @Nullable IndicatorType type(StixPattern.Comparison c) {
    String path = c.path();
    switch (c.objectType()) {
      case "domain-name":
        return path.equals("value") ? IndicatorType.DOMAIN : null;
      case "ipv4-addr":
        return path.equals("value") ? IndicatorType.IPV4 : null;
      case "ipv6-addr":
        return path.equals("value") ? IndicatorType.IPV6 : null;
      case "url":
        return path.equals("value") ? IndicatorType.URL : null;
      case "file":
        if (path.equals("name")) return IndicatorType.FILENAME;
        if (path.startsWith("hashes.")) return HASHES.get(path.substring(7).toLowerCase(Locale.ROOT));
        return null;
      default:
        return null;
    }
  }
}
