package io.chainwatch.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Parses vers strings following the spec's "How to parse and validate VERS", in two modes. Strict mode accepts only
 * canonical text and reports every deviation. Lenient mode, for data written by hand or by other tools, removes
 * ASCII whitespace, lower-cases {@code vers:} and the scheme, drops a leading {@code =}, sorts the constraints and
 * drops duplicates that repeat the same comparator; everything else is an error in both modes.
 */
final class VersParser {
  /** Far above any real advisory range; bounds the work a hostile string can cause. */
  static final int MAX_LENGTH = 65_536;

  private final String input;
  private final boolean strict;

  private VersParser(String input, boolean strict) {
    this.input = input;
    this.strict = strict;
  }

  static VersionSet parse(String vers, boolean strict) {
    return new VersParser(vers, strict).parse();
  }

  private VersionSet parse() {
    if (input.length() > MAX_LENGTH) throw error("is longer than " + MAX_LENGTH + " characters");
    String text = removeWhitespace(input);
    int colon = text.indexOf(':');
    String uriScheme = colon < 0 ? text : text.substring(0, colon);
    if (colon < 0 || !(strict ? uriScheme.equals("vers") : uriScheme.equalsIgnoreCase("vers"))) {
      throw error("does not start with 'vers:'");
    }
    int slash = text.indexOf('/', colon + 1);
    if (slash < 0) throw error("has no '/' after the scheme");
    String type = text.substring(colon + 1, slash);
    if (!strict) type = type.toLowerCase(Locale.ROOT);
    if (!isValidType(type)) throw error(quote(type) + " is not a valid vers scheme name");
    String constraints = text.substring(slash + 1);
    if (constraints.isEmpty()) throw error("has no constraints");

    if (type.equals("all") || type.equals("none")) {
      if (!constraints.equals("*")) throw error("'vers:" + type + "' takes only '*' as constraint");
      Containment answer = type.equals("all") ? Containment.IN : Containment.OUT;
      return new VersionSet(type, List.of(new VersConstraint(VersComparator.ANY, "")), version -> answer);
    }
    ParsedVersionScheme<?> scheme = VersionSchemes.lookup(type);
    if (scheme == null) throw error("unknown vers scheme " + quote(type));
    return withScheme(scheme, constraints);
  }

  private <V> VersionSet withScheme(ParsedVersionScheme<V> scheme, String constraints) {
    if (constraints.equals("*")) {
      List<VersConstraint> any = List.of(new VersConstraint(VersComparator.ANY, ""));
      return new VersionSet(scheme.name(), any, v -> scheme.parse(v) == null ? Containment.UNKNOWN : Containment.IN);
    }
    if (constraints.startsWith("|")) throw error("leading pipe is not permitted");
    if (constraints.endsWith("|")) throw error("trailing pipe is not permitted");
    if (constraints.contains("||")) throw error("consecutive pipes are not permitted");

    List<Parsed<V>> parsed = new ArrayList<>();
    for (String text : constraints.split("\\|")) parsed.add(constraint(scheme, text));

    Comparator<Parsed<V>> byVersion = (a, b) -> scheme.compareParsed(a.parsed(), b.parsed());
    if (strict) {
      for (int i = 0; i + 1 < parsed.size(); i++) {
        int c = byVersion.compare(parsed.get(i), parsed.get(i + 1));
        if (c == 0) throw error("version " + quote(parsed.get(i + 1).version()) + " occurs more than once");
        if (c > 0) throw error("constraints are not sorted by version");
      }
    } else {
      parsed.sort(byVersion.thenComparing(p -> p.version()));
      parsed = withoutDuplicates(parsed, byVersion);
    }
    checkSequence(parsed);

    List<VersConstraint> result = new ArrayList<>();
    List<VersComparator> comparators = new ArrayList<>();
    List<V> versions = new ArrayList<>();
    for (Parsed<V> p : parsed) {
      result.add(new VersConstraint(p.comparator(), p.version()));
      comparators.add(p.comparator());
      versions.add(p.parsed());
    }
    return new VersionSet(scheme.name(), List.copyOf(result), new Ranges<>(scheme, comparators, versions));
  }

  private record Parsed<V>(VersComparator comparator, String version, V parsed) {}

  private <V> Parsed<V> constraint(ParsedVersionScheme<V> scheme, String text) {
    if (text.equals("*")) throw error("'*' must be the only constraint");
    VersComparator comparator = comparatorOf(text);
    String encoded = text.substring(comparator.symbol().length());
    if (comparator == VersComparator.EQUAL && encoded.startsWith("=")) {
      if (strict) throw error("equality is written as a bare version, without '='");
      encoded = encoded.substring(1);
    }
    if (encoded.isEmpty()) throw error("constraint " + quote(text) + " has no version");
    for (char c : new char[] {'<', '>', '=', '!', '*'}) {
      if (encoded.indexOf(c) >= 0) {
        throw error("'" + c + "' in version " + quote(encoded) + " must be percent-encoded");
      }
    }
    String version = PercentCoding.decode(encoded);
    if (version == null) throw error("invalid percent-encoding in version");
    if (strict) {
      if (PercentCoding.hasLowerCaseHex(encoded)) throw error("percent-encoding in version is not canonical");
      String problem = scheme.canonicalProblem(encoded);
      if (problem != null) throw error(problem);
      if (!PercentCoding.encode(version).equals(encoded)) {
        throw error("percent-encoding in version is not canonical");
      }
    }
    V parsed = scheme.parse(version);
    if (parsed == null) throw error(quote(version) + " is not a valid " + scheme.name() + " version");
    return new Parsed<>(comparator, version, parsed);
  }

  private static VersComparator comparatorOf(String text) {
    if (text.startsWith(">=")) return VersComparator.GREATER_OR_EQUAL;
    if (text.startsWith("<=")) return VersComparator.LESS_OR_EQUAL;
    if (text.startsWith("!=")) return VersComparator.NOT_EQUAL;
    if (text.startsWith("<")) return VersComparator.LESS_THAN;
    if (text.startsWith(">")) return VersComparator.GREATER_THAN;
    return VersComparator.EQUAL;
  }

  /** Keeps one of each run of equal versions; equal versions under different comparators are an error. */
  private <V> List<Parsed<V>> withoutDuplicates(List<Parsed<V>> sorted, Comparator<Parsed<V>> byVersion) {
    List<Parsed<V>> unique = new ArrayList<>();
    for (Parsed<V> p : sorted) {
      Parsed<V> last = unique.isEmpty() ? null : unique.get(unique.size() - 1);
      if (last != null && byVersion.compare(last, p) == 0) {
        if (last.comparator() != p.comparator()) {
          throw error("version " + quote(p.version()) + " occurs in more than one constraint");
        }
      } else {
        unique.add(p);
      }
    }
    return unique;
  }

  /**
   * The spec's validation of a sorted sequence: ignoring {@code !=}, an equality may be followed only by an equality
   * or a lower bound; ignoring {@code !=} and equalities, lower ({@code >}, {@code >=}) and upper ({@code <},
   * {@code <=}) bounds alternate.
   */
  private <V> void checkSequence(List<Parsed<V>> sorted) {
    Parsed<V> previous = null;
    Parsed<V> previousBound = null;
    for (Parsed<V> p : sorted) {
      VersComparator c = p.comparator();
      if (c == VersComparator.NOT_EQUAL) continue;
      if (previous != null && previous.comparator() == VersComparator.EQUAL && c.isUpperBound()) {
        throw error(quote(text(previous)) + " is followed by " + quote(text(p))
            + "; an equality can only be followed by an equality, '>' or '>='");
      }
      previous = p;
      if (c == VersComparator.EQUAL) continue;
      if (previousBound != null && previousBound.comparator().isLowerBound() == c.isLowerBound()) {
        throw error(quote(text(previousBound)) + " is followed by " + quote(text(p))
            + "; '>'/'>=' and '<'/'<=' bounds must alternate");
      }
      previousBound = p;
    }
  }

  private static String text(Parsed<?> p) {
    return p.comparator().symbol() + PercentCoding.encode(p.version());
  }

  private String removeWhitespace(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean whitespace = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
      if (whitespace && strict) throw error("whitespace is not permitted");
      if (whitespace && out == null) out = new StringBuilder(text.substring(0, i));
      if (!whitespace && out != null) out.append(c);
    }
    return out == null ? text : out.toString();
  }

  /** A vers type: an ASCII letter, then ASCII letters, digits, {@code .} and {@code -}; lower case. */
  private static boolean isValidType(String type) {
    if (type.isEmpty() || !(type.charAt(0) >= 'a' && type.charAt(0) <= 'z')) return false;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !Digits.isDigit(c) && c != '.' && c != '-') return false;
    }
    return true;
  }

  private VersSyntaxException error(String problem) {
    String prefix = strict ? "non-canonical VERS: " : "invalid VERS: ";
    return new VersSyntaxException(prefix + printable(problem) + " in " + quote(input, 200));
  }

  private static String quote(String fragment) {
    return quote(fragment, 60);
  }

  /** {@code fragment} in quotes, shortened to {@code max} characters, for a one-line message. */
  private static String quote(String fragment, int max) {
    return "'" + (fragment.length() > max ? fragment.substring(0, max) + "..." : fragment) + "'";
  }

  /** {@code text} with control characters replaced, so that the message stays on one line. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
