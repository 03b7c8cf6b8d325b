package io.chainwatch.version;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The version schemes Chainwatch knows, by vers scheme name. Several names share one order: {@code cargo} is SemVer,
 * {@code golang} is SemVer with the {@code v} prefix, {@code npm} is SemVer tolerating {@code v} and {@code =}.
 */
public final class VersionSchemes {
  private static final Map<String, ParsedVersionScheme<?>> BY_NAME = new LinkedHashMap<>();

  static {
    register(new GenericScheme());
    register(new SemverScheme("semver", SemverScheme.Prefix.NONE));
    register(new SemverScheme("cargo", SemverScheme.Prefix.NONE));
    register(new SemverScheme("golang", SemverScheme.Prefix.V));
    register(new SemverScheme("npm", SemverScheme.Prefix.NPM));
    register(new MavenScheme());
    register(new Pep440Scheme());
    register(new DebianScheme());
    register(new RpmScheme());
    register(new NugetScheme());
    register(new GemScheme());
    register(new DatetimeScheme());
    register(new LexicographicScheme());
  }

  private VersionSchemes() {}

  private static void register(ParsedVersionScheme<?> scheme) {
    BY_NAME.put(scheme.name(), scheme);
  }

  /** The scheme called {@code name} (case-insensitive), if Chainwatch knows it. */
  public static Optional<VersionScheme> forName(String name) {
    return Optional.ofNullable(lookup(name.toLowerCase(Locale.ROOT)));
  }

  /** The names of all known schemes, sorted. {@code all} and {@code none} are vers keywords, not schemes. */
  public static SortedSet<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }

  static @Nullable ParsedVersionScheme<?> lookup(String lowerCaseName) {
    return BY_NAME.get(lowerCaseName);
  }
}
