package io.chainwatch.intel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Tells which warninglists an indicator matches, the MISP way: {@code string} exact, {@code substring} anywhere,
 * {@code hostname} the name or a subdomain (also as a URL's host), {@code cidr} an address inside the network,
 * {@code regex} a Java regular expression found in the value; a list limited to some indicator types (MISP
 * {@code matching_attributes}) is checked against those only. A list entry that cannot be read is skipped.
 */
public final class WarninglistMatcher {
  private record Entry(String list, String matchType, @Nullable Set<String> appliesTo, String value, Pattern regex) {}

  private final List<Entry> entries = new ArrayList<>();

  public void add(String list, String matchType, String entry) {
    add(list, matchType, null, entry);
  }

  /** @param appliesTo the indicator types the list is checked against, or null for all */
  public void add(String list, String matchType, @Nullable Collection<String> appliesTo, String entry) {
    Pattern regex = null;
    String value = entry.strip().toLowerCase(Locale.ROOT);
    if (matchType.equals("regex")) {
      try {
        regex = Pattern.compile(entry);
      } catch (PatternSyntaxException e) {
        return;
      }
    } else if (matchType.equals("cidr")) {
      try {
        value = IndicatorNormaliser.normalise(IndicatorType.CIDR, entry).value();
      } catch (InvalidIndicator e) {
        return;
      }
    } else if (matchType.equals("hostname")) {
      while (value.endsWith(".")) value = value.substring(0, value.length() - 1);
      if (value.startsWith(".")) value = value.substring(1);
    }
    entries.add(new Entry(list, matchType, appliesTo == null ? null : Set.copyOf(appliesTo), value, regex == null ? Pattern.compile("(?!)") : regex));
  }

  /** The names of the lists the indicator matches, sorted. */
  public List<String> matches(Indicator indicator) {
    TreeSet<String> out = new TreeSet<>();
    String value = indicator.value();
    String host = host(indicator);
    for (Entry e : entries) {
      if (out.contains(e.list())) continue;
      if (e.appliesTo() != null && !e.appliesTo().contains(indicator.type())) continue;
      boolean hit;
      switch (e.matchType()) {
        case "string":
          hit = value.equalsIgnoreCase(e.value());
          break;
        case "substring":
          hit = value.toLowerCase(Locale.ROOT).contains(e.value());
          break;
        case "hostname":
          hit = host != null && (host.equals(e.value()) || host.endsWith("." + e.value()));
          break;
        case "cidr":
          hit = Networks.contains(e.value(), indicator);
          break;
        case "regex":
          hit = e.regex().matcher(value).find();
          break;
        default:
          hit = false;
      }
      if (hit) out.add(e.list());
    }
    return List.copyOf(out);
  }

  private static @Nullable String host(Indicator i) {
    switch (i.type()) {
      case "domain":
      case "hostname":
        return i.value();
      case "url":
      case "url-prefix": {
        String v = i.value();
        int start = v.indexOf("://");
        if (start < 0) return null;
        String rest = v.substring(start + 3);
        int end = rest.indexOf('/');
        String authority = end < 0 ? rest : rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) authority = authority.substring(at + 1);
        int colon = authority.lastIndexOf(':');
        return colon >= 0 && !authority.startsWith("[") ? authority.substring(0, colon) : authority;
      }
      default:
        return null;
    }
  }
}
