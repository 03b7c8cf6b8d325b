package io.chainwatch.formats.inventory;

/**
 * Checks IP address literals by their text alone. {@code InetAddress.getByName} would resolve anything that is not a
 * literal through DNS, which an importer must never do with untrusted text.
 */
final class IpLiterals {
  private IpLiterals() {}

  /** Four decimal numbers 0–255 separated by dots, without leading zeros (which some tools read as octal). */
  static boolean isIpv4(String s) {
    return isIpv4(s, 0, s.length());
  }

  /** RFC 4291 text forms: eight groups of 1–4 hex digits, one {@code ::}, an optional trailing IPv4; no zone. */
  static boolean isIpv6(String s) {
    int n = s.length();
    if (n < 2 || n > 45) return false;
    int groups = 0;
    boolean compressed = false;
    int i = 0;
    if (s.startsWith("::")) {
      compressed = true;
      i = 2;
      if (i == n) return true;
    } else if (s.charAt(0) == ':') {
      return false;
    }
    while (i < n) {
      int from = i;
      while (i < n && i - from < 5 && isHex(s.charAt(i))) i++;
      int digits = i - from;
      if (i < n && s.charAt(i) == '.') {
        // A trailing dotted IPv4 counts as two groups.
        if (!isIpv4(s, from, n)) return false;
        groups += 2;
        i = n;
        break;
      }
      if (digits == 0 || digits > 4) return false;
      groups++;
      if (i == n) break;
      if (s.charAt(i) != ':') return false;
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (compressed) return false;
        compressed = true;
        i++;
        if (i == n) break;
      } else if (i == n) {
        return false; // a single trailing ':'
      }
    }
    return compressed ? groups < 8 : groups == 8;
  }

  private static boolean isIpv4(String s, int from, int to) {
    int parts = 0;
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && i - start < 3 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) return false;
      parts++;
      if (i == to) return parts == 4;
      if (s.charAt(i) != '.' || parts == 4) return false;
      i++;
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
