package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RPM version order: {@code [epoch:]version[-release]}, epochs numerically (missing is 0), then version, then release
 * (missing is empty), each with rpm's {@code rpmvercmp} (rpm {@code rpmio/rpmvercmp.c}): the string splits into runs
 * of digits and runs of letters, other characters only separate; digit runs compare numerically and beat letter runs;
 * {@code ~} sorts before anything, even the end ({@code 1.0~rc1 < 1.0}); {@code ^} sorts after the end but before
 * anything else ({@code 1.0 < 1.0^git1 < 1.0.1}).
 *
 * <p>The string is tokenised once; comparing token lists is the same as rpmvercmp's character walk.
 */
final class RpmScheme extends ParsedVersionScheme<RpmScheme.Rpm> {
  /** A token: {@code ~}, {@code ^}, a digit run (leading zeros stripped) or a letter run. */
  record Token(char kind, String text) {}

  record Rpm(String epoch, List<Token> version, List<Token> release) {}

  private static final char TILDE = '~';
  private static final char CARET = '^';
  private static final char NUMBER = '0';
  private static final char WORD = 'a';

  RpmScheme() {
    super("rpm");
  }

  @Override
  @Nullable Rpm parseVersion(String text) {
    String epoch = "0";
    String rest = text;
    int colon = text.indexOf(':');
    if (colon >= 0) {
      epoch = text.substring(0, colon);
      if (!Digits.allDigits(epoch)) return null;
      rest = text.substring(colon + 1);
    }
    String version = rest;
    String release = "";
    int dash = rest.lastIndexOf('-');
    if (dash >= 0) {
      version = rest.substring(0, dash);
      release = rest.substring(dash + 1);
      if (release.isEmpty()) return null;
    }
    List<Token> v = tokens(version);
    List<Token> r = tokens(release);
    if (v == null || r == null || v.stream().noneMatch(t -> t.kind() == NUMBER || t.kind() == WORD)) return null;
    return new Rpm(Digits.strip(epoch), v, r);
  }

  private static @Nullable List<Token> tokens(String s) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == TILDE || c == CARET) {
        tokens.add(new Token(c, ""));
        i++;
      } else if (Digits.isDigit(c) || Digits.isLetter(c)) {
        boolean digits = Digits.isDigit(c);
        int end = i;
        while (end < s.length() && (digits ? Digits.isDigit(s.charAt(end)) : Digits.isLetter(s.charAt(end)))) end++;
        String run = s.substring(i, end);
        tokens.add(digits ? new Token(NUMBER, Digits.strip(run)) : new Token(WORD, run));
        i = end;
      } else if (c == '.' || c == '_' || c == '+') {
        i++;
      } else {
        return null;
      }
    }
    return tokens;
  }

  @Override
  int compareParsed(Rpm a, Rpm b) {
    int c = Digits.compare(a.epoch(), b.epoch());
    if (c == 0) c = rpmvercmp(a.version(), b.version());
    if (c == 0) c = rpmvercmp(a.release(), b.release());
    return c;
  }

  private static int rpmvercmp(List<Token> a, List<Token> b) {
    for (int i = 0; ; i++) {
      Token x = i < a.size() ? a.get(i) : null;
      Token y = i < b.size() ? b.get(i) : null;
      if (x == null && y == null) return 0;
      boolean tx = x != null && x.kind() == TILDE;
      boolean ty = y != null && y.kind() == TILDE;
      if (tx || ty) {
        if (tx && ty) continue;
        return tx ? -1 : 1;
      }
      if (x == null) return -1;
      if (y == null) return 1;
      boolean cx = x.kind() == CARET;
      boolean cy = y.kind() == CARET;
      if (cx || cy) {
        if (cx && cy) continue;
        return cx ? -1 : 1;
      }
      if (x.kind() != y.kind()) return x.kind() == NUMBER ? 1 : -1;
      int c = x.kind() == NUMBER ? Digits.compare(x.text(), y.text()) : Integer.signum(x.text().compareTo(y.text()));
      if (c != 0) return c;
    }
  }
}
