package io.chainwatch.formats.osv;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * OSV ecosystems as Chainwatch sees them: the vers scheme their versions follow and the purl type their packages
 * have. An ecosystem may carry a suffix ({@code Debian:11}, {@code Ubuntu:22.04:LTS}); the part before the first
 * colon decides.
 */
final class Ecosystems {
  private Ecosystems() {}

  /** The vers scheme of the ecosystem's own version order. */
  private static final Map<String, String> SCHEMES = Map.ofEntries(
      Map.entry("Go", "golang"),
      Map.entry("PyPI", "pypi"),
      Map.entry("npm", "npm"),
      Map.entry("Maven", "maven"),
      Map.entry("crates.io", "cargo"),
      Map.entry("NuGet", "nuget"),
      Map.entry("RubyGems", "gem"),
      Map.entry("Debian", "deb"),
      Map.entry("Ubuntu", "deb"),
      Map.entry("Red Hat", "rpm"),
      Map.entry("AlmaLinux", "rpm"),
      Map.entry("Rocky Linux", "rpm"),
      Map.entry("openSUSE", "rpm"),
      Map.entry("SUSE", "rpm"),
      Map.entry("Mageia", "rpm"),
      Map.entry("openEuler", "rpm"),
      Map.entry("Azure Linux", "rpm"),
      Map.entry("Photon OS", "rpm"));

  /** The purl type; Debian-family types take the distribution as namespace. */
  private static final Map<String, String> PURL_TYPES = Map.ofEntries(
      Map.entry("Go", "golang"),
      Map.entry("PyPI", "pypi"),
      Map.entry("npm", "npm"),
      Map.entry("Maven", "maven"),
      Map.entry("crates.io", "cargo"),
      Map.entry("NuGet", "nuget"),
      Map.entry("RubyGems", "gem"),
      Map.entry("Packagist", "composer"),
      Map.entry("Hex", "hex"),
      Map.entry("Pub", "pub"),
      Map.entry("SwiftURL", "swift"),
      Map.entry("Debian", "deb"),
      Map.entry("Ubuntu", "deb"),
      Map.entry("Alpine", "apk"));

  static String base(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
  }

  /** The vers scheme of an ECOSYSTEM range, or null when Chainwatch has no order for the ecosystem. */
  static @Nullable String scheme(String ecosystem) {
    return SCHEMES.get(base(ecosystem));
  }

  /** The scheme of a SEMVER range: the ecosystem's own when it is a SemVer flavour (Go, npm, Cargo), else semver. */
  static String semverScheme(String ecosystem) {
    String s = scheme(ecosystem);
    return s != null && (s.equals("golang") || s.equals("npm") || s.equals("cargo")) ? s : "semver";
  }

  /** Namespace (who publishes) and name of a package, as its purl splits them. */
  record Name(@Nullable String namespace, String name) {}

  static Name split(String ecosystem, String name) {
    String base = base(ecosystem);
    switch (base) {
      case "Maven": {
        int colon = name.indexOf(':');
        return colon > 0 ? new Name(name.substring(0, colon), name.substring(colon + 1)) : new Name(null, name);
      }
      case "npm":
      case "Go":
      case "Packagist": {
        int slash = name.lastIndexOf('/');
        return slash > 0 ? new Name(name.substring(0, slash), name.substring(slash + 1)) : new Name(null, name);
      }
      case "Debian":
      case "Ubuntu":
        return new Name(base.toLowerCase(Locale.ROOT), name);
      case "Alpine":
        return new Name("alpine", name);
      default:
        return new Name(null, name);
    }
  }

  /** The version-free purl of a package, or null when the ecosystem has no purl type. */
  static @Nullable String purl(String ecosystem, String name) {
    String type = PURL_TYPES.get(base(ecosystem));
    if (type == null) return null;
    Name n = split(ecosystem, name);
    String packageName = type.equals("pypi") ? name.toLowerCase(Locale.ROOT).replace('_', '-') : n.name();
    try {
      return new PackageURL(type, n.namespace(), packageName, null, null, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      return null;
    }
  }
}
