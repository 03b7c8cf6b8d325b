package io.chainwatch.formats.intel.stix;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed STIX 2.1 pattern (grammar {@code STIXPattern.g4} of oasis-open/cti-stix2-json-schemas).
 *
 * <p>Implementation notes. Recursive descent, loosest binding first: {@code FOLLOWEDBY}, then {@code OR}, then {@code
 * AND} between observation expressions; inside brackets {@code OR} then {@code AND} between comparisons. Qualifiers
 * ({@code WITHIN n SECONDS}, {@code REPEATS n TIMES}, {@code START t'..' STOP t'..'}) follow an observation and are
 * kept. Keywords are upper-case; strings are single-quoted with {@code \'} and {@code \\} escapes; hyphenated keys
 * are quoted ({@code file:hashes.'SHA-256'}).
 */
final class StixPattern {
  /** A node of the pattern tree. */
  sealed interface Node permits Observation, Combined, Comparison {}

  /** {@code [ ... ]} with its qualifiers. */
  record Observation(Node body, List<String> qualifiers) implements Node {}

  /** Two sides joined by AND, OR or FOLLOWEDBY; {@code observations} says whether between or inside brackets. */
  record Combined(String operator, Node left, Node right, boolean observations) implements Node {}

  /** {@code object-type:path [NOT] operator value(s)}. */
  record Comparison(String objectType, String path, boolean negated, String operator, List<String> values) implements Node {}

  /** A pattern that does not follow the grammar; {@code offset} is where parsing stopped. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private final String text;
  private int at;

  private StixPattern(String text) {
    this.text = text;
  }

  static Node parse(String pattern) throws SyntaxError {
    StixPattern p = new StixPattern(pattern);
    Node n = p.observationExpressions();
    p.space();
    if (p.at < pattern.length()) throw p.error("unexpected '" + p.rest() + "'");
    return n;
  }

  private Node observationExpressions() throws SyntaxError {
    Node left = observationOr();
    while (keyword("FOLLOWEDBY")) left = new Combined("FOLLOWEDBY", left, observationOr(), true);
    return left;
  }

  private Node observationOr() throws SyntaxError {
    Node left = observationAnd();
    while (keyword("OR")) left = new Combined("OR", left, observationAnd(), true);
    return left;
  }

  private Node observationAnd() throws SyntaxError {
    Node left = observation();
    while (keyword("AND")) left = new Combined("AND", left, observation(), true);
    return left;
  }

  private Node observation() throws SyntaxError {
    Node body;
    if (symbol("[")) {
      body = comparisonOr();
      if (!symbol("]")) throw error("expected ']'");
    } else if (symbol("(")) {
      body = observationExpressions();
      if (!symbol(")")) throw error("expected ')'");
    } else {
      throw error("expected '[' to start an observation");
    }
    List<String> qualifiers = new ArrayList<>();
    while (true) {
      if (keyword("WITHIN")) {
        String n = number();
        if (!keyword("SECONDS")) throw error("expected SECONDS after WITHIN " + n);
        qualifiers.add("WITHIN " + n + " SECONDS");
      } else if (keyword("REPEATS")) {
        String n = number();
        if (!keyword("TIMES")) throw error("expected TIMES after REPEATS " + n);
        qualifiers.add("REPEATS " + n + " TIMES");
      } else if (keyword("START")) {
        String from = timestamp();
        if (!keyword("STOP")) throw error("expected STOP after START");
        qualifiers.add("START t'" + from + "' STOP t'" + timestamp() + "'");
      } else {
        break;
      }
    }
    return qualifiers.isEmpty() && body instanceof Observation ? body : new Observation(body, List.copyOf(qualifiers));
  }

  private Node comparisonOr() throws SyntaxError {
    Node left = comparisonAnd();
    while (keyword("OR")) left = new Combined("OR", left, comparisonAnd(), false);
    return left;
  }

  private Node comparisonAnd() throws SyntaxError {
    Node left = comparison();
    while (keyword("AND")) left = new Combined("AND", left, comparison(), false);
    return left;
  }

  private Node comparison() throws SyntaxError {
    if (symbol("(")) {
      Node inner = comparisonOr();
      if (!symbol(")")) throw error("expected ')'");
      return inner;
    }
    space();
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-' || text.charAt(at) == '_')) at++;
    String type = text.substring(start, at);
    if (type.isEmpty()) throw error("expected an object type such as file or url");
    if (!symbol(":")) throw error("expected ':' after the object type '" + type + "'");
    StringBuilder path = new StringBuilder(key());
    while (true) {
      if (peek('.')) {
        at++;
        path.append('.').append(key());
      } else if (peek('[')) {
        at++;
        space();
        int s = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '*')) at++;
        if (s == at || !symbol("]")) throw error("expected a list index");
        path.append('[').append(text, s, at - 1).append(']');
      } else {
        break;
      }
    }
    boolean negated = keyword("NOT");
    String op = operator();
    List<String> values = new ArrayList<>();
    if (op.equals("IN")) {
      if (!symbol("(")) throw error("expected '(' after IN");
      values.add(literal());
      while (symbol(",")) values.add(literal());
      if (!symbol(")")) throw error("expected ')' to close the IN list");
    } else {
      values.add(literal());
    }
    return new Comparison(type, path.toString(), negated, op, List.copyOf(values));
  }

  private String key() throws SyntaxError {
    space();
    if (peek('\'')) return string();
    int start = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '-')) at++;
    if (start == at) throw error("expected a property name");
    return text.substring(start, at);
  }

  private String operator() throws SyntaxError {
    space();
    for (String op : new String[] {"==", "!=", "<>", ">=", "<=", "=", ">", "<"}) {
      if (text.startsWith(op, at)) {
        at += op.length();
        return op.equals("==") ? "=" : op.equals("<>") ? "!=" : op;
      }
    }
    for (String op : new String[] {"IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"}) {
      if (keyword(op)) return op;
    }
    throw error("expected a comparison operator");
  }

  private String literal() throws SyntaxError {
    space();
    if (peek('\'')) return string();
    if ((peek('t') || peek('h') || peek('b')) && at + 1 < text.length() && text.charAt(at + 1) == '\'') {
      at++;
      return string();
    }
    if (keyword("true")) return "true";
    if (keyword("false")) return "false";
    if (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-' || text.charAt(at) == '+')) {
      int start = at++;
      while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) at++;
      return text.substring(start, at);
    }
    throw error("expected a value (a quoted string, a number, true or false)");
  }

  private String string() throws SyntaxError {
    if (!peek('\'')) throw error("expected a quoted string");
    at++;
    StringBuilder b = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == '\'') return b.toString();
      if (c == '\\') {
        if (at >= text.length()) break;
        char e = text.charAt(at++);
        if (e != '\'' && e != '\\') throw error("has the escape '\\" + e + "'; only \\' and \\\\ are allowed");
        b.append(e);
      } else {
        b.append(c);
      }
    }
    throw error("a string is not closed");
  }

  private String timestamp() throws SyntaxError {
    space();
    if (!peek('t')) throw error("expected a timestamp t'...'");
    at++;
    return string();
  }

  private String number() throws SyntaxError {
    space();
    int start = at;
    while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) at++;
    if (start == at) throw error("expected a number");
    return text.substring(start, at);
  }

  private boolean keyword(String word) {
    space();
    if (!text.startsWith(word, at)) return false;
    int end = at + word.length();
    if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) return false;
    at = end;
    return true;
  }

  private boolean symbol(String s) {
    space();
    if (!text.startsWith(s, at)) return false;
    at += s.length();
    return true;
  }

  private boolean peek(char c) {
    return at < text.length() && text.charAt(at) == c;
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
  }

  private String rest() {
    return text.substring(at, Math.min(text.length(), at + 20));
  }

  private SyntaxError error(String problem) {
    return new SyntaxError("pattern syntax error at character " + (at + 1) + ": " + problem);
  }
}
