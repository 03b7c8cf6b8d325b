package io.chainwatch.triage;

import io.chainwatch.hunt.Sighting;
import java.util.Locale;
import java.util.Set;

/**
 * A case's severity: how strong its best sighting is, raised by how critical the customer is.
 *
 * <p>Strength (0–3): an indicator match on a hash or an exact URL is 3 (it names one file or one request); on a domain
 * or host name 3 when two or more sources name the indicator, else 2; on an address, network, URL prefix or file name
 * 1, plus 1 with two or more sources (addresses are shared infrastructure, file names are easily reused). A Sigma
 * rule's level gives critical 3, high 2, medium 1, else 0; beaconing high 2, medium 1, else 0. The score adds the
 * customer's criticality less one (0–4): 6 and up is critical, 4–5 high, 2–3 medium, below low.
 */
public final class SeverityRules {
  private static final Set<String> EXACT = Set.of("sha256", "sha1", "md5", "url");
  private static final Set<String> NAMES = Set.of("domain", "hostname");

  private SeverityRules() {}

  /** @param sources how many distinct source files name the indicator (0 for rules and beaconing) */
  public static int strength(Sighting s, int sources) {
    String level = s.level() == null ? "" : s.level().toLowerCase(Locale.ROOT);
    if (s.detector().equals("ioc")) {
      if (EXACT.contains(s.indicatorType())) return 3;
      if (NAMES.contains(s.indicatorType())) return sources >= 2 ? 3 : 2;
      return sources >= 2 ? 2 : 1;
    }
    if (s.detector().startsWith("sigma:")) {
      return switch (level) {
        case "critical" -> 3;
        case "high" -> 2;
        case "medium" -> 1;
        default -> 0;
      };
    }
    return switch (level) {
      case "high" -> 2;
      case "medium" -> 1;
      default -> 0;
    };
  }

  public static Severity severity(int strength, int criticality) {
    int score = strength + Math.max(0, Math.min(4, criticality - 1));
    if (score >= 6) return Severity.CRITICAL;
    if (score >= 4) return Severity.HIGH;
    if (score >= 2) return Severity.MEDIUM;
    return Severity.LOW;
  }
}
