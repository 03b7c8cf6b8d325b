package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PyPI version order per PEP 440 ("Version specifiers", https://peps.python.org/pep-0440/), with its normalisation
 * rules: epoch, release (trailing zeros insignificant), then {@code .devN < aN < bN < rcN < release < .postN}, a dev
 * release of a pre/post release sorting just before it, and a local version ({@code +ubuntu.1}) sorting after the
 * same public version, its segments numeric-after-alphanumeric. Spellings are normalised ({@code alpha}=a,
 * {@code c/pre/preview}=rc, {@code rev/r}=post, {@code 1.0-1}=1.0.post1, implicit numbers are 0, case-insensitive).
 */
final class Pep440Scheme extends ParsedVersionScheme<Pep440Scheme.Pep440> {
  /**
   * A normalised version. {@code pre} is 0/1/2 for a/b/rc, or -1 when absent (then {@code preNumber} is 0);
   * numbers are digit strings.
   *
   * @param local the local label segments, each a digit string or a lower-case word, or {@code null}
   */
  record Pep440(
      String epoch,
      List<String> release,
      int pre,
      String preNumber,
      @Nullable String post,
      @Nullable String dev,
      @Nullable List<String> local) {}

  // The pattern given in PEP 440, appendix B, with Java group names.
  private static final Pattern VERSION = Pattern.compile(
      "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
          + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
          + "(?<post>-(?<postn1>[0-9]+)|[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?)?"
          + "(?<dev>[-_.]?dev[-_.]?(?<devn>[0-9]+)?)?"
          + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LOCAL_SEPARATOR = Pattern.compile("[-_.]");

  Pep440Scheme() {
    super("pypi");
  }

  @Override
  @Nullable Pep440 parseVersion(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) return null;
    String epoch = m.group("epoch") == null ? "0" : m.group("epoch");
    List<String> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) release.add(Digits.strip(part));
    while (release.size() > 1 && release.get(release.size() - 1).equals("0")) release.remove(release.size() - 1);
    int pre = -1;
    String preNumber = "0";
    if (m.group("pre") != null) {
      String label = m.group("prel").toLowerCase(Locale.ROOT);
      pre = label.startsWith("a") ? 0 : label.startsWith("b") ? 1 : 2;
      preNumber = orZero(m.group("pren"));
    }
    String post = null;
    if (m.group("post") != null) post = m.group("postn1") != null ? m.group("postn1") : orZero(m.group("postn2"));
    String dev = m.group("dev") == null ? null : orZero(m.group("devn"));
    List<String> local = null;
    if (m.group("local") != null) {
      local = new ArrayList<>();
      for (String part : LOCAL_SEPARATOR.split(m.group("local").toLowerCase(Locale.ROOT))) {
        local.add(Digits.allDigits(part) ? Digits.strip(part) : part);
      }
    }
    return new Pep440(Digits.strip(epoch), List.copyOf(release), pre, preNumber, post, dev, local);
  }

  private static String orZero(@Nullable String digits) {
    return digits == null ? "0" : digits;
  }

  @Override
  int compareParsed(Pep440 a, Pep440 b) {
    int c = Digits.compare(a.epoch(), b.epoch());
    if (c != 0) return c;
    for (int i = 0; i < Math.max(a.release().size(), b.release().size()); i++) {
      String x = i < a.release().size() ? a.release().get(i) : "0";
      String y = i < b.release().size() ? b.release().get(i) : "0";
      c = Digits.compare(x, y);
      if (c != 0) return c;
    }
    c = Integer.compare(preRank(a), preRank(b));
    if (c != 0) return c;
    if (a.pre() >= 0) {
      c = Digits.compare(a.preNumber(), b.preNumber());
      if (c != 0) return c;
    }
    // No post release sorts before any post release; no dev release sorts after any dev release.
    c = compareOptional(a.post(), b.post(), -1);
    if (c != 0) return c;
    c = compareOptional(a.dev(), b.dev(), 1);
    if (c != 0) return c;
    return compareLocal(a.local(), b.local());
  }

  /** A bare dev release (1.0.dev1) sorts before every pre-release; no pre-release sorts after all of them. */
  private static int preRank(Pep440 v) {
    if (v.pre() >= 0) return v.pre();
    return v.post() == null && v.dev() != null ? -1 : 3;
  }

  private static int compareOptional(@Nullable String x, @Nullable String y, int absent) {
    if (x == null || y == null) return x == null ? (y == null ? 0 : absent) : -absent;
    return Digits.compare(x, y);
  }

  private static int compareLocal(@Nullable List<String> x, @Nullable List<String> y) {
    if (x == null || y == null) return x == null ? (y == null ? 0 : -1) : 1;
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      boolean nx = Digits.allDigits(x.get(i));
      boolean ny = Digits.allDigits(y.get(i));
      int c = nx && ny ? Digits.compare(x.get(i), y.get(i))
          : nx != ny ? (nx ? 1 : -1) : Integer.signum(x.get(i).compareTo(y.get(i)));
      if (c != 0) return c;
    }
    return Integer.compare(x.size(), y.size());
  }
}
