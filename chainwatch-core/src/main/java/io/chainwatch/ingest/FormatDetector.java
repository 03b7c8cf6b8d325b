package io.chainwatch.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Picks the parser for a file from its content: every parser of the registry sniffs the head, and exactly one must
 * accept it. None is an error that lists what Chainwatch reads; two or more is an error naming the candidates, never
 * a silent first pick.
 */
public final class FormatDetector {
  private final List<Parser> registry;

  public FormatDetector(List<Parser> registry) {
    this.registry = List.copyOf(registry);
  }

  /**
   * @param name the file's name as the user gave it, for messages
   * @param format a parser name, or the part after its slash ({@code cyclonedx} for {@code sbom/cyclonedx}), that
   *     overrides detection; null to detect
   * @throws InputRejected when no parser, or more than one, accepts the file, or {@code format} names none
   */
  public Parser detect(Head head, String name, @Nullable String format) {
    if (format != null) {
      String f = format.toLowerCase(Locale.ROOT);
      return registry.stream()
          .filter(p -> p.name().equals(f) || p.name().substring(p.name().indexOf('/') + 1).equals(f))
          .findFirst()
          .orElseThrow(() -> new InputRejected(name, null, "unknown format '" + format + "'; known formats: " + names(registry)));
    }
    List<Parser> candidates = new ArrayList<>();
    for (Parser p : registry) {
      if (p.accepts(head)) candidates.add(p);
    }
    if (candidates.isEmpty()) {
      throw new InputRejected(name, null, head.bytes().length == 0
          ? "is empty"
          : "is in no format Chainwatch reads (" + names(registry) + "); name one with --format");
    }
    if (candidates.size() > 1) {
      throw new InputRejected(name, null, "could be any of " + names(candidates) + "; name one with --format");
    }
    return candidates.get(0);
  }

  private static String names(List<Parser> parsers) {
    return parsers.stream().map(Parser::name).collect(Collectors.joining(", "));
  }
}
