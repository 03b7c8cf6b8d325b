package io.chainwatch.formats.csaf;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.chainwatch.portfolio.Platform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Vendor, product and version read from a purl or a CPE, for products the branch path does not name.
 *
 * @param scheme the vers scheme the version belongs to (the purl type), or null for a CPE
 * @param platform the platform named by the purl's {@code os} qualifier or the CPE's target_sw, else ANY
 */
record PackageIdentity(String vendor, String product, @Nullable String version, @Nullable String scheme, Platform platform) {

  /** The identity in a purl, or null when the text is not a valid purl. */
  static @Nullable PackageIdentity fromPurl(@Nullable String purl) {
    if (purl == null) return null;
    PackageURL p;
    try {
      p = new PackageURL(purl);
    } catch (MalformedPackageURLException e) {
      return null;
    }
    Map<String, String> qualifiers = p.getQualifiers();
    String os = qualifiers == null ? null : qualifiers.get("os");
    Platform platform = os == null ? Platform.ANY : Platform.parse(os).orElse(Platform.ANY);
    String vendor = p.getNamespace() == null ? "" : p.getNamespace();
    return new PackageIdentity(vendor, p.getName(), p.getVersion(), p.getType(), platform);
  }

  /** The identity in a CPE 2.2 URI or 2.3 formatted string, or null when the text is not one. */
  static @Nullable PackageIdentity fromCpe(@Nullable String cpe) {
    if (cpe == null) return null;
    List<String> fields;
    int targetSw;
    if (cpe.startsWith("cpe:2.3:")) {
      fields = splitFormatted(cpe.substring(8));
      targetSw = 8; // part:vendor:product:version:update:edition:language:sw_edition:target_sw
    } else if (cpe.startsWith("cpe:/")) {
      fields = new ArrayList<>();
      for (String f : cpe.substring(5).split(":", -1)) fields.add(percentDecode(f));
      targetSw = -1; // CPE 2.2 packs target_sw into the edition field; not worth unpacking
    } else {
      return null;
    }
    if (fields.size() < 3 || !isValue(fields.get(1)) || !isValue(fields.get(2))) return null;
    String version = fields.size() > 3 && isValue(fields.get(3)) ? fields.get(3) : null;
    Platform platform = targetSw > 0 && fields.size() > targetSw && isValue(fields.get(targetSw))
        ? Platform.parse(fields.get(targetSw)).orElse(Platform.ANY)
        : Platform.ANY;
    return new PackageIdentity(fields.get(1), fields.get(2), version, null, platform);
  }

  /** '*' (any) and '-' (not applicable) carry no value. */
  private static boolean isValue(String field) {
    return !field.isEmpty() && !field.equals("*") && !field.equals("-");
  }

  /** Splits a CPE 2.3 formatted string on unescaped colons and removes the backslash escapes. */
  private static List<String> splitFormatted(String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        field.append(text.charAt(++i));
      } else if (c == ':') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  private static String percentDecode(String text) {
    if (text.indexOf('%') < 0) return text;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); ) {
      int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
      int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (text.charAt(i) == '%' && hi >= 0 && lo >= 0) {
        bytes.write(hi * 16 + lo);
        i += 3;
      } else {
        int cp = text.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
