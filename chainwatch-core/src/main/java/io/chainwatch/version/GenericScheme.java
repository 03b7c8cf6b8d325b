package io.chainwatch.version;

/** Placeholder generic scheme: numeric dotted segments; replaced by the full implementation. */
final class GenericScheme implements VersionScheme {
  @Override public String name() { return "generic"; }
  @Override public boolean isValid(String v) { return !v.isBlank() && Character.isDigit(v.charAt(0)); }
  @Override public int compare(String a, String b) {
    String[] x = a.split("\\."), y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0", q = i < y.length ? y[i] : "0";
      int c = p.length() != q.length() && p.chars().allMatch(Character::isDigit) && q.chars().allMatch(Character::isDigit)
          ? Integer.compare(p.length(), q.length()) : p.compareTo(q);
      if (c != 0) return c;
    }
    return 0;
  }
}
