package io.chainwatch.formats.intel.misp;

import io.chainwatch.intel.IndicatorType;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * MISP attribute types (MISP "categories and types") as Chainwatch sees them: the ones that map to an indicator type,
 * the composites that split once on '|', and the known ones that are context only. Any other type is rejected, so a
 * new MISP type is noticed rather than silently dropped.
 */
public final class MispTypes {
  private MispTypes() {}

  static final Map<String, IndicatorType> INDICATORS = Map.ofEntries(
      Map.entry("domain", IndicatorType.DOMAIN),
      Map.entry("hostname", IndicatorType.HOSTNAME),
      Map.entry("ip-src", IndicatorType.IPV4),
      Map.entry("ip-dst", IndicatorType.IPV4),
      Map.entry("url", IndicatorType.URL),
      Map.entry("md5", IndicatorType.MD5),
      Map.entry("sha1", IndicatorType.SHA1),
      Map.entry("sha256", IndicatorType.SHA256),
      Map.entry("filename", IndicatorType.FILENAME));

  /** Composite types: the part before '|' and the part after, each an indicator type or null (not an indicator). */
  static final Map<String, IndicatorType[]> COMPOSITES = Map.ofEntries(
      Map.entry("ip-dst|port", new IndicatorType[] {IndicatorType.IPV4, null}),
      Map.entry("ip-src|port", new IndicatorType[] {IndicatorType.IPV4, null}),
      Map.entry("hostname|port", new IndicatorType[] {IndicatorType.HOSTNAME, null}),
      Map.entry("domain|ip", new IndicatorType[] {IndicatorType.DOMAIN, IndicatorType.IPV4}),
      Map.entry("filename|md5", new IndicatorType[] {IndicatorType.FILENAME, IndicatorType.MD5}),
      Map.entry("filename|sha1", new IndicatorType[] {IndicatorType.FILENAME, IndicatorType.SHA1}),
      Map.entry("filename|sha256", new IndicatorType[] {IndicatorType.FILENAME, IndicatorType.SHA256}),
      Map.entry("filename|sha512", new IndicatorType[] {IndicatorType.FILENAME, null}),
      Map.entry("filename|ssdeep", new IndicatorType[] {IndicatorType.FILENAME, null}),
      Map.entry("filename|imphash", new IndicatorType[] {IndicatorType.FILENAME, null}),
      Map.entry("filename|authentihash", new IndicatorType[] {IndicatorType.FILENAME, null}),
      Map.entry("filename|tlsh", new IndicatorType[] {IndicatorType.FILENAME, null}),
      Map.entry("regkey|value", new IndicatorType[] {null, null}));

  /** Known types that are context, never indicators here ({@code link} is a reference, whatever {@code to_ids} says). */
  static final Set<String> CONTEXT = Set.of(
      "link", "comment", "text", "other", "attachment", "malware-sample", "mutex", "counter", "float", "size-in-bytes",
      "mime-type", "ssdeep", "sha224", "sha384", "sha512", "sha512/224", "sha512/256", "sha3-224", "sha3-256",
      "sha3-384", "sha3-512", "imphash", "impfuzzy", "authentihash", "tlsh", "pehash", "vhash", "cdhash", "telfhash",
      "uri", "user-agent", "http-method", "regkey", "pdb", "pattern-in-file", "pattern-in-traffic", "pattern-in-memory",
      "yara", "sigma", "snort", "bro", "zeek", "stix2-pattern", "email", "email-src", "email-dst", "email-subject",
      "email-attachment", "email-body", "email-header", "email-reply-to", "email-x-mailer", "email-message-id",
      "whois-registrant-email", "whois-registrant-name", "whois-registrar", "whois-creation-date", "as", "port",
      "mac-address", "x509-fingerprint-sha1", "x509-fingerprint-md5", "x509-fingerprint-sha256", "ja3-fingerprint-md5",
      "jarm-fingerprint", "hassh-md5", "hasshserver-md5", "btc", "xmr", "vulnerability", "cpe", "weakness",
      "threat-actor", "campaign-name", "campaign-id", "target-user", "target-email", "target-machine", "target-org",
      "target-location", "target-external", "named pipe", "windows-service-name", "windows-scheduled-task", "datetime",
      "process-state", "cookie", "hex", "boolean", "full-name", "first-name", "last-name", "phone-number", "github-username",
      "github-repository", "dns-soa-email", "community-id", "anonymised", "filename-pattern", "hostname|port",
      "ip-src|port", "ip-dst|port");

  /**
   * The Chainwatch indicator types values of a MISP attribute type can become (both halves of a composite); an
   * address type covers IPv4, IPv6 and networks, a URL both exact URLs and prefixes. Empty for context types.
   */
  public static Set<String> indicatorTypes(String mispType) {
    Set<String> out = new LinkedHashSet<>();
    IndicatorType single = INDICATORS.get(mispType);
    if (single != null) add(single, out);
    IndicatorType[] composite = COMPOSITES.get(mispType);
    if (composite != null) for (IndicatorType t : composite) if (t != null) add(t, out);
    return out;
  }

  private static void add(IndicatorType t, Set<String> out) {
    switch (t) {
      case IPV4:
      case IPV6:
      case CIDR:
        out.add("ipv4");
        out.add("ipv6");
        out.add("cidr");
        break;
      case URL:
      case URL_PREFIX:
        out.add("url");
        out.add("url-prefix");
        break;
      default:
        out.add(t.wireName());
    }
  }
}
