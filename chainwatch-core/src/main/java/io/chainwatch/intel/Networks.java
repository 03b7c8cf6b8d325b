package io.chainwatch.intel;

import java.math.BigInteger;

/** Address arithmetic on normalised indicators: is an address (or a network) inside a network? */
public final class Networks {
  private Networks() {}

  /**
   * @param cidr a normalised {@code cidr} value such as {@code 10.0.0.0/8}
   * @return whether the {@code ipv4}, {@code ipv6} or {@code cidr} indicator lies inside it
   */
  public static boolean contains(String cidr, Indicator inner) {
    int slash = cidr.indexOf('/');
    if (slash < 0) return false;
    String innerAddress;
    int innerPrefix;
    switch (inner.type()) {
      case "ipv4":
      case "ipv6":
        innerAddress = inner.value();
        innerPrefix = -1;
        break;
      case "cidr": {
        int s = inner.value().indexOf('/');
        innerAddress = inner.value().substring(0, s);
        innerPrefix = Integer.parseInt(inner.value().substring(s + 1));
        break;
      }
      default:
        return false;
    }
    String outerAddress = cidr.substring(0, slash);
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    boolean outerV4 = outerAddress.indexOf(':') < 0;
    boolean innerV4 = innerAddress.indexOf(':') < 0;
    if (outerV4 != innerV4) return false;
    int bits = outerV4 ? 32 : 128;
    if (innerPrefix == -1) innerPrefix = bits;
    if (innerPrefix < prefix) return false;
    BigInteger a = number(outerAddress, outerV4);
    BigInteger b = number(innerAddress, innerV4);
    return a.shiftRight(bits - prefix).equals(b.shiftRight(bits - prefix));
  }

  private static BigInteger number(String address, boolean v4) {
    Indicator normal = IndicatorNormaliser.normalise(v4 ? IndicatorType.IPV4 : IndicatorType.IPV6, address);
    String v = normal.value();
    if (v4) {
      long n = 0;
      for (String part : v.split("\\.")) n = (n << 8) | Integer.parseInt(part);
      return BigInteger.valueOf(n);
    }
    // Expand '::' to the missing zero groups.
    String[] halves = v.split("::", -1);
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
    String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":");
    BigInteger n = BigInteger.ZERO;
    int missing = 8 - head.length - tail.length;
    for (String g : head) n = n.shiftLeft(16).or(BigInteger.valueOf(Integer.parseInt(g, 16)));
    for (int i = 0; i < missing; i++) n = n.shiftLeft(16);
    for (String g : tail) n = n.shiftLeft(16).or(BigInteger.valueOf(Integer.parseInt(g, 16)));
    return n;
  }
}
