package io.chainwatch.hunt.siem;

import java.util.Locale;
import java.util.Optional;

/** The query languages {@code hunt --emit} writes. */
public enum QueryLanguage {
  /** Splunk SPL over the CIM data models (raw search for hashes). */
  SPLUNK,
  /** Microsoft Sentinel (and Defender XDR) KQL over the standard tables. */
  KQL,
  /** Elastic ES|QL over ECS fields in {@code logs-*}. */
  ESQL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<QueryLanguage> parse(String s) {
    for (QueryLanguage l : values()) {
      if (l.wireName().equalsIgnoreCase(s.strip())) return Optional.of(l);
    }
    return Optional.empty();
  }
}
