package io.chainwatch.portfolio;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The version-free part of package identifiers, for matching an installation to an advisory when both carry one:
 * {@code pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows} → {@code pkg:generic/3cx/3cx-desktopapp} and
 * {@code cpe:2.3:a:3cx:3cx_desktop_app:18.12.416:*:*:*:*:*:*:*} → {@code a:3cx:3cx_desktop_app}.
 */
public final class PackageIds {
  private PackageIds() {}

  /** The purl without version, qualifiers and subpath, lower-cased; null if {@code purl} is not a purl. */
  public static @Nullable String purlBase(@Nullable String purl) {
    if (purl == null) return null;
    String p = purl.trim();
    if (!p.regionMatches(true, 0, "pkg:", 0, 4)) return null;
    p = p.substring(4);
    while (p.startsWith("/")) p = p.substring(1); // tolerate pkg://
    int cut = p.length();
    for (char c : new char[] {'#', '?', '@'}) {
      int i = p.indexOf(c);
      if (i >= 0 && i < cut) cut = i;
    }
    // '@' may be percent-encoded inside a name; only a literal '@' separates the version.
    String base = p.substring(0, cut);
    if (base.indexOf('/') < 0) return null;
    return "pkg:" + base.toLowerCase(Locale.ROOT);
  }

  /** The part, vendor and product of a CPE 2.2 URI or 2.3 formatted string, lower-cased; null if not a CPE. */
  public static @Nullable String cpeBase(@Nullable String cpe) {
    if (cpe == null) return null;
    String c = cpe.trim().toLowerCase(Locale.ROOT);
    String[] f;
    if (c.startsWith("cpe:2.3:")) {
      f = c.substring(8).split(":", -1);
    } else if (c.startsWith("cpe:/")) {
      f = c.substring(5).split(":", -1);
    } else {
      return null;
    }
    if (f.length < 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) return null;
    return f[0] + ":" + f[1] + ":" + f[2];
  }
}
