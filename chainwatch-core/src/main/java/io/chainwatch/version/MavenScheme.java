package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Maven version order: the algorithm of {@code org.apache.maven.artifact.versioning.ComparableVersion} as released in
 * Maven 3.2.5, which is the behaviour the vers-spec Maven test suite encodes (later Maven releases changed some edge
 * cases, e.g. {@code 2.0.a} against {@code 2-1}).
 *
 * <p>A version is parsed into a list of items: numbers, qualifiers and nested lists. {@code .} separates items,
 * {@code -} and every switch between digits and letters open a nested list. Trailing "null" items ({@code 0},
 * the release qualifier, empty lists) are dropped. Qualifiers order as {@code alpha < beta < milestone < rc = cr <
 * snapshot < "" = ga = final < sp}, then unknown qualifiers alphabetically; {@code a1}, {@code b1}, {@code m1} mean
 * alpha-1, beta-1, milestone-1. Comparison is case-insensitive.
 */
final class MavenScheme extends ParsedVersionScheme<List<Object>> {
  /** A numeric item, digits without leading zeros. */
  private record Num(String digits) {}

  /** A qualifier item, already lower-cased and de-aliased. */
  private record Qualifier(String value) {}

  private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
  private static final String RELEASE_INDEX = "5";
  private static final Num ZERO = new Num("0");

  MavenScheme() {
    super("maven");
  }

  @Override
  @Nullable List<Object> parseVersion(String version) {
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c <= ' ' || c >= 0x7f) return null;
    }
    String v = version.toLowerCase(Locale.ROOT);
    List<Object> root = new ArrayList<>();
    List<List<Object>> lists = new ArrayList<>();
    lists.add(root);
    List<Object> list = root;
    boolean isDigit = false;
    int start = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '.' || c == '-') {
        list.add(i == start ? ZERO : item(isDigit, v.substring(start, i)));
        start = i + 1;
        if (c == '-') list = nested(list, lists);
      } else if (Digits.isDigit(c)) {
        if (!isDigit && i > start) {
          list.add(qualifier(v.substring(start, i), true));
          start = i;
          list = nested(list, lists);
        }
        isDigit = true;
      } else {
        if (isDigit && i > start) {
          list.add(item(true, v.substring(start, i)));
          start = i;
          list = nested(list, lists);
        }
        isDigit = false;
      }
    }
    if (v.length() > start) list.add(item(isDigit, v.substring(start)));
    // Innermost lists first, so that an emptied inner list counts as null in its parent.
    for (int i = lists.size() - 1; i >= 0; i--) normalize(lists.get(i));
    return root;
  }

  private static List<Object> nested(List<Object> parent, List<List<Object>> lists) {
    List<Object> child = new ArrayList<>();
    parent.add(child);
    lists.add(child);
    return child;
  }

  private static Object item(boolean isDigit, String text) {
    return isDigit ? new Num(Digits.strip(text)) : qualifier(text, false);
  }

  private static Qualifier qualifier(String text, boolean followedByDigit) {
    String q = text;
    if (followedByDigit && q.length() == 1) {
      switch (q.charAt(0)) {
        case 'a': q = "alpha"; break;
        case 'b': q = "beta"; break;
        case 'm': q = "milestone"; break;
        default: break;
      }
    }
    switch (q) {
      case "ga":
      case "final":
        return new Qualifier("");
      case "cr":
        return new Qualifier("rc");
      default:
        return new Qualifier(q);
    }
  }

  /** Drops trailing null items; a non-null nested list does not stop the scan, any other non-null item does. */
  private static void normalize(List<Object> list) {
    for (int i = list.size() - 1; i >= 0; i--) {
      Object item = list.get(i);
      if (isNull(item)) {
        list.remove(i);
      } else if (!(item instanceof List)) {
        break;
      }
    }
  }

  private static boolean isNull(Object item) {
    if (item instanceof Num) return Digits.isZero(((Num) item).digits());
    if (item instanceof Qualifier) return ((Qualifier) item).value().isEmpty();
    return ((List<?>) item).isEmpty();
  }

  private static String comparable(Qualifier q) {
    int i = QUALIFIERS.indexOf(q.value());
    return i < 0 ? QUALIFIERS.size() + "-" + q.value() : String.valueOf(i);
  }

  @Override
  int compareParsed(List<Object> a, List<Object> b) {
    return compareItems(a, b);
  }

  /** Compares {@code item} with {@code other}; a {@code null} other stands for a missing item (padding). */
  private static int compareItems(Object item, @Nullable Object other) {
    if (item instanceof Num) {
      Num n = (Num) item;
      if (other == null) return Digits.isZero(n.digits()) ? 0 : 1;
      if (other instanceof Num) return Digits.compare(n.digits(), ((Num) other).digits());
      return 1; // 1.1 > 1-sp, 1.1 > 1-1
    }
    if (item instanceof Qualifier) {
      String q = comparable((Qualifier) item);
      if (other == null) return Integer.signum(q.compareTo(RELEASE_INDEX)); // 1-rc < 1, 1-sp > 1
      if (other instanceof Qualifier) return Integer.signum(q.compareTo(comparable((Qualifier) other)));
      return -1; // 1.any < 1.1, 1.any < 1-1
    }
    List<?> list = (List<?>) item;
    if (other == null) return list.isEmpty() ? 0 : compareItems(list.get(0), null);
    if (other instanceof Num) return -1; // 1-1 < 1.0.x
    if (other instanceof Qualifier) return 1; // 1-1 > 1-sp
    List<?> right = (List<?>) other;
    for (int i = 0; i < Math.max(list.size(), right.size()); i++) {
      Object l = i < list.size() ? list.get(i) : null;
      Object r = i < right.size() ? right.get(i) : null;
      int c = l == null ? (r == null ? 0 : -compareItems(r, null)) : compareItems(l, r);
      if (c != 0) return c;
    }
    return 0;
  }
}
