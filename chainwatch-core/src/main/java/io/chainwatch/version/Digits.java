package io.chainwatch.version;

/**
 * Comparison of decimal digit runs of any length. Version numbers are compared as text so that a 30-digit build number
 * neither overflows nor needs a BigInteger.
 */
final class Digits {
  private Digits() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean allDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) return false;
    }
    return true;
  }

  /** {@code digits} without leading zeros; {@code "0"} for zero. */
  static String strip(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') i++;
    return digits.substring(i);
  }

  /** Compares two digit runs by value (leading zeros ignored). */
  static int compare(String a, String b) {
    String x = strip(a);
    String y = strip(b);
    if (x.length() != y.length()) return Integer.compare(x.length(), y.length());
    return Integer.signum(x.compareTo(y));
  }

  static boolean isZero(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) != '0') return false;
    }
    return true;
  }
}
