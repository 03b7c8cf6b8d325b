package io.chainwatch.hunt.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A parsed {@code condition}. Grammar, loosest to tightest: {@code or}, {@code and}, {@code not}, {@code N of X} /
 * {@code all of X} (X a selection name with {@code *} wildcards, or {@code them}; names starting with {@code _} are
 * not part of {@code them}), brackets. Keywords are case-insensitive.
 */
interface Condition {
  boolean eval(Predicate<String> selection);

  /** Parses {@code text} against the rule's selection names. */
  static Condition parse(String text, Map<String, ?> selections) {
    return new Parser(text, selections).parse();
  }

  final class Parser {
    /**
     * The most tokens and the deepest nesting (brackets and {@code not}s) of a condition: a rule's condition has a few
     * dozen tokens; thousands nested made the parser's and the evaluation's recursion overflow the stack, which ended
     * the whole hunt instead of skipping that rule.
     */
    static final int MAX_TOKENS = 1_000;
    static final int MAX_DEPTH = 64;
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, ?> selections;
    private final String text;
    private int pos;
    private int depth;

    Parser(String text, Map<String, ?> selections) {
      this.text = text;
      this.selections = selections;
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '(' || c == ')') {
          tokens.add(String.valueOf(c));
          i++;
        } else {
          int j = i;
          while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '(' && text.charAt(j) != ')') j++;
          tokens.add(text.substring(i, j));
          i = j;
        }
      }
    }

    Condition parse() {
      if (tokens.isEmpty()) throw new SigmaRuleException("has an empty condition");
      if (tokens.size() > MAX_TOKENS) {
        throw new SigmaRuleException("has a condition of " + tokens.size() + " words and brackets, more than " + MAX_TOKENS);
      }
      Condition c = or();
      if (pos < tokens.size()) throw new SigmaRuleException("has a condition with an unexpected '" + tokens.get(pos) + "': " + text);
      return c;
    }

    private void deeper() {
      if (++depth > MAX_DEPTH) throw new SigmaRuleException("has a condition nested more than " + MAX_DEPTH + " deep");
    }

    private String peek() {
      return pos < tokens.size() ? tokens.get(pos).toLowerCase(Locale.ROOT) : "";
    }

    private Condition or() {
      Condition left = and();
      while (peek().equals("or")) {
        pos++;
        Condition a = left;
        Condition b = and();
        left = s -> a.eval(s) || b.eval(s);
      }
      return left;
    }

    private Condition and() {
      Condition left = not();
      while (peek().equals("and")) {
        pos++;
        Condition a = left;
        Condition b = not();
        left = s -> a.eval(s) && b.eval(s);
      }
      return left;
    }

    private Condition not() {
      if (peek().equals("not")) {
        pos++;
        deeper();
        Condition inner = not();
        depth--;
        return s -> !inner.eval(s);
      }
      return atom();
    }

    private Condition atom() {
      String t = peek();
      if (t.isEmpty()) throw new SigmaRuleException("has a condition that ends too early: " + text);
      if (t.equals("(")) {
        pos++;
        deeper();
        Condition c = or();
        depth--;
        if (!peek().equals(")")) throw new SigmaRuleException("has a condition with an unclosed bracket: " + text);
        pos++;
        return c;
      }
      if ((t.equals("all") || t.equals("any") || t.chars().allMatch(Character::isDigit)) && pos + 1 < tokens.size()
          && tokens.get(pos + 1).equalsIgnoreCase("of")) {
        pos += 2;
        if (pos >= tokens.size()) throw new SigmaRuleException("has '" + t + " of' without a name: " + text);
        String pattern = tokens.get(pos++);
        List<String> names = names(pattern);
        if (t.equals("all")) return s -> names.stream().allMatch(s);
        int need = t.equals("any") ? 1 : Integer.parseInt(t);
        return s -> {
          int n = 0;
          for (String name : names) if (s.test(name) && ++n >= need) return true;
          return false;
        };
      }
      String name = tokens.get(pos++);
      if (!selections.containsKey(name)) throw new SigmaRuleException("names the unknown selection '" + name + "' in its condition");
      return s -> s.test(name);
    }

    private List<String> names(String pattern) {
      List<String> out = new ArrayList<>();
      if (pattern.equalsIgnoreCase("them")) {
        for (String n : selections.keySet()) if (!n.startsWith("_")) out.add(n);
      } else {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        Pattern p = Pattern.compile(re.toString());
        for (String n : selections.keySet()) if (p.matcher(n).matches()) out.add(n);
      }
      if (out.isEmpty()) throw new SigmaRuleException("has '" + pattern + "' in its condition, which names no selection");
      return out;
    }
  }
}
