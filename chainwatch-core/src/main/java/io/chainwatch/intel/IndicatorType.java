package io.chainwatch.intel;

import java.util.Optional;

/** The kinds of indicator Chainwatch hunts for (CONTRACT.md), by their wire names. */
public enum IndicatorType {
  /** A domain and every name under it at a label boundary. */
  DOMAIN("domain"),
  /** Exactly this host name. */
  HOSTNAME("hostname"),
  IPV4("ipv4"),
  IPV6("ipv6"),
  CIDR("cidr"),
  /** Exactly this URL. */
  URL("url"),
  /** Every URL that starts with this one. */
  URL_PREFIX("url-prefix"),
  MD5("md5"),
  SHA1("sha1"),
  SHA256("sha256"),
  FILENAME("filename");

  private final String wireName;

  IndicatorType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<IndicatorType> parse(String wire) {
    for (IndicatorType t : values()) if (t.wireName.equals(wire)) return Optional.of(t);
    return Optional.empty();
  }
}
