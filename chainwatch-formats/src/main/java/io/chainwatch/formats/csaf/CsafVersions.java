package io.chainwatch.formats.csaf;

import io.chainwatch.version.VersSyntaxException;
import io.chainwatch.version.VersionSet;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Turns CSAF version names into vers sets. */
final class CsafVersions {
  /** vers requires these to be percent-encoded inside a version; '%' itself so that decoding gives the text back. */
  private static final String RESERVED = "><=!*|%";

  private CsafVersions() {}

  /**
   * The set holding exactly {@code version}, in {@code scheme} when the scheme is known to the vers implementation,
   * else in {@code generic}; null if even that is refused.
   */
  static @Nullable VersionSet exact(String version, @Nullable String scheme) {
    String encoded = percentEncode(version.strip());
    if (scheme != null && !scheme.equals("generic")) {
      VersionSet set = parseOrNull("vers:" + scheme + "/" + encoded);
      if (set != null) return set;
    }
    return parseOrNull("vers:generic/" + encoded);
  }

  /** A {@code product_version_range} name: a vers string, or null for free text and invalid vers. */
  static @Nullable VersionSet range(String name) {
    String text = name.strip();
    return text.startsWith("vers:") ? parseOrNull(text) : null;
  }

  static @Nullable VersionSet parseOrNull(String vers) {
    try {
      return VersionSet.parse(vers);
    } catch (VersSyntaxException e) {
      return null;
    }
  }

  /** Percent-encodes the vers separator and comparator characters, white space and everything beyond ASCII. */
  static String percentEncode(String version) {
    StringBuilder out = new StringBuilder(version.length());
    for (byte b : version.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && RESERVED.indexOf(c) < 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
