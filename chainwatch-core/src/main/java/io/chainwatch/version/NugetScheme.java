package io.chainwatch.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * NuGet version order (NuGet.Versioning {@code VersionComparer.Default}): one to four numeric parts, missing parts are
 * {@code 0} and leading zeros are ignored ({@code 1.0.01 == 1.0.1.0}); a release label sorts before the release;
 * labels compare part by part, numerically when both are numeric, numeric before alphanumeric, otherwise
 * case-insensitively; build metadata after {@code +} is ignored.
 */
final class NugetScheme extends ParsedVersionScheme<NugetScheme.Nuget> {
  /** Four numeric parts and the lower-cased release label parts (empty for a release). */
  record Nuget(List<String> numbers, List<String> labels) {}

  NugetScheme() {
    super("nuget");
  }

  @Override
  @Nullable Nuget parseVersion(String version) {
    String v = version;
    int plus = v.indexOf('+');
    if (plus >= 0) {
      if (!identifiers(v.substring(plus + 1))) return null;
      v = v.substring(0, plus);
    }
    List<String> labels = List.of();
    int dash = v.indexOf('-');
    if (dash >= 0) {
      String label = v.substring(dash + 1);
      if (!identifiers(label)) return null;
      labels = List.of(label.toLowerCase(Locale.ROOT).split("\\."));
      v = v.substring(0, dash);
    }
    String[] parts = v.split("\\.", -1);
    if (parts.length > 4) return null;
    List<String> numbers = new ArrayList<>(4);
    for (String part : parts) {
      // NuGet reads each part as a 32-bit int.
      if (!Digits.allDigits(part) || Digits.strip(part).length() > 9) return null;
      numbers.add(Digits.strip(part));
    }
    while (numbers.size() < 4) numbers.add("0");
    return new Nuget(List.copyOf(numbers), labels);
  }

  private static boolean identifiers(String text) {
    for (String id : text.split("\\.", -1)) {
      if (id.isEmpty()) return false;
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        if (!Digits.isDigit(c) && !Digits.isLetter(c) && c != '-') return false;
      }
    }
    return true;
  }

  @Override
  int compareParsed(Nuget a, Nuget b) {
    for (int i = 0; i < 4; i++) {
      int c = Digits.compare(a.numbers().get(i), b.numbers().get(i));
      if (c != 0) return c;
    }
    List<String> x = a.labels();
    List<String> y = b.labels();
    if (x.isEmpty() || y.isEmpty()) return Boolean.compare(x.isEmpty(), y.isEmpty());
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      boolean nx = Digits.allDigits(x.get(i));
      boolean ny = Digits.allDigits(y.get(i));
      int c = nx && ny ? Digits.compare(x.get(i), y.get(i))
          : nx != ny ? (nx ? -1 : 1) : Integer.signum(x.get(i).compareTo(y.get(i)));
      if (c != 0) return c;
    }
    return Integer.compare(x.size(), y.size());
  }
}
