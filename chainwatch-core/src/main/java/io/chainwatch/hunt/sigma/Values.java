package io.chainwatch.hunt.sigma;

import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.intel.Networks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Compiles one detection value with its modifiers into a {@link ValueTest}.
 *
 * <p>Implementation notes (SigmaHQ specification 2.0 and its modifier appendix). Modifiers apply left to right:
 * first the transformations ({@code windash}, {@code base64}, {@code base64offset}), each of which may turn one value
 * into several that are ORed, then one comparison ({@code contains}, {@code startswith}, {@code endswith}, {@code re}
 * with {@code i}/{@code m}/{@code s}, {@code cidr}, {@code lt}/{@code lte}/{@code gt}/{@code gte}, {@code exists}),
 * else equality. Plain values compare case-insensitively unless {@code cased}; {@code *} and {@code ?} are wildcards
 * and {@code \} escapes them and itself (before any other character it is literal). Regular expressions are
 * case-sensitive unless {@code i}. {@code expand}, {@code fieldref} and the UTF-16 encodings need context this engine
 * lacks, so a rule using them is rejected rather than run wrongly.
 */
final class Values {
  private static final String DASHES = "-/\u2013\u2014\u2015";

  private Values() {}

  /** @param modifiers the field's modifiers, {@code all} already removed */
  static ValueTest compile(@Nullable Object raw, List<String> modifiers) {
    if (raw == null) return v -> v == null || v.isEmpty();
    String text = raw instanceof Double || raw instanceof Float ? trimNumber(raw.toString()) : raw.toString();
    List<String> variants = List.of(text);
    String comparison = null;
    boolean cased = false;
    boolean reI = false;
    boolean reM = false;
    boolean reS = false;
    for (String m : modifiers) {
      switch (m) {
        case "windash": variants = windash(variants); break;
        case "base64": variants = map(variants, v -> Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))); break;
        case "base64offset": variants = base64offset(variants); break;
        case "cased": cased = true; break;
        case "i": reI = true; break;
        case "m": reM = true; break;
        case "s": reS = true; break;
        case "contains": case "startswith": case "endswith": case "re": case "cidr": case "lt": case "lte": case "gt":
        case "gte": case "exists": case "neq":
          if (comparison != null) {
            throw new SigmaRuleException("combines the modifiers '" + comparison + "' and '" + m + "'");
          }
          comparison = m;
          break;
        case "expand": case "fieldref": case "utf16": case "utf16le": case "utf16be": case "wide":
          throw new SigmaRuleException("uses the modifier '" + m + "', which this engine cannot resolve");
        default:
          throw new SigmaRuleException("uses the unknown modifier '" + m + "'");
      }
    }
    List<ValueTest> tests = new ArrayList<>();
    for (String v : variants) tests.add(one(v, comparison == null ? "eq" : comparison, cased, reI, reM, reS, raw));
    if (tests.size() == 1) return tests.get(0);
    return value -> {
      for (ValueTest t : tests) if (t.test(value)) return true;
      return false;
    };
  }

  /** Whether the modifier says how to compare (rather than transforming the value first). */
  static boolean isComparison(String modifier) {
    switch (modifier) {
      case "contains": case "startswith": case "endswith": case "re": case "cidr": case "lt": case "lte": case "gt":
      case "gte": case "exists": case "neq":
        return true;
      default:
        return false;
    }
  }

  private static String trimNumber(String s) {
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static ValueTest one(String v, String comparison, boolean cased, boolean reI, boolean reM, boolean reS, Object raw) {
    switch (comparison) {
      case "exists": {
        boolean want = Boolean.parseBoolean(v);
        return value -> (value != null) == want;
      }
      case "re": {
        int flags = (reI ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0) | (reM ? Pattern.MULTILINE : 0) | (reS ? Pattern.DOTALL : 0);
        Pattern p;
        try {
          p = Pattern.compile(v, flags);
        } catch (PatternSyntaxException e) {
          throw new SigmaRuleException("has the invalid regular expression '" + v + "'");
        }
        return value -> value != null && p.matcher(value).find();
      }
      case "cidr": {
        Indicator network;
        try {
          network = IndicatorNormaliser.normalise(IndicatorType.CIDR, v);
        } catch (InvalidIndicator e) {
          throw new SigmaRuleException("has the invalid network '" + v + "'");
        }
        String cidr = network.type().equals("cidr") ? network.value() : network.value() + (network.type().equals("ipv4") ? "/32" : "/128");
        return value -> {
          if (value == null || value.isEmpty()) return false;
          try {
            Indicator a = IndicatorNormaliser.normalise(value.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4, value);
            return Networks.contains(cidr, a);
          } catch (InvalidIndicator e) {
            return false;
          }
        };
      }
      case "lt": case "lte": case "gt": case "gte": {
        double bound;
        try {
          bound = Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new SigmaRuleException("compares with '" + v + "', which is not a number");
        }
        return value -> {
          if (value == null) return false;
          double d;
          try {
            d = Double.parseDouble(value.strip());
          } catch (NumberFormatException e) {
            return false;
          }
          switch (comparison) {
            case "lt": return d < bound;
            case "lte": return d <= bound;
            case "gt": return d > bound;
            default: return d >= bound;
          }
        };
      }
      case "neq": {
        ValueTest eq = wildcard(v, "eq", cased);
        return value -> value != null && !eq.test(value);
      }
      default:
        return wildcard(v, comparison, cased);
    }
  }

  /** A plain (wildcard) comparison: eq, contains, startswith or endswith. */
  private static ValueTest wildcard(String v, String comparison, boolean cased) {
    StringBuilder literal = new StringBuilder();
    StringBuilder regex = new StringBuilder();
    boolean wild = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length() && "*?\\".indexOf(v.charAt(i + 1)) >= 0) {
        char next = v.charAt(++i);
        literal.append(next);
        regex.append(Pattern.quote(String.valueOf(next)));
      } else if (c == '*' || c == '?') {
        wild = true;
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (wild) {
      String body = regex.toString();
      if (comparison.equals("contains") || comparison.equals("endswith")) body = ".*" + body;
      if (comparison.equals("contains") || comparison.equals("startswith")) body = body + ".*";
      Pattern p = Pattern.compile(body, Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      return value -> value != null && p.matcher(value).matches();
    }
    String lit = literal.toString();
    String lower = lit.toLowerCase(Locale.ROOT);
    int n = lit.length();
    switch (comparison) {
      case "contains":
        if (cased) return value -> value != null && value.contains(lit);
        return value -> value != null && value.length() >= n && value.toLowerCase(Locale.ROOT).contains(lower);
      case "startswith":
        return value -> value != null && value.regionMatches(!cased, 0, lit, 0, n);
      case "endswith":
        return value -> value != null && value.length() >= n && value.regionMatches(!cased, value.length() - n, lit, 0, n);
      default:
        return value -> value != null && value.length() == n && value.regionMatches(!cased, 0, lit, 0, n);
    }
  }

  private interface Transform {
    String apply(String v);
  }

  private static List<String> map(List<String> in, Transform t) {
    List<String> out = new ArrayList<>();
    for (String v : in) out.add(t.apply(v));
    return out;
  }

  /** The most option dashes of one value that {@code windash} expands: 5^5 variants. */
  static final int MAX_WINDASH_DASHES = 5;

  /**
   * Every spelling of the value's option dashes: each {@code -} or {@code /} that starts an option (after no word
   * character, before one: pySigma's {@code \B[-/]\b}) as each of {@code -}, {@code /}, en dash, em dash and
   * horizontal bar, independently (the specification's "all possible permutations": {@code -s /t} is a spelling of
   * {@code -s -t}). A dash inside a word ({@code -param-name}'s second) stays.
   */
  private static List<String> windash(List<String> in) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String v : in) {
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if ((c == '-' || c == '/') && (i == 0 || !word(v.charAt(i - 1))) && i + 1 < v.length() && word(v.charAt(i + 1))) at.add(i);
      }
      if (at.size() > MAX_WINDASH_DASHES) {
        throw new SigmaRuleException("uses windash on a value with " + at.size() + " options, more than " + MAX_WINDASH_DASHES);
      }
      int variants = 1;
      for (int k = 0; k < at.size(); k++) variants *= DASHES.length();
      for (int n = 0; n < variants; n++) {
        char[] chars = v.toCharArray();
        int rest = n;
        for (int i : at) {
          chars[i] = DASHES.charAt(rest % DASHES.length());
          rest /= DASHES.length();
        }
        out.add(new String(chars));
      }
    }
    return new ArrayList<>(out);
  }

  /** A word character of a regular expression's {@code \w} in Python (Unicode letters and digits, {@code _}). */
  private static boolean word(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The three encodings of a value at each byte offset inside a larger base64 text, as pySigma makes them. */
  private static List<String> base64offset(List<String> in) {
    int[] startCut = {0, 2, 3};
    int[] endCut = {0, 3, 2};
    List<String> out = new ArrayList<>();
    for (String v : in) {
      byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 3; i++) {
        byte[] padded = new byte[i + bytes.length];
        for (int k = 0; k < i; k++) padded[k] = ' ';
        System.arraycopy(bytes, 0, padded, i, bytes.length);
        String enc = Base64.getEncoder().encodeToString(padded);
        int end = enc.length() - endCut[(bytes.length + i) % 3];
        String s = enc.substring(startCut[i], Math.max(startCut[i], end));
        out.add(s);
      }
    }
    return out;
  }
}
