package io.chainwatch.intel;

import java.math.BigInteger;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Brings an indicator to the one spelling under which sources agree, so that {@code hxxps://AkamaiContainer[.]com.}
 * from a blog and {@code akamaicontainer.com} from a STIX bundle become one indicator.
 *
 * <p>Implementation notes. Refanging undoes the usual defanging ({@code [.]}, {@code (.)}, {@code {.}}, {@code [dot]},
 * {@code [:]}, {@code [://]}, {@code hxxp}). Names are lower-cased, lose trailing dots and are converted to punycode
 * ({@link IDN#toASCII}); hashes are lower-cased; file names keep their case (it carries meaning on most systems). URLs
 * get a lower-case scheme and host, lose a default port, and keep path and query as written (case matters there) but
 * for percent-encoding normalised as RFC 3986 has it (escaped unreserved characters decoded); a URL
 * without a scheme is taken as {@code http}. Addresses are written in their canonical text (IPv6 per RFC 5952); a
 * {@code /32} or {@code /128} network is folded to its address, and an address given with a shorter prefix becomes a
 * {@code cidr} with its host bits cleared. IPv4 octets with leading zeros are rejected: some tools read them as octal.
 */
public final class IndicatorNormaliser {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  private IndicatorNormaliser() {}

  /** The normalised form; its type may differ ({@code ipv4 1.2.3.0/24} is a {@code cidr}). */
  public static Indicator normalise(Indicator raw) {
    IndicatorType type = IndicatorType.parse(raw.type().strip().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new InvalidIndicator("has the unknown indicator type '" + raw.type() + "'"));
    return normalise(type, raw.value());
  }

  public static Indicator normalise(IndicatorType type, String value) {
    String v = value.strip();
    if (v.isEmpty()) throw new InvalidIndicator("is empty");
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) throw new InvalidIndicator("contains a control character");
    }
    switch (type) {
      case DOMAIN:
        return new Indicator(type.wireName(), domain(v));
      case HOSTNAME:
        return new Indicator(type.wireName(), hostName(refang(v)));
      case IPV4:
      case IPV6:
      case CIDR:
        return address(refang(v));
      case URL:
      case URL_PREFIX:
        return new Indicator(type.wireName(), url(v));
      case MD5:
        return new Indicator(type.wireName(), hash(v, 32, "an MD5"));
      case SHA1:
        return new Indicator(type.wireName(), hash(v, 40, "a SHA-1"));
      case SHA256:
        return new Indicator(type.wireName(), hash(v, 64, "a SHA-256"));
      case FILENAME:
        return new Indicator(type.wireName(), v);
      default:
        throw new IllegalStateException("unhandled indicator type " + type);
    }
  }

  /** Undoes defanging; applied to names, addresses and URLs. */
  public static String refang(String v) {
    String s = v.replace("[.]", ".").replace("(.)", ".").replace("{.}", ".").replace("[dot]", ".").replace("(dot)", ".")
        .replace("[://]", "://").replace("[:]", ":");
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("hxxps")) s = "https" + s.substring(5);
    else if (lower.startsWith("hxxp")) s = "http" + s.substring(4);
    else if (lower.startsWith("fxp")) s = "ftp" + s.substring(3);
    return s;
  }

  private static String domain(String v) {
    String name = refang(v);
    if (name.startsWith("*.")) name = name.substring(2); // a domain indicator covers its subdomains anyway
    String host = hostName(name);
    if (host.indexOf('.') < 0) throw new InvalidIndicator("is a single label, not a domain");
    return host;
  }

  /** Lower case, no trailing dot, punycode, every label valid; an IP address is not a host name. */
  static String hostName(String v) {
    String name = v;
    while (name.endsWith(".")) name = name.substring(0, name.length() - 1);
    if (name.isEmpty()) throw new InvalidIndicator("is not a host name");
    if (isIpv4(name) || name.indexOf(':') >= 0) throw new InvalidIndicator("is an IP address, not a name");
    String ascii;
    try {
      ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new InvalidIndicator("is not a valid international domain name (" + e.getMessage() + ")");
    }
    if (ascii.length() > 253) throw new InvalidIndicator("is longer than 253 characters");
    for (String label : ascii.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new InvalidIndicator(label.isEmpty() ? "has an empty label" : "has the invalid label '" + label + "'");
      }
    }
    return ascii;
  }

  private static String hash(String v, int digits, String what) {
    String h = v.toLowerCase(Locale.ROOT);
    if (!HEX.matcher(h).matches()) throw new InvalidIndicator("is not " + what + " hash: it has characters other than hex digits");
    if (h.length() != digits) throw new InvalidIndicator("is not " + what + " hash: " + h.length() + " hex digits instead of " + digits);
    return h;
  }

  private static String url(String v) {
    String s = refang(v);
    int sep = s.indexOf("://");
    String scheme;
    String rest;
    if (sep < 0) {
      scheme = "http";
      rest = s;
    } else {
      scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
      rest = s.substring(sep + 3);
      if (!SCHEME.matcher(scheme).matches()) throw new InvalidIndicator("has the invalid scheme '" + scheme + "'");
    }
    int end = rest.length();
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = rest.substring(0, end);
    String path = rest.substring(end);
    if (path.isEmpty() || path.charAt(0) != '/') path = "/" + path;
    String userInfo = "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      userInfo = authority.substring(0, at + 1);
      authority = authority.substring(at + 1);
    }
    String host;
    String port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) throw new InvalidIndicator("has an unclosed IPv6 address");
      host = "[" + ipv6Text(authority.substring(1, close)) + "]";
      if (close + 1 < authority.length()) {
        if (authority.charAt(close + 1) != ':') throw new InvalidIndicator("has text after its IPv6 address");
        port = authority.substring(close + 2);
      }
    } else {
      int colon = authority.lastIndexOf(':');
      String h = colon >= 0 ? authority.substring(0, colon) : authority;
      if (colon >= 0) port = authority.substring(colon + 1);
      if (h.isEmpty()) throw new InvalidIndicator("has no host");
      host = isIpv4(h) ? ipv4Text(h) : hostName(h);
    }
    if (port != null) {
      if (port.isEmpty()) port = null;
      else if (!port.chars().allMatch(Character::isDigit) || port.length() > 5 || Integer.parseInt(port) > 65535) {
        throw new InvalidIndicator("has the invalid port '" + port + "'");
      } else {
        int p = Integer.parseInt(port);
        if (p == defaultPort(scheme)) port = null;
        else port = Integer.toString(p);
      }
    }
    return scheme + "://" + userInfo + host + (port == null ? "" : ":" + port) + unescaped(path);
  }

  /**
   * The path and query with RFC 3986's percent-encoding normalisation (6.2.2.1, 6.2.2.2): an escaped unreserved
   * character ({@code %70}) is the character itself, and any other escape has upper-case hex digits. A {@code %} that
   * begins no escape is kept as written.
   */
  private static String unescaped(String path) {
    if (path.indexOf('%') < 0) return path;
    StringBuilder out = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      int high = c == '%' && i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(path.charAt(i + 2), 16) : -1;
      if (low < 0) {
        out.append(c);
        continue;
      }
      char decoded = (char) (high * 16 + low);
      if (unreserved(decoded)) out.append(decoded);
      else out.append('%').append(Character.toUpperCase(path.charAt(i + 1))).append(Character.toUpperCase(path.charAt(i + 2)));
      i += 2;
    }
    return out.toString();
  }

  private static boolean unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static int defaultPort(String scheme) {
    switch (scheme) {
      case "http": return 80;
      case "https": return 443;
      case "ftp": return 21;
      default: return -1;
    }
  }

  /** An address or a network: {@code ipv4}, {@code ipv6} or {@code cidr}, whatever the source called it. */
  private static Indicator address(String v) {
    int slash = v.indexOf('/');
    String addr = slash < 0 ? v : v.substring(0, slash);
    boolean v4 = isIpv4(addr);
    byte[] bytes = v4 ? ipv4Bytes(addr) : ipv6Bytes(addr);
    if (bytes.length == 4 && !v4) v4 = true; // an IPv4-mapped IPv6 address
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = v.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) throw new InvalidIndicator("has the invalid prefix length '/" + p + "'");
      prefix = Integer.parseInt(p);
      if (prefix > bits) throw new InvalidIndicator("has a prefix length /" + prefix + " longer than the address (" + bits + " bits)");
    }
    if (prefix == bits) return new Indicator(v4 ? "ipv4" : "ipv6", text(bytes));
    BigInteger n = new BigInteger(1, bytes);
    BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
    byte[] network = toBytes(n.and(mask), bytes.length);
    return new Indicator("cidr", text(network) + "/" + prefix);
  }

  private static byte[] toBytes(BigInteger n, int length) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  private static String text(byte[] bytes) {
    if (bytes.length == 4) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    // RFC 5952: the longest run of two or more zero groups (the first if tied) becomes '::'.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
      b.append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) return false;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) return false;
    }
    return true;
  }

  private static String ipv4Text(String s) {
    return text(ipv4Bytes(s));
  }

  private static byte[] ipv4Bytes(String s) {
    if (!isIpv4(s)) throw new InvalidIndicator("is not an IPv4 address");
    String[] parts = s.split("\\.");
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].length() > 1 && parts[i].charAt(0) == '0') {
        throw new InvalidIndicator("has the octet '" + parts[i] + "' with a leading zero, which some tools read as octal");
      }
      int n = Integer.parseInt(parts[i]);
      if (n > 255) throw new InvalidIndicator("has the octet " + n + ", above 255");
      out[i] = (byte) n;
    }
    return out;
  }

  private static String ipv6Text(String s) {
    byte[] b = ipv6Bytes(s);
    return text(b);
  }

  /** Parses an IPv6 literal by hand: 16 bytes, or 4 for an IPv4-mapped address. */
  private static byte[] ipv6Bytes(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    int zone = t.indexOf('%');
    if (zone >= 0) throw new InvalidIndicator("has a zone index, which is local to one host");
    if (t.indexOf(':') < 0) throw new InvalidIndicator("is not an IP address");
    int[] groups = new int[8];
    String head = t;
    String tail = "";
    int dc = t.indexOf("::");
    if (dc >= 0) {
      if (t.indexOf("::", dc + 1) >= 0) throw new InvalidIndicator("is not an IPv6 address: '::' appears twice");
      head = t.substring(0, dc);
      tail = t.substring(dc + 2);
    }
    int[] h = groups(head);
    int[] tl = groups(tail);
    if (dc < 0 && h.length != 8) throw new InvalidIndicator("is not an IPv6 address: " + h.length + " groups instead of 8");
    if (dc >= 0 && h.length + tl.length > 7) throw new InvalidIndicator("is not an IPv6 address: too many groups");
    System.arraycopy(h, 0, groups, 0, h.length);
    System.arraycopy(tl, 0, groups, 8 - tl.length, tl.length);
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (groups[i] >> 8);
      out[2 * i + 1] = (byte) groups[i];
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) mapped &= out[i] == 0;
    mapped &= (out[10] & 0xff) == 0xff && (out[11] & 0xff) == 0xff;
    if (mapped) return new byte[] {out[12], out[13], out[14], out[15]};
    return out;
  }

  private static int[] groups(String part) {
    if (part.isEmpty()) return new int[0];
    String[] texts = part.split(":", -1);
    int n = texts.length;
    boolean embeddedV4 = texts[n - 1].indexOf('.') >= 0;
    int[] out = new int[embeddedV4 ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String g = texts[i];
      if (embeddedV4 && i == n - 1) {
        byte[] v4 = ipv4Bytes(g);
        out[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        out[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        continue;
      }
      if (g.isEmpty() || g.length() > 4 || !HEX.matcher(g).matches()) throw new InvalidIndicator("is not an IPv6 address: bad group '" + g + "'");
      out[i] = Integer.parseInt(g, 16);
    }
    return out;
  }
}
