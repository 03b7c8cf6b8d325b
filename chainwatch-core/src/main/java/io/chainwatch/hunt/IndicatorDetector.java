package io.chainwatch.hunt;

import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.intel.Networks;
import java.net.IDN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Matches indicators against the fields that can carry them, never against free text.
 *
 * <p>Implementation notes. Every look-up is a hash-set probe. A {@code domain} indicator matches a name and every
 * name under it at a label boundary: the name itself and each parent ({@code a.b.example.com}, {@code b.example.com},
 * {@code example.com}, {@code com}) is looked up, so {@code notakamaicontainer.com} and
 * {@code akamaicontainer.com.example.net} are not hits. A {@code hostname} matches exactly. Names are compared as the
 * normaliser writes them: lower case, no trailing dot, punycode. Addresses match connection endpoints; networks are
 * probed once per prefix length present (IPv4), or scanned (IPv6, rare). URLs are canonicalised by the normaliser and
 * compared without their scheme, because a proxy or Zeek sees {@code http://} where intel wrote {@code https://}
 * (the resource is the indicator); {@code url-prefix} is a prefix test on the same form, per host. Hashes of every
 * algorithm share one set. File names are not hunted: {@code ffmpeg.dll} alone is a legitimate Electron file,
 * and a name is context, not evidence.
 *
 * <p>Which field carries what is decided by the field's name ({@link #ROLES}): the readers keep each log's own
 * names.
 */
public final class IndicatorDetector implements Detector {
  /** The detector's name in sightings. */
  public static final String DETECTOR = "ioc";

  /** What a field can carry. */
  public enum Role { NAME, URL, ADDRESS, HASH }

  /** The fields each role reads, by the log's own field name. */
  static final Map<String, Role> ROLES = Map.ofEntries(
      // names: DNS queries, HTTP Host, TLS SNI, proxy host (CONNECT target too), Sysmon DNS and network events
      Map.entry("query", Role.NAME), Map.entry("host", Role.NAME), Map.entry("server_name", Role.NAME),
      Map.entry("QueryName", Role.NAME), Map.entry("DestinationHostname", Role.NAME), Map.entry("cs-host", Role.NAME),
      Map.entry("san.dns", Role.NAME),
      Map.entry("url", Role.URL),
      Map.entry("id.orig_h", Role.ADDRESS), Map.entry("id.resp_h", Role.ADDRESS), Map.entry("SourceIp", Role.ADDRESS),
      Map.entry("DestinationIp", Role.ADDRESS), Map.entry("c-ip", Role.ADDRESS), Map.entry("s-ip", Role.ADDRESS),
      Map.entry("tx_hosts", Role.ADDRESS), Map.entry("rx_hosts", Role.ADDRESS),
      Map.entry("md5", Role.HASH), Map.entry("sha1", Role.HASH), Map.entry("sha256", Role.HASH),
      Map.entry("fingerprint", Role.HASH), Map.entry("Hashes.MD5", Role.HASH), Map.entry("Hashes.SHA1", Role.HASH),
      Map.entry("Hashes.SHA256", Role.HASH));

  /** The name fields that are DNS questions, not connection targets. */
  private static final Set<String> DNS_QUESTIONS = Set.of("query", "QueryName");

  private final Set<String> addresses = new HashSet<>();
  /** IPv4 networks: prefix length to the set of network numbers. */
  private final Map<Integer, Set<Integer>> networks4 = new HashMap<>();
  private final List<String> networks6 = new ArrayList<>();
  /** Exact URLs without scheme, to the indicator's value. */
  private final Map<String, String> urls = new HashMap<>();
  /** URL prefixes without scheme, by their host part, to the indicator's value. */
  private final Map<String, Map<String, String>> urlPrefixes = new HashMap<>();
  private final Map<String, String> hashes = new HashMap<>();
  /** Domain and hostname indicators: the one set both the string path ({@link #inspect}) and the scanners use. */
  private final NameTable names;
  private final int size;

  /** @param indicators normalised indicators; any that cannot be hunted on fields is ignored */
  public IndicatorDetector(List<Indicator> indicators) {
    int n = 0;
    names = new NameTable(indicators.size());
    // The store gives the type of every row as a string of its own; most are of one or two types.
    String lastType = null;
    IndicatorType lastParsed = null;
    for (Indicator i : indicators) {
      IndicatorType t;
      if (i.type().equals(lastType)) {
        t = lastParsed;
      } else {
        t = IndicatorType.parse(i.type()).orElse(null);
        lastType = i.type();
        lastParsed = t;
      }
      if (t == null) continue;
      String v = i.value();
      switch (t) {
        case DOMAIN: names.addDomain(v); break;
        case HOSTNAME: names.addHostname(v); break;
        case IPV4:
        case IPV6: addresses.add(v); break;
        case CIDR: addNetwork(v); break;
        case URL: urls.put(withoutScheme(canonicalUrl(v)), v); break;
        case URL_PREFIX: {
          String prefix = withoutScheme(canonicalUrl(v));
          urlPrefixes.computeIfAbsent(hostPart(prefix), k -> new HashMap<>()).put(prefix, v);
          break;
        }
        case MD5:
        case SHA1:
        case SHA256: hashes.put(v, t.wireName()); break;
        default: continue;
      }
      n++;
    }
    size = n;
  }

  /** How many indicators it hunts for. */
  public int size() {
    return size;
  }

  private void addNetwork(String cidr) {
    int slash = cidr.indexOf('/');
    String address = cidr.substring(0, slash);
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    int v4 = ipv4(address);
    if (v4 == -1 && !address.equals("255.255.255.255")) {
      networks6.add(cidr);
      return;
    }
    networks4.computeIfAbsent(prefix, k -> new HashSet<>()).add(mask(v4, prefix));
  }

  private static int mask(int address, int prefix) {
    return prefix == 0 ? 0 : address & (-1 << (32 - prefix));
  }

  @Override
  public void inspect(TelemetryEvent event, Consumer<Hit> hits) {
    boolean mapped = event.kind().startsWith(MAPPED_KIND);
    for (Map.Entry<String, String> f : event.fields().entrySet()) {
      String field = f.getKey();
      // in a mapped export only the mapping says what a column means: its "host" is no HTTP Host
      Role role = mapped ? null : ROLES.get(field);
      if (role == null) {
        if (field.isEmpty() || field.charAt(0) != '@') continue;
        role = mappedRole(field);
        if (role == null) continue;
        field = field.substring(field.indexOf(':') + 1);
      }
      field(role, field, f.getValue(), hits);
    }
  }

  private void field(Role role, String field, String value, Consumer<Hit> hits) {
    if (value.isEmpty() || value.equals("-")) return;
    switch (role) {
      case NAME: name(field, value, hits); break;
      case URL: url(field, value, hits); break;
      case ADDRESS:
        if (value.indexOf(',') >= 0) for (String a : value.split(",")) address(field, a, hits);
        else address(field, value, hits);
        break;
      case HASH: hash(field, value, hits); break;
      default: break;
    }
  }

  /** The role of a field of a log's own (not a mapped export's), or null when it carries no indicator. */
  public static @Nullable Role role(String field) {
    return ROLES.get(field);
  }

  /** The fields that carry indicators, by the logs' own names. */
  public static Set<String> roleFields() {
    return ROLES.keySet();
  }

  /**
   * An exact pre-test for scanners that read bytes: when it says a field's value cannot hit, {@link #inspect} would
   * report nothing for it. Names go through a byte-level hash table of every domain and hostname indicator (the hot
   * path: most log lines carry a name and no other role); the rarer roles are tested by the detector itself.
   */
  public Prefilter prefilter() {
    return new Prefilter();
  }

  /** See {@link #prefilter()}. */
  public final class Prefilter {
    /** The IPv4 address indicators as numbers, for {@link #address}. */
    private final Set<Integer> addresses4 = new HashSet<>();
    /** Asked for every address field of every line: decided once. */
    private final boolean anyAddress = !addresses.isEmpty() || !networks4.isEmpty() || !networks6.isEmpty();
    /** Asked for every line or field too, as the ones below: decided once (a map's isEmpty() is a call on C1). */
    private final boolean anyName = names.size() > 0;
    private final boolean anyUrl = !urls.isEmpty() || !urlPrefixes.isEmpty();
    private final boolean anyHash = !hashes.isEmpty();

    /** The hosts (with user and port, as the URLs have them) of every URL and URL prefix. */
    private final Set<String> urlHosts = new HashSet<>(urlPrefixes.keySet());

    private Prefilter() {
      for (String u : urls.keySet()) urlHosts.add(hostPart(u));
      for (String a : addresses) {
        int v4 = ipv4(a);
        if (v4 != -1) addresses4.add(v4);
      }
    }

    /**
     * Whether the plain-ASCII address in {@code b[from, to)} would be a hit: a canonical dotted quad is tested as a
     * number without building a string (the hot path: most lines carry two addresses); anything else goes through
     * {@link #value}.
     */
    public boolean address(byte[] b, int from, int to) {
      int v4 = ipv4(b, from, to);
      if (v4 == -1) return value(Role.ADDRESS, new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
      if (addresses4.contains(v4)) return true;
      for (Map.Entry<Integer, Set<Integer>> n : networks4.entrySet()) {
        if (n.getValue().contains(mask(v4, n.getKey()))) return true;
      }
      return false;
    }

    /** Whether there are names to look for. */
    public boolean names() {
      return anyName;
    }

    /** Whether there are URLs or URL prefixes to look for (then every URL must be parsed). */
    public boolean urls() {
      return anyUrl;
    }

    /**
     * Whether a URL whose host is the plain-ASCII {@code b[from, to)}, as a log wrote it (an HTTP Host, the host of an
     * absolute request target), may be a hit; false only when no URL or URL prefix can match it. A URL matches only
     * URLs of its own host (with user and port): a host of letters, digits, dots, hyphens and underscores is lower
     * case and without trailing dots once canonical (the normaliser's host name), and is looked up so; any other
     * character (a port, a user, a defanged dot, an escape) may mean another host once canonical, and says yes.
     */
    public boolean urlHost(byte[] b, int from, int to) {
      int end = to;
      while (end > from && b[end - 1] == '.') end--; // trailing dots: dropped, as the normaliser does
      char[] host = new char[end - from];
      for (int i = from; i < end; i++) {
        int c = b[i];
        if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) return true;
        host[i - from] = (char) c;
      }
      return urlHosts.contains(new String(host));
    }

    /** Whether there are addresses or networks to look for. */
    public boolean addresses() {
      return anyAddress;
    }

    /** Whether there are hashes to look for. */
    public boolean hashes() {
      return anyHash;
    }

    /** Whether the plain-ASCII name in {@code b[from, to)}, as a log wrote it, would be a hit. */
    public boolean name(byte[] b, int from, int to) {
      return name(b, from, to, null);
    }

    /**
     * {@link #name(byte[], int, int)}, with the names that missed lately on this thread ({@code misses}, each thread
     * its own) answered from there.
     */
    public boolean name(byte[] b, int from, int to, NameTable.@Nullable Misses misses) {
      if (from < to && b[from] >= '0' && b[from] <= '9' && ipv4(b, from, to) != -1) return anyAddress && address(b, from, to);
      int test = misses == null ? names.test(b, from, to) : names.test(b, from, to, misses);
      // a set of names, a port, an IPv6 literal: rare, and decided by the detector itself
      if (test == NameTable.SPECIAL) return value(Role.NAME, new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
      return test == NameTable.HIT;
    }

    /**
     * Whether {@link #inspect} would report anything for the event: exact, for scanners that build events (of strings)
     * on their own threads and hand on only those that hit.
     */
    public boolean event(TelemetryEvent e) {
      boolean[] hit = {false};
      inspect(e, h -> hit[0] = true);
      return hit[0];
    }

    /** Whether a field of this role and value would be a hit (for any role; slower than {@link #name}). */
    public boolean value(Role role, String value) {
      boolean[] hit = {false};
      field(role, role.name(), value, h -> hit[0] = true);
      return hit[0];
    }
  }

  /** The kind prefix of events read by a field mapping, whose roles are only the {@code @<role>:<column>} fields. */
  public static final String MAPPED_KIND = "mapped.";

  /**
   * The role of a field a mapped reader named {@code @<role>:<column>} ({@code domain}, {@code url}, {@code hash},
   * {@code address}), or null.
   */
  static @Nullable Role mappedRole(String field) {
    if (field.startsWith("@domain:")) return Role.NAME;
    if (field.startsWith("@url:")) return Role.URL;
    if (field.startsWith("@hash:")) return Role.HASH;
    if (field.startsWith("@address:")) return Role.ADDRESS;
    return null;
  }

  /**
   * A name field's value: one name, or a set of them joined with {@code ,} (Zeek x509 {@code san.dns}), each perhaps
   * with a port ({@code host:8080}, an HTTP Host or a CONNECT target) or an address literal where a name would be (a
   * CONNECT to an address, a certificate for one), which is tested as an address.
   */
  private void name(String field, String value, Consumer<Hit> hits) {
    if (value.indexOf(',') < 0) {
      oneName(field, value, hits);
      return;
    }
    for (String part : value.split(",")) {
      String p = part.strip();
      if (!p.isEmpty() && !p.equals("-")) oneName(field, p, hits);
    }
  }

  private void oneName(String field, String value, Consumer<Hit> hits) {
    String host = withoutPort(value);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    if (host.indexOf(':') >= 0 || ipv4(host) != -1 || host.equals("255.255.255.255")) {
      // a connection's target (a CONNECT, a Host header, an SNI) is an endpoint; a DNS question for an address
      // literal is no contact with it
      if (!DNS_QUESTIONS.contains(field)) address(field, host, hits);
      return;
    }
    if (names.size() == 0) return;
    String name = canonicalName(host);
    if (name == null) return;
    // canonical names are ASCII (punycode), so a byte per character
    byte[] b = name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    if (names.hostname(b, 0, b.length)) hits.accept(new Hit(DETECTOR, "hostname", name, field, value, null));
    // the name itself or its nearest parent that is a domain indicator
    int at = names.domain(b, 0, b.length);
    if (at >= 0) hits.accept(new Hit(DETECTOR, "domain", at == 0 ? name : name.substring(at), field, value, null));
  }

  /** A host without its {@code :port} (one colon, then 1 to 5 digits); an IPv6 literal (more colons) as it is. */
  static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0 || colon == host.length() - 1 || host.length() - colon - 1 > 5) return host;
    for (int i = colon + 1; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c < '0' || c > '9') return host;
    }
    String before = host.substring(0, colon);
    if (before.startsWith("[") && before.endsWith("]")) return before;
    return before.indexOf(':') >= 0 ? host : before;
  }

  /** Lower case, no trailing dot, punycode; null when it is no name at all. */
  static String canonicalName(String value) {
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == '.') end--;
    if (end == 0) return null;
    boolean ascii = true;
    boolean lower = true;
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) ascii = false;
      else if (c >= 'A' && c <= 'Z') lower = false;
    }
    String s = end == value.length() ? value : value.substring(0, end);
    if (!ascii) {
      try {
        return IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return lower ? s : s.toLowerCase(Locale.ROOT);
  }

  private void url(String field, String value, Consumer<Hit> hits) {
    if (urls.isEmpty() && urlPrefixes.isEmpty()) return;
    String canonical;
    try {
      canonical = withoutScheme(IndicatorNormaliser.normalise(IndicatorType.URL, value).value());
    } catch (InvalidIndicator e) {
      return;
    }
    String exact = urls.get(canonical);
    if (exact != null) hits.accept(new Hit(DETECTOR, "url", exact, field, value, null));
    Map<String, String> prefixes = urlPrefixes.get(hostPart(canonical));
    if (prefixes == null) return;
    for (Map.Entry<String, String> p : prefixes.entrySet()) {
      if (canonical.startsWith(p.getKey())) hits.accept(new Hit(DETECTOR, "url-prefix", p.getValue(), field, value, null));
    }
  }

  /**
   * A stored URL in today's canonical form, as the events' URLs are brought to it: a store may hold URLs normalised by
   * an earlier version (before escaped unreserved characters were decoded); one that no longer normalises is kept.
   */
  private static String canonicalUrl(String stored) {
    try {
      return IndicatorNormaliser.normalise(IndicatorType.URL, stored).value();
    } catch (InvalidIndicator e) {
      return stored;
    }
  }

  private static String withoutScheme(String url) {
    int sep = url.indexOf("://");
    return sep < 0 ? url : url.substring(sep + 3);
  }

  private static String hostPart(String urlWithoutScheme) {
    int slash = urlWithoutScheme.indexOf('/');
    return slash < 0 ? urlWithoutScheme : urlWithoutScheme.substring(0, slash);
  }

  private void address(String field, String value, Consumer<Hit> hits) {
    if (addresses.isEmpty() && networks4.isEmpty() && networks6.isEmpty()) return;
    String a = value.strip();
    int v4 = ipv4(a);
    if (v4 == -1 && !a.equals("255.255.255.255")) {
      if (a.indexOf(':') < 0) return;
      try {
        Indicator normal = IndicatorNormaliser.normalise(IndicatorType.IPV6, a);
        a = normal.value();
        if (normal.type().equals("ipv4")) v4 = ipv4(a);
      } catch (InvalidIndicator e) {
        return;
      }
    }
    if (addresses.contains(a)) hits.accept(new Hit(DETECTOR, a.indexOf(':') >= 0 ? "ipv6" : "ipv4", a, field, value, null));
    if (v4 != -1 || a.equals("255.255.255.255")) {
      for (Map.Entry<Integer, Set<Integer>> n : networks4.entrySet()) {
        int network = mask(v4, n.getKey());
        if (n.getValue().contains(network)) {
          hits.accept(new Hit(DETECTOR, "cidr", ipv4Text(network) + "/" + n.getKey(), field, value, null));
        }
      }
    } else {
      Indicator inner = new Indicator("ipv6", a);
      for (String cidr : networks6) {
        if (Networks.contains(cidr, inner)) hits.accept(new Hit(DETECTOR, "cidr", cidr, field, value, null));
      }
    }
  }

  /** A canonical dotted quad as a number, or -1 (also for 255.255.255.255, which callers check apart). */
  static int ipv4(String s) {
    int n = s.length();
    if (n < 7 || n > 15) return -1;
    // a character outside Latin-1 becomes '?', which is no digit or dot either
    return ipv4(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, n);
  }

  /** {@link #ipv4(String)} of the ASCII bytes {@code b[from, to)}: the scanners test addresses without a string. */
  static int ipv4(byte[] b, int from, int to) {
    int n = to - from;
    if (n < 7 || n > 15) return -1;
    int result = 0;
    int part = 0;
    int digits = 0;
    int dots = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '.') {
        if (digits == 0 || dots == 3) return -1;
        result = (result << 8) | part;
        part = 0;
        digits = 0;
        dots++;
      } else if (c >= '0' && c <= '9') {
        if (digits > 0 && part == 0) return -1;
        part = part * 10 + (c - '0');
        if (++digits > 3 || part > 255) return -1;
      } else {
        return -1;
      }
    }
    if (dots != 3 || digits == 0) return -1;
    return (result << 8) | part;
  }

  private static String ipv4Text(int n) {
    return ((n >>> 24) & 0xff) + "." + ((n >>> 16) & 0xff) + "." + ((n >>> 8) & 0xff) + "." + (n & 0xff);
  }

  private void hash(String field, String value, Consumer<Hit> hits) {
    if (hashes.isEmpty()) return;
    String h = value.toLowerCase(Locale.ROOT);
    String type = hashes.get(h);
    if (type != null) hits.accept(new Hit(DETECTOR, type, h, field, value, null));
  }

  /**
   * Whether a hunt looks for indicators of this type ({@link IndicatorType#wireName()}): every type but {@code filename},
   * which is context (a name alone says nothing of a file's content: {@code ffmpeg.dll} is also the legitimate file
   * every 3CX install has), and types it does not know.
   */
  public static boolean matches(String type) {
    return IndicatorType.parse(type).map(t -> t != IndicatorType.FILENAME).orElse(false);
  }

  /** The types it hunts, for messages. */
  public Set<String> types() {
    Set<String> t = new TreeSet<>();
    if (names.domains() > 0) t.add("domain");
    if (names.hostnames() > 0) t.add("hostname");
    if (!addresses.isEmpty()) t.add("address");
    if (!networks4.isEmpty() || !networks6.isEmpty()) t.add("cidr");
    if (!urls.isEmpty() || !urlPrefixes.isEmpty()) t.add("url");
    if (!hashes.isEmpty()) t.add("hash");
    return t;
  }
}
