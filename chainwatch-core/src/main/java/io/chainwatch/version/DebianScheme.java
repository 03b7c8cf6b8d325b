package io.chainwatch.version;

import org.jspecify.annotations.Nullable;

/**
 * Debian version order (Debian Policy 5.6.12, dpkg {@code verrevcmp}): {@code [epoch:]upstream[-revision]}; epochs
 * compare numerically; upstream and revision compare by alternating non-digit and digit runs, where in non-digit runs
 * {@code ~} sorts before everything, even the end of the string ({@code 1.0~rc1 < 1.0}), then letters, then other
 * characters, and digit runs compare numerically. A missing revision equals an empty one.
 */
final class DebianScheme extends ParsedVersionScheme<DebianScheme.Deb> {
  record Deb(String epoch, String upstream, String revision) {}

  DebianScheme() {
    super("deb");
  }

  @Override
  @Nullable Deb parseVersion(String version) {
    String epoch = "0";
    String rest = version;
    int colon = version.indexOf(':');
    if (colon >= 0) {
      epoch = version.substring(0, colon);
      if (!Digits.allDigits(epoch)) return null;
      rest = version.substring(colon + 1);
    }
    String upstream = rest;
    String revision = "";
    int dash = rest.lastIndexOf('-');
    if (dash >= 0) {
      upstream = rest.substring(0, dash);
      revision = rest.substring(dash + 1);
      if (revision.isEmpty() || !allowed(revision, "+.~")) return null;
    }
    if (upstream.isEmpty() || !Digits.isDigit(upstream.charAt(0)) || !allowed(upstream, "+.~-")) return null;
    return new Deb(Digits.strip(epoch), upstream, revision);
  }

  private static boolean allowed(String s, String punctuation) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Digits.isDigit(c) && !Digits.isLetter(c) && punctuation.indexOf(c) < 0) return false;
    }
    return true;
  }

  @Override
  int compareParsed(Deb a, Deb b) {
    int c = Digits.compare(a.epoch(), b.epoch());
    if (c == 0) c = verrevcmp(a.upstream(), b.upstream());
    if (c == 0) c = verrevcmp(a.revision(), b.revision());
    return c;
  }

  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !Digits.isDigit(a.charAt(i))) || (j < b.length() && !Digits.isDigit(b.charAt(j)))) {
        int ac = order(a, i);
        int bc = order(b, j);
        if (ac != bc) return Integer.signum(ac - bc);
        i++;
        j++;
      }
      int si = i;
      int sj = j;
      while (i < a.length() && Digits.isDigit(a.charAt(i))) i++;
      while (j < b.length() && Digits.isDigit(b.charAt(j))) j++;
      int c = Digits.compare(si == i ? "0" : a.substring(si, i), sj == j ? "0" : b.substring(sj, j));
      if (c != 0) return c;
    }
    return 0;
  }

  /** dpkg's character weight: {@code ~} lowest, then end of string and digits, letters, everything else. */
  private static int order(String s, int i) {
    if (i >= s.length()) return 0;
    char c = s.charAt(i);
    if (Digits.isDigit(c)) return 0;
    if (Digits.isLetter(c)) return c;
    if (c == '~') return -1;
    return c + 256;
  }
}
