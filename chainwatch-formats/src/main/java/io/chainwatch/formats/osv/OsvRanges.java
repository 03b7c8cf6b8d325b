package io.chainwatch.formats.osv;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.version.VersSyntaxException;
import io.chainwatch.version.VersionScheme;
import io.chainwatch.version.VersionSchemes;
import io.chainwatch.version.VersionSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OSV ranges as vers sets.
 *
 * <p>Implementation notes (OSV schema, "Evaluation"): the events of one range are sorted by version in the range's
 * scheme, {@code introduced: "0"} first, and walked with one flag: {@code introduced} opens an affected stretch
 * ({@code >=v}, or nothing for "0"), {@code fixed} closes it exclusively ({@code <v}), {@code last_affected} inclusively
 * ({@code <=v}); an event that does not change the flag is ignored. So one range with several introduced/fixed pairs
 * (Go's {@code 0 → 1.21.12, 1.22.0-0 → 1.22.5}) becomes {@code vers:golang/<1.21.12|>=1.22.0-0|<1.22.5}, and a range
 * that is never closed ends with its last lower bound; {@code introduced: "0"} alone is {@code *}. {@code limit} is
 * for GIT ranges and ignored elsewhere. A version the scheme cannot parse leaves the range as text, with no set.
 */
final class OsvRanges {
  private OsvRanges() {}

  /**
   * @param versions the set, or null when it cannot be evaluated
   * @param text the set as written for display, or null when the range yields nothing to store (a GIT range)
   */
  record Result(@Nullable VersionSet versions, @Nullable String text, List<String> warnings) {}

  private record Event(String kind, String version) {}

  static Result range(String file, String at, JsonNode range, String ecosystem) {
    if (!range.isObject()) throw new InputRejected(file, at, "must be a JSON object");
    String type = OsvParser.text(file, range, at + "/type", true);
    List<Event> events = events(file, at, range.path("events"));
    List<String> warnings = new ArrayList<>();
    String scheme;
    switch (type) {
      case "GIT":
        return new Result(null, null, List.of(at + ": a GIT range names commits, not releases; ignored"));
      case "SEMVER":
        scheme = Ecosystems.semverScheme(ecosystem);
        break;
      case "ECOSYSTEM":
        scheme = Ecosystems.scheme(ecosystem);
        break;
      default:
        throw new InputRejected(file, at + "/type", "'" + type + "' is not one of GIT, SEMVER, ECOSYSTEM");
    }
    if (events.stream().anyMatch(e -> e.kind().equals("limit"))) {
      warnings.add(at + ": 'limit' events apply to GIT ranges only; ignored");
      events.removeIf(e -> e.kind().equals("limit"));
    }
    String asText = type + " range of " + ecosystem + ": " + describe(events);
    if (scheme == null) {
      warnings.add(at + ": Chainwatch has no version order for the ecosystem " + ecosystem + "; its installations will be 'unknown'");
      return new Result(null, asText, warnings);
    }
    VersionScheme order = VersionSchemes.forName(scheme).orElseThrow();
    for (Event e : events) {
      if (e.kind().equals("introduced") && e.version().equals("0")) continue;
      if (!order.isValid(e.version())) {
        warnings.add(at + ": '" + e.version() + "' is not a valid " + scheme + " version; the range is kept as text");
        return new Result(null, asText, warnings);
      }
    }
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing((Event e) -> !(e.kind().equals("introduced") && e.version().equals("0")))
        .thenComparing((x, y) -> isZero(x) || isZero(y) ? 0 : order.compare(x.version(), y.version())));
    List<String> constraints = new ArrayList<>();
    boolean affected = false;
    for (Event e : sorted) {
      switch (e.kind()) {
        case "introduced":
          if (!affected && !isZero(e)) constraints.add(">=" + encode(e.version()));
          affected = true;
          break;
        case "fixed":
          if (affected) constraints.add("<" + encode(e.version()));
          affected = false;
          break;
        case "last_affected":
          if (affected) constraints.add("<=" + encode(e.version()));
          affected = false;
          break;
        default:
          throw new IllegalStateException(e.kind());
      }
    }
    if (constraints.isEmpty()) {
      if (!affected) return new Result(null, null, List.of(at + ": the range affects no version; ignored"));
      constraints.add("*");
    }
    String vers = "vers:" + scheme + "/" + String.join("|", constraints);
    try {
      VersionSet set = VersionSet.parse(vers);
      return new Result(set, set.toString(), warnings);
    } catch (VersSyntaxException ex) {
      throw new InputRejected(file, at + "/events", "does not make a valid version set (" + vers + "): " + ex.getMessage());
    }
  }

  /** A {@code versions[]} list: exact versions in the ecosystem's scheme, or compared as exact strings. */
  static Result exact(String ecosystem, List<String> versions) {
    String scheme = Ecosystems.scheme(ecosystem);
    List<String> warnings = new ArrayList<>();
    if (scheme != null) {
      VersionScheme order = VersionSchemes.forName(scheme).orElseThrow();
      for (String v : versions) {
        if (!order.isValid(v)) {
          warnings.add("'" + v + "' is not a valid " + scheme + " version; the versions of " + ecosystem + " are compared as exact strings");
          scheme = null;
          break;
        }
      }
    }
    if (scheme == null) scheme = "lexicographic";
    List<String> encoded = new ArrayList<>();
    for (String v : versions) encoded.add(encode(v));
    VersionSet set = VersionSet.parse("vers:" + scheme + "/" + String.join("|", encoded));
    return new Result(set, set.toString(), warnings);
  }

  private static boolean isZero(Event e) {
    return e.kind().equals("introduced") && e.version().equals("0");
  }

  private static List<Event> events(String file, String at, JsonNode events) {
    if (events.isMissingNode() || events.isNull()) throw new InputRejected(file, at + "/events", "is missing (a range has events)");
    if (!events.isArray()) throw new InputRejected(file, at + "/events", "must be a JSON array");
    List<Event> out = new ArrayList<>();
    boolean introduced = false;
    boolean fixed = false;
    boolean lastAffected = false;
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      String place = at + "/events/" + i;
      if (!e.isObject() || e.size() != 1) throw new InputRejected(file, place, "must be an object with one of introduced, fixed, last_affected, limit");
      String kind = e.fieldNames().next();
      if (!List.of("introduced", "fixed", "last_affected", "limit").contains(kind)) {
        throw new InputRejected(file, place + "/" + kind, "is not an OSV event (introduced, fixed, last_affected, limit)");
      }
      JsonNode v = e.get(kind);
      if (!v.isTextual() || v.textValue().isBlank()) throw new InputRejected(file, place + "/" + kind, "must be a non-empty string");
      introduced |= kind.equals("introduced");
      fixed |= kind.equals("fixed");
      lastAffected |= kind.equals("last_affected");
      out.add(new Event(kind, v.textValue().strip()));
    }
    if (!introduced) throw new InputRejected(file, at + "/events", "has no 'introduced' event (OSV requires one)");
    if (fixed && lastAffected) throw new InputRejected(file, at + "/events", "mixes 'fixed' and 'last_affected' (OSV forbids it in one range)");
    return out;
  }

  private static String describe(List<Event> events) {
    List<String> parts = new ArrayList<>();
    for (Event e : events) parts.add(e.kind() + " " + e.version());
    return String.join(", ", parts);
  }

  /** Percent-encodes the characters vers reserves. */
  static String encode(String version) {
    StringBuilder b = new StringBuilder(version.length());
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if ("<>=!*|%".indexOf(c) >= 0) b.append('%').append(String.format("%02X", (int) c));
      else b.append(c);
    }
    return b.toString();
  }
}
