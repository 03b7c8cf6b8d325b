package io.chainwatch.portfolio;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Normalises vendor and product names for matching. Inventories, SBOMs and advisories spell the same vendor in many
 * ways ({@code 3CX Ltd}, {@code 3cx}, {@code 3CX Ltd.}); the key folds case, Unicode compatibility forms, punctuation,
 * runs of white space and, for vendors, trailing legal-form suffixes. {@code +} and {@code #} are kept because they
 * carry meaning in product names (Notepad++, C#).
 */
public final class Names {
  private static final Set<String> LEGAL_SUFFIXES = Set.of(
      "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "company", "gmbh", "mbh", "ag", "llc",
      "plc", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "oyj", "ab", "asa", "pty", "kg", "kk", "lp", "llp",
      "pte", "pvt", "se", "sro", "as");

  private Names() {}

  /** The matching key of a vendor name: {@code "3CX Ltd."} → {@code "3cx"}. */
  public static String vendorKey(String vendor) {
    List<String> words = words(vendor);
    // Drop legal-form suffixes from the end ("Trading Technologies International, Inc" → "trading technologies
    // international"), but never the whole name: a vendor called "AG" stays "ag".
    while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    return String.join(" ", words);
  }

  /** The matching key of a product name: {@code "3cx  Desktop-App"} → {@code "3cx desktop app"}. */
  public static String productKey(String product) {
    return String.join(" ", words(product));
  }

  /**
   * How confidently two vendor keys name the same vendor, 0–100: 100 when equal; 90 when one is the other plus
   * trailing words ("trading technologies" and "trading technologies international"), which legal names often add;
   * 70 when one of them is empty (an SBOM component with no supplier); 0 otherwise.
   */
  public static int vendorMatch(String vendorKeyA, String vendorKeyB) {
    if (vendorKeyA.equals(vendorKeyB)) return 100;
    if (vendorKeyA.isEmpty() || vendorKeyB.isEmpty()) return 70;
    if (vendorKeyA.startsWith(vendorKeyB + " ") || vendorKeyB.startsWith(vendorKeyA + " ")) return 90;
    return 0;
  }

  private static List<String> words(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      b.appendCodePoint(Character.isLetterOrDigit(cp) || cp == '+' || cp == '#' ? cp : ' ');
      i += Character.charCount(cp);
    }
    // "s.a." and "b.v." have become "s a " and "b v ": join single letters back into one word.
    List<String> raw = new ArrayList<>(Arrays.asList(b.toString().trim().split("\\s+")));
    raw.removeIf(String::isEmpty);
    List<String> out = new ArrayList<>(raw.size());
    StringBuilder initials = new StringBuilder();
    for (String w : raw) {
      if (w.length() == 1 && Character.isLetter(w.charAt(0))) {
        initials.append(w);
        continue;
      }
      if (initials.length() > 0) {
        out.add(initials.toString());
        initials.setLength(0);
      }
      out.add(w);
    }
    if (initials.length() > 0) out.add(initials.toString());
    return out;
  }
}
