package io.chainwatch.intel;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A list of known-benign values (MISP warninglist): indicators that match it are likely false positives.
 *
 * @param matchType {@code string} (exact), {@code substring}, {@code hostname} (the name and its subdomains), {@code
 *     cidr} or {@code regex}
 * @param appliesTo the indicator types the list is checked against (from MISP {@code matching_attributes}), or null
 *     for every type
 */
public record Warninglist(String name, int version, String description, String matchType, @Nullable List<String> appliesTo,
    List<String> entries) implements IntelRecord {
  public static final List<String> MATCH_TYPES = List.of("string", "substring", "hostname", "cidr", "regex");

  public Warninglist {
    if (name.isBlank()) throw new IllegalArgumentException("warninglist name is empty");
    if (!MATCH_TYPES.contains(matchType)) throw new IllegalArgumentException("unknown warninglist type " + matchType);
    appliesTo = appliesTo == null ? null : List.copyOf(appliesTo);
    entries = List.copyOf(entries);
  }
}
