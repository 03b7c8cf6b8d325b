package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Chainwatch's order for {@code vers:generic}, used for vendor software without a package registry. The vers spec
 * leaves {@code generic} undefined ("to be specified later"), so this is Chainwatch's own contract:
 *
 * <ul>
 *   <li>a version is dot-separated segments; each segment is a number optionally followed by a suffix
 *       ({@code 90p608} is 90 with suffix {@code p608});
 *   <li>numbers compare numerically ({@code 1.10 > 1.9}); missing trailing segments count as {@code 0}
 *       ({@code 1.0 == 1.0.0});
 *   <li>a suffix sorts after the bare number and before the next number ({@code 7.17.90 < 7.17.90p608 < 7.17.91});
 *       suffixes compare case-insensitively, digit runs inside them numerically;
 *   <li>a segment without a leading number sorts before every numbered segment;
 *   <li>a leading {@code v} is ignored; white space is dropped, as vers drops it from its strings, so the
 *       {@code 2020.2.1 HF1} an inventory reports equals the {@code 2020.2.1HF1} of {@code vers:generic/2020.2.1 HF1};
 *   <li>a version needs at least one digit and no empty segment ({@code latest}, {@code unknown}, {@code ""} are
 *       not versions).
 * </ul>
 */
final class GenericScheme extends ParsedVersionScheme<List<GenericScheme.Segment>> {
  /** One dot-separated segment: its leading number ({@code null} when it has none) and the rest, lower-cased. */
  record Segment(@Nullable String number, String suffix) {}

  private static final Segment ZERO = new Segment("0", "");

  GenericScheme() {
    super("generic");
  }

  @Override
  @Nullable List<Segment> parseVersion(String version) {
    String v = dropWhitespace(version);
    if (v.isEmpty()) return null;
    if ((v.charAt(0) == 'v' || v.charAt(0) == 'V') && v.length() > 1 && Digits.isDigit(v.charAt(1))) {
      v = v.substring(1);
    }
    boolean hasDigit = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isISOControl(c)) return null;
      hasDigit |= Digits.isDigit(c);
    }
    if (!hasDigit) return null;
    List<Segment> segments = new ArrayList<>();
    int start = 0;
    while (start <= v.length()) {
      int dot = v.indexOf('.', start);
      int end = dot < 0 ? v.length() : dot;
      if (end == start) return null;
      int digitsEnd = start;
      while (digitsEnd < end && Digits.isDigit(v.charAt(digitsEnd))) digitsEnd++;
      String number = digitsEnd == start ? null : Digits.strip(v.substring(start, digitsEnd));
      segments.add(new Segment(number, v.substring(digitsEnd, end).toLowerCase(Locale.ROOT)));
      start = end + 1;
    }
    // Trailing zero segments do not change the order: 1.0.0 == 1.0 == 1.
    while (segments.size() > 1 && segments.get(segments.size() - 1).equals(ZERO)) {
      segments.remove(segments.size() - 1);
    }
    return segments;
  }

  private static String dropWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        StringBuilder b = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
          if (!Character.isWhitespace(s.charAt(j))) b.append(s.charAt(j));
        }
        return b.toString();
      }
    }
    return s;
  }

  @Override
  int compareParsed(List<Segment> a, List<Segment> b) {
    int n = Math.max(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      Segment x = i < a.size() ? a.get(i) : ZERO;
      Segment y = i < b.size() ? b.get(i) : ZERO;
      int c = compareSegment(x, y);
      if (c != 0) return c;
    }
    return 0;
  }

  private static int compareSegment(Segment x, Segment y) {
    String p = x.number();
    String q = y.number();
    if (p == null || q == null) {
      if (p != null) return 1;
      if (q != null) return -1;
    } else {
      int c = Digits.compare(p, q);
      if (c != 0) return c;
    }
    return compareSuffix(x.suffix(), y.suffix());
  }

  /** Natural order: runs of digits compare numerically and sort before runs of other characters. */
  static int compareSuffix(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      boolean da = Digits.isDigit(a.charAt(i));
      boolean db = Digits.isDigit(b.charAt(j));
      if (da != db) return da ? -1 : 1;
      int ei = runEnd(a, i, da);
      int ej = runEnd(b, j, db);
      String ra = a.substring(i, ei);
      String rb = b.substring(j, ej);
      int c = da ? Digits.compare(ra, rb) : Integer.signum(ra.compareTo(rb));
      if (c != 0) return c;
      i = ei;
      j = ej;
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static int runEnd(String s, int from, boolean digits) {
    int k = from;
    while (k < s.length() && Digits.isDigit(s.charAt(k)) == digits) k++;
    return k;
  }
}
