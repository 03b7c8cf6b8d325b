package io.chainwatch.cli.report;

import java.util.Locale;

/**
 * Escaping for the report languages. Values from input files (customer and asset names, log values, advisory titles)
 * are untrusted: in HTML they must not open tags or attributes; in Markdown they must not become links, images,
 * emphasis, table cells or raw HTML.
 */
final class Escape {
  private Escape() {}

  /** HTML text or attribute value (double- or single-quoted): the five significant characters as entities. */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }

  /**
   * Markdown inline text, safe inside a table cell or after a list marker: the characters that make emphasis, code,
   * links, images, cells and strikethrough are backslash-escaped ({@code [} and {@code ]} escaped leave {@code (} and
   * {@code !} without meaning), {@code < > &} become entities (no raw HTML), a leading {@code #} is escaped (no
   * heading in a list item), GitHub's autolinks are broken ({@code ://} and {@code www.}), and line breaks become
   * spaces (a value cannot end a table row or start a block).
   */
  static String markdown(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '|', '~' -> b.append('\\').append(c);
        case '#' -> b.append(i == 0 ? "\\#" : "#");
        case ':' -> b.append(s.startsWith("//", i + 1) ? "\\:" : ":");
        case '.' -> b.append(i >= 3 && s.regionMatches(true, i - 3, "www", 0, 3) ? "\\." : ".");
        case '\r', '\n' -> b.append(' ');
        default -> b.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return b.toString();
  }

  /**
   * An indicator value as incident reports print them, so that nobody clicks or resolves it by accident and no
   * renderer turns it into a link: dots of domains and addresses as {@code [.]}, {@code http} as {@code hxxp}.
   */
  static String defang(String type, String value) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "domain", "hostname", "ipv4", "cidr" -> value.replace(".", "[.]");
      case "url", "url-prefix" -> value.replaceFirst("^http", "hxxp").replace(".", "[.]");
      case "ipv6" -> value.replace(":", "[:]");
      default -> value;
    };
  }
}
