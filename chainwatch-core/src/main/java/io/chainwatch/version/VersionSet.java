package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of versions in package-url vers syntax ({@code vers:<scheme>/<constraint>|<constraint>...}).
 * Placeholder implementation: equality and simple comparators for the generic scheme.
 */
public final class VersionSet {
  private final String text;
  private final VersionScheme scheme;
  private final List<String[]> constraints;

  private VersionSet(String text, VersionScheme scheme, List<String[]> constraints) {
    this.text = text;
    this.scheme = scheme;
    this.constraints = constraints;
  }

  public static VersionSet parse(String vers) {
    String t = vers.trim();
    if (!t.startsWith("vers:")) throw new VersSyntaxException("'" + vers + "' does not start with 'vers:'");
    int slash = t.indexOf('/');
    if (slash < 0) throw new VersSyntaxException("'" + vers + "' has no '/' after the scheme");
    List<String[]> cs = new ArrayList<>();
    for (String c : t.substring(slash + 1).split("\\|")) {
      c = c.trim();
      String op = c.startsWith(">=") || c.startsWith("<=") || c.startsWith("!=") ? c.substring(0, 2)
          : c.startsWith(">") || c.startsWith("<") ? c.substring(0, 1) : "=";
      cs.add(new String[] {op, c.substring(op.equals("=") ? 0 : op.length()).trim()});
    }
    return new VersionSet(t, new GenericScheme(), cs);
  }

  public String scheme() {
    return scheme.name();
  }

  public Containment contains(String version) {
    if (!scheme.isValid(version)) return Containment.UNKNOWN;
    boolean lower = true;
    for (String[] c : constraints) {
      int cmp = scheme.compare(version, c[1]);
      switch (c[0]) {
        case "=": if (cmp == 0) return Containment.IN; break;
        case ">=": if (cmp >= 0) return Containment.IN; break;
        default: lower = false;
      }
    }
    return lower ? Containment.OUT : Containment.OUT;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionSet && ((VersionSet) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
