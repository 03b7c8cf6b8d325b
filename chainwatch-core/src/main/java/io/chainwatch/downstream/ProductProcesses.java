package io.chainwatch.downstream;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the product's processes by their image: an executable name (the last path element, any folder), or a
 * path inside one of the product's install folders.
 *
 * <p>Names come from {@code --executable}, from the inventory's {@code install_path} (an executable's name, or a
 * folder) and from the product's name with its spaces removed ({@code 3CX Desktop App} gives
 * {@code 3cxdesktopapp.exe}, the real 3CX process name, and {@code 3cxdesktopapp}).
 */
final class ProductProcesses {
  private static final Pattern WINDOWS_USER = Pattern.compile("^([a-z]:\\\\users\\\\)[^\\\\]+(?=\\\\)");
  private static final Pattern POSIX_USER = Pattern.compile("^(/users/|/home/)[^/]+(?=/)");
  private static final Set<String> EXECUTABLE_EXTENSIONS = Set.of("exe", "com", "scr", "bin", "sh", "py", "jar");

  private final Set<String> names = new TreeSet<>();
  private final Set<String> folders = new TreeSet<>();

  ProductProcesses(String product) {
    String compact = product.toLowerCase(Locale.ROOT).replaceAll("[\\s]+", "");
    if (!compact.isEmpty()) {
      names.add(compact + ".exe");
      names.add(compact);
    }
  }

  /** Adds an executable name or path, or an install folder (a path whose last element has no executable suffix). */
  void add(String nameOrPath) {
    String p = normalise(nameOrPath.strip());
    while (p.length() > 1 && (p.endsWith("\\") || p.endsWith("/"))) p = p.substring(0, p.length() - 1);
    if (p.isEmpty()) return;
    String base = baseName(p);
    boolean isPath = base.length() < p.length();
    int dot = base.lastIndexOf('.');
    String extension = dot < 0 ? "" : base.substring(dot + 1);
    if (!isPath || EXECUTABLE_EXTENSIONS.contains(extension)) names.add(base);
    else folders.add(p);
  }

  boolean matches(@Nullable String image) {
    if (image == null || image.isEmpty()) return false;
    String p = normalise(image);
    if (names.contains(baseName(p))) return true;
    for (String f : folders) {
      if (p.equals(f) || (p.startsWith(f) && p.length() > f.length() && (p.charAt(f.length()) == '\\' || p.charAt(f.length()) == '/'))) {
        return true;
      }
    }
    return false;
  }

  Set<String> names() {
    return names;
  }

  Set<String> folders() {
    return folders;
  }

  /** Lower case, the user's own folder as {@code *}: the same file on every machine is the same behaviour. */
  static String normalise(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    p = WINDOWS_USER.matcher(p).replaceFirst("$1*");
    return POSIX_USER.matcher(p).replaceFirst("$1*");
  }

  static String baseName(String path) {
    int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
    return cut < 0 ? path : path.substring(cut + 1);
  }
}
