package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RubyGems version order ({@code Gem::Version#<=>}): a version is digits, then dot-separated alphanumeric parts, with
 * an optional {@code -prerelease} that reads as {@code .pre.prerelease}; it splits into runs of digits and of letters;
 * trailing zeros of the release part and of the prerelease part are insignificant; runs compare pairwise with
 * missing ones as 0, letters before numbers (so {@code 1.0.a < 1.0}), letters in byte order, numbers by value.
 */
final class GemScheme extends ParsedVersionScheme<List<String>> {
  GemScheme() {
    super("gem");
  }

  @Override
  @Nullable List<String> parseVersion(String version) {
    if (!wellFormed(version)) return null;
    List<String> runs = new ArrayList<>();
    String v = version.replace("-", ".pre.");
    int i = 0;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (c == '.') {
        i++;
        continue;
      }
      boolean digits = Digits.isDigit(c);
      int end = i;
      while (end < v.length() && v.charAt(end) != '.' && Digits.isDigit(v.charAt(end)) == digits) end++;
      runs.add(digits ? Digits.strip(v.substring(i, end)) : v.substring(i, end));
      i = end;
    }
    int firstWord = 0;
    while (firstWord < runs.size() && isNumber(runs.get(firstWord))) firstWord++;
    List<String> canonical = new ArrayList<>(dropTrailingZeros(runs.subList(0, firstWord)));
    canonical.addAll(dropTrailingZeros(runs.subList(firstWord, runs.size())));
    return canonical;
  }

  /** RubyGems' pattern: {@code [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?}. */
  private static boolean wellFormed(String v) {
    int dash = v.indexOf('-');
    String release = dash < 0 ? v : v.substring(0, dash);
    String[] parts = release.split("\\.", -1);
    if (!Digits.allDigits(parts[0])) return false;
    for (String part : parts) {
      if (!alphanumeric(part, false)) return false;
    }
    if (dash < 0) return true;
    for (String part : v.substring(dash + 1).split("\\.", -1)) {
      if (!alphanumeric(part, true)) return false;
    }
    return true;
  }

  private static boolean alphanumeric(String part, boolean dashAllowed) {
    if (part.isEmpty()) return false;
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!Digits.isDigit(c) && !Digits.isLetter(c) && !(dashAllowed && c == '-')) return false;
    }
    return true;
  }

  private static boolean isNumber(String run) {
    return Digits.isDigit(run.charAt(0));
  }

  private static List<String> dropTrailingZeros(List<String> runs) {
    int end = runs.size();
    while (end > 0 && runs.get(end - 1).equals("0")) end--;
    return runs.subList(0, end);
  }

  @Override
  int compareParsed(List<String> a, List<String> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "0";
      String y = i < b.size() ? b.get(i) : "0";
      boolean nx = isNumber(x);
      boolean ny = isNumber(y);
      int c = nx && ny ? Digits.compare(x, y) : nx != ny ? (nx ? 1 : -1) : Integer.signum(x.compareTo(y));
      if (c != 0) return c;
    }
    return 0;
  }
}
