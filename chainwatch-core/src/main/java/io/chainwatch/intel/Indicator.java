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

  // equals and hashCode written out, as the record's would be: the generated ones are bound at their first call through
  // the JDK's method-handle bootstrap, which spins about fifteen classes (10 to 20 ms, at the end of every hunt that
  // found anything) that a class-data archive cannot hold.
  @Override
  public boolean equals(Object o) {
    return o instanceof Indicator other && type.equals(other.type) && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + value.hashCode();
  }
}
