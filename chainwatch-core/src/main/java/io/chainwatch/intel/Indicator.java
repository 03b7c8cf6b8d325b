package io.chainwatch.intel;

/**
 * An observable that points at compromise: a C2 domain, an address, a file hash.
 *
 * @param type one of {@code domain}, {@code hostname}, {@code ipv4}, {@code ipv6}, {@code cidr}, {@code url},
 *     {@code url-prefix}, {@code md5}, {@code sha1}, {@code sha256}, {@code filename}
 * @param value the value as the source wrote it
 */
public record Indicator(String type, String value) {
  public Indicator {
    if (type.isBlank()) throw new IllegalArgumentException("indicator type is empty");
    if (value.isBlank()) throw new IllegalArgumentException("indicator value is empty");
  }
}
