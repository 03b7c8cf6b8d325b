package io.chainwatch.portfolio;

import java.util.Locale;
import java.util.Optional;

/** The operating system family a release is built for. {@code ANY} is a release that runs everywhere. */
public enum Platform {
  WINDOWS, MACOS, LINUX, IOS, ANDROID, ANY;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in files and outputs. */
  public String wireName() {
    return wireName;
  }

  /** Parses a platform name case-insensitively; {@code mac}, {@code osx} and {@code win} are accepted too. */
  public static Optional<Platform> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "windows": case "win": case "win32": case "win64": return Optional.of(WINDOWS);
      case "macos": case "mac": case "osx": case "darwin": case "mac os": case "os x": return Optional.of(MACOS);
      case "linux": return Optional.of(LINUX);
      case "ios": return Optional.of(IOS);
      case "android": return Optional.of(ANDROID);
      case "any": case "all": case "*": case "": return Optional.of(ANY);
      default: return Optional.empty();
    }
  }

  /** Whether a statement about {@code this} platform speaks about an installation on {@code installed}. */
  public boolean covers(Platform installed) {
    return this == ANY || installed == ANY || this == installed;
  }
}
