package io.chainwatch.version;

import org.jspecify.annotations.Nullable;

/**
 * The vers {@code lexicographic} scheme: versions are opaque strings ordered by Unicode code point (the same as their
 * UTF-8 bytes), with no Unicode normalisation: a precomposed letter and its decomposed form are different versions.
 */
final class LexicographicScheme extends ParsedVersionScheme<String> {
  LexicographicScheme() {
    super("lexicographic");
  }

  @Override
  @Nullable String parseVersion(String version) {
    return version;
  }

  @Override
  int compareParsed(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) return Integer.compare(x, y);
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
