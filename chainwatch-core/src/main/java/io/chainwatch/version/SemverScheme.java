package io.chainwatch.version;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * SemVer 2.0.0 precedence (https://semver.org, section 11): {@code MAJOR.MINOR.PATCH}, then a prerelease sorts
 * before its release, prerelease identifiers compare numerically when numeric, in ASCII order otherwise, numeric
 * before alphanumeric, and a longer list of equal leading identifiers sorts later; build metadata is ignored.
 *
 * <p>One class serves several vers schemes that differ only in the prefix they tolerate: {@code semver} and
 * {@code cargo} take none, {@code npm} takes {@code =} and/or {@code v} (as node-semver's {@code clean} does),
 * {@code golang} takes {@code v} (Go module versions always carry it).
 */
final class SemverScheme extends ParsedVersionScheme<SemverScheme.Semver> {
  record Semver(String major, String minor, String patch, List<String> prerelease) {}

  enum Prefix { NONE, V, NPM }

  private final Prefix prefix;

  SemverScheme(String name, Prefix prefix) {
    super(name);
    this.prefix = prefix;
  }

  @Override
  @Nullable Semver parseVersion(String version) {
    String v = stripPrefix(version);
    int plus = v.indexOf('+');
    if (plus >= 0) {
      if (identifiers(v.substring(plus + 1), false) == null) return null;
      v = v.substring(0, plus);
    }
    List<String> prerelease = List.of();
    int dash = v.indexOf('-');
    if (dash >= 0) {
      prerelease = identifiers(v.substring(dash + 1), true);
      if (prerelease == null) return null;
      v = v.substring(0, dash);
    }
    String[] core = v.split("\\.", -1);
    if (core.length != 3) return null;
    for (String part : core) {
      if (!isNumber(part)) return null;
    }
    return new Semver(core[0], core[1], core[2], prerelease);
  }

  private String stripPrefix(String version) {
    int i = 0;
    if (prefix == Prefix.NPM && version.startsWith("=")) i++;
    if (prefix != Prefix.NONE && version.startsWith("v", i)) i++;
    return version.substring(i);
  }

  /** Dot-separated identifiers of {@code [0-9A-Za-z-]}; prerelease numbers may not have leading zeros. */
  private static @Nullable List<String> identifiers(String text, boolean prerelease) {
    String[] ids = text.split("\\.", -1);
    for (String id : ids) {
      if (id.isEmpty()) return null;
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        if (!Digits.isDigit(c) && !Digits.isLetter(c) && c != '-') return null;
      }
      if (prerelease && Digits.allDigits(id) && !isNumber(id)) return null;
    }
    return List.of(ids);
  }

  private static boolean isNumber(String s) {
    return Digits.allDigits(s) && (s.length() == 1 || s.charAt(0) != '0');
  }

  @Override
  int compareParsed(Semver a, Semver b) {
    int c = Digits.compare(a.major(), b.major());
    if (c == 0) c = Digits.compare(a.minor(), b.minor());
    if (c == 0) c = Digits.compare(a.patch(), b.patch());
    if (c != 0) return c;
    return comparePrerelease(a.prerelease(), b.prerelease());
  }

  private static int comparePrerelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) return Boolean.compare(a.isEmpty(), b.isEmpty());
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean nx = Digits.allDigits(x);
      boolean ny = Digits.allDigits(y);
      int c = nx && ny ? Digits.compare(x, y) : nx != ny ? (nx ? -1 : 1) : Integer.signum(x.compareTo(y));
      if (c != 0) return c;
    }
    return Integer.compare(a.size(), b.size());
  }
}
