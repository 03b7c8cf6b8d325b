package io.chainwatch.intel;

import java.util.List;

/**
 * A list of known-benign values (MISP warninglist): indicators that match it are likely false positives.
 *
 * @param matchType {@code string} (exact), {@code substring}, {@code hostname} (the name and its subdomains), {@code
 *     cidr} or {@code regex}
 */
public record Warninglist(String name, int version, String description, String matchType, List<String> entries) implements IntelRecord {
  public Warninglist {
    entries = List.copyOf(entries);
  }
}
