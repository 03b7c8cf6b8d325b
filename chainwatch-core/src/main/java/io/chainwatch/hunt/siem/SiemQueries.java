package io.chainwatch.hunt.siem;

import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an incident's indicators as SIEM queries, one per log source, matching as the hunt does: a {@code domain}
 * is the name or a name under it ({@code notakamaicontainer.com} is no hit), a {@code hostname} exactly that name, a
 * {@code url} that URL under either scheme, a {@code url-prefix} any URL starting so, addresses and networks the
 * destination address, hashes any algorithm. URLs compare case-insensitively (SIEMs fold case), which can only add
 * hits. Every value is escaped for the language's string literals; a source without indicators gets no query.
 *
 * <p>Field names are those of each SIEM's common schema: Splunk CIM data models (through {@code tstats
 * summariesonly=false}, so unaccelerated models work too), Sentinel's {@code DnsEvents}, {@code CommonSecurityLog}
 * and the Defender {@code Device*} tables, Elastic ECS in {@code logs-*}. Hashes in Splunk are a raw term search:
 * Sysmon's {@code Hashes} field holds all algorithms in one value, and a hash is unique enough to need no field.
 */
public final class SiemQueries {
  private final List<String> domains = new ArrayList<>();
  private final List<String> hostnames = new ArrayList<>();
  /** URLs without their scheme. */
  private final List<String> urls = new ArrayList<>();
  private final List<String> urlPrefixes = new ArrayList<>();
  private final List<String> addresses = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();
  private final List<String> md5 = new ArrayList<>();
  private final List<String> sha1 = new ArrayList<>();
  private final List<String> sha256 = new ArrayList<>();

  /** @param indicators normalised, huntable indicators; the types no query can match are left out */
  public SiemQueries(List<Indicator> indicators) {
    for (Indicator i : indicators) {
      IndicatorType t = IndicatorType.parse(i.type()).orElse(null);
      if (t == null) continue;
      String v = i.value();
      switch (t) {
        case DOMAIN: domains.add(v.toLowerCase(Locale.ROOT)); break;
        case HOSTNAME: hostnames.add(v.toLowerCase(Locale.ROOT)); break;
        case URL: urls.add(withoutScheme(v).toLowerCase(Locale.ROOT)); break;
        case URL_PREFIX: urlPrefixes.add(withoutScheme(v).toLowerCase(Locale.ROOT)); break;
        case IPV4:
        case IPV6: addresses.add(v); break;
        case CIDR: networks.add(v); break;
        case MD5: md5.add(v.toLowerCase(Locale.ROOT)); break;
        case SHA1: sha1.add(v.toLowerCase(Locale.ROOT)); break;
        case SHA256: sha256.add(v.toLowerCase(Locale.ROOT)); break;
        default: break;
      }
    }
  }

  private static String withoutScheme(String url) {
    int sep = url.indexOf("://");
    return sep < 0 ? url : url.substring(sep + 3);
  }

  private boolean hasNames() {
    return !domains.isEmpty() || !hostnames.isEmpty();
  }

  private boolean hasUrls() {
    return !urls.isEmpty() || !urlPrefixes.isEmpty();
  }

  private boolean hasAddresses() {
    return !addresses.isEmpty() || !networks.isEmpty();
  }

  private boolean hasHashes() {
    return !md5.isEmpty() || !sha1.isEmpty() || !sha256.isEmpty();
  }

  public List<SiemQuery> emit(QueryLanguage language) {
    return switch (language) {
      case SPLUNK -> splunk();
      case KQL -> kql();
      case ESQL -> esql();
    };
  }

  // ---- Splunk SPL ----

  /** A double-quoted SPL string. {@code *} cannot be escaped in a search and stays a wildcard: it can only add hits. */
  static String spl(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private void splNames(String field, List<String> out) {
    for (String d : domains) out.add(field + "=" + spl(d) + " OR " + field + "=" + spl("*." + d));
    for (String h : hostnames) out.add(field + "=" + spl(h));
  }

  private void splUrls(String field, List<String> out) {
    for (String u : urls) out.add(field + "=" + spl("http://" + u) + " OR " + field + "=" + spl("https://" + u) + " OR " + field + "=" + spl(u));
    for (String u : urlPrefixes) out.add(field + "=" + spl("http://" + u + "*") + " OR " + field + "=" + spl("https://" + u + "*") + " OR " + field + "=" + spl(u + "*"));
  }

  private void splAddresses(String field, List<String> out) {
    for (String a : addresses) out.add(field + "=" + spl(a));
    for (String n : networks) out.add(field + "=" + spl(n)); // the search command matches CIDR values
  }

  private List<SiemQuery> splunk() {
    List<SiemQuery> out = new ArrayList<>();
    String stats = "| tstats summariesonly=false count min(_time) AS first_seen max(_time) AS last_seen FROM datamodel=";
    if (hasNames()) {
      List<String> p = new ArrayList<>();
      splNames("DNS.query", p);
      out.add(new SiemQuery("splunk", "dns", "DNS lookups (CIM Network_Resolution)",
          stats + "Network_Resolution\n  WHERE " + or(p, "OR") + "\n  BY DNS.src DNS.query"));
    }
    if (hasNames() || hasUrls()) {
      List<String> p = new ArrayList<>();
      splNames("Web.site", p);
      splUrls("Web.url", p);
      out.add(new SiemQuery("splunk", "web", "web proxy and HTTP (CIM Web)",
          stats + "Web\n  WHERE " + or(p, "OR") + "\n  BY Web.src Web.site Web.url"));
    }
    if (hasAddresses()) {
      List<String> p = new ArrayList<>();
      splAddresses("All_Traffic.dest", p);
      out.add(new SiemQuery("splunk", "network", "connections (CIM Network_Traffic)",
          stats + "Network_Traffic\n  WHERE " + or(p, "OR") + "\n  BY All_Traffic.src All_Traffic.dest All_Traffic.dest_port"));
    }
    if (hasHashes()) {
      List<String> p = new ArrayList<>();
      for (List<String> l : List.of(md5, sha1, sha256)) for (String h : l) p.add(spl(h));
      out.add(new SiemQuery("splunk", "files", "file and process hashes, any field (Sysmon Hashes, EDR, file logs)",
          "search index=* (" + String.join(" OR ", p) + ")\n| stats count min(_time) AS first_seen max(_time) AS last_seen BY host sourcetype"));
    }
    return out;
  }

  // ---- Microsoft Sentinel KQL ----

  /** A double-quoted KQL string literal. */
  static String kqlString(String s) {
    return '"' + escapeC(s) + '"';
  }

  private void kqlNames(String x, List<String> out) {
    for (String d : domains) out.add(x + " == " + kqlString(d) + " or " + x + " endswith " + kqlString("." + d));
    for (String h : hostnames) out.add(x + " == " + kqlString(h));
  }

  private void kqlUrls(String x, List<String> out) {
    for (String u : urls) out.add(x + " =~ " + kqlString("http://" + u) + " or " + x + " =~ " + kqlString("https://" + u) + " or " + x + " =~ " + kqlString(u));
    for (String u : urlPrefixes) out.add(x + " startswith " + kqlString("http://" + u) + " or " + x + " startswith " + kqlString("https://" + u) + " or " + x + " startswith " + kqlString(u));
  }

  private void kqlAddresses(String x, List<String> out) {
    if (!addresses.isEmpty()) out.add(x + " in (" + list(addresses, SiemQueries::kqlString) + ")");
    for (String n : networks) out.add((n.indexOf(':') >= 0 ? "ipv6_is_in_range(" : "ipv4_is_in_range(") + x + ", " + kqlString(n) + ")");
  }

  private List<SiemQuery> kql() {
    List<SiemQuery> out = new ArrayList<>();
    String summarize = "| summarize Count = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by ";
    if (hasNames()) {
      List<String> p = new ArrayList<>();
      kqlNames("Query", p);
      out.add(new SiemQuery("kql", "dns", "DNS lookups (DnsEvents)",
          "DnsEvents\n| extend Query = tolower(trim_end(@\"\\.\", Name))\n| where " + or(p, "or") + "\n" + summarize + "Computer, ClientIP, Name"));
    }
    if (hasNames() || hasUrls() || hasAddresses()) {
      List<String> p = new ArrayList<>();
      kqlNames("Host", p);
      kqlUrls("RemoteUrl", p);
      kqlAddresses("RemoteIP", p);
      out.add(new SiemQuery("kql", "endpoint-network", "endpoint connections (Defender DeviceNetworkEvents)",
          "DeviceNetworkEvents\n| extend Host = tostring(split(tostring(split(replace_regex(tolower(RemoteUrl), @\"^[a-z][a-z0-9+.-]*://\", \"\"), \"/\")[0]), \":\")[0])\n"
              + "| where " + or(p, "or") + "\n" + summarize + "DeviceName, RemoteUrl, RemoteIP"));
      List<String> q = new ArrayList<>();
      kqlNames("Host", q);
      kqlUrls("RequestURL", q);
      kqlAddresses("DestinationIP", q);
      out.add(new SiemQuery("kql", "proxy", "proxies and firewalls (CommonSecurityLog)",
          "CommonSecurityLog\n| extend Host = tolower(trim_end(@\"\\.\", DestinationHostName))\n| where " + or(q, "or") + "\n"
              + summarize + "SourceIP, DeviceVendor, DeviceProduct, DestinationHostName, RequestURL, DestinationIP"));
    }
    if (hasHashes()) {
      List<String> p = new ArrayList<>();
      if (!sha256.isEmpty()) p.add("SHA256 in~ (" + list(sha256, SiemQueries::kqlString) + ")");
      if (!sha1.isEmpty()) p.add("SHA1 in~ (" + list(sha1, SiemQueries::kqlString) + ")");
      if (!md5.isEmpty()) p.add("MD5 in~ (" + list(md5, SiemQueries::kqlString) + ")");
      out.add(new SiemQuery("kql", "files", "files, image loads and processes (Defender Device*Events)",
          "union DeviceProcessEvents, DeviceImageLoadEvents, DeviceFileEvents\n| where " + or(p, "or") + "\n"
              + summarize + "DeviceName, FileName, SHA256"));
    }
    return out;
  }

  // ---- Elastic ES|QL ----

  /** A double-quoted ES|QL string literal. */
  static String esqlString(String s) {
    return '"' + escapeC(s) + '"';
  }

  private void esqlNames(String x, List<String> out) {
    for (String d : domains) out.add(x + " == " + esqlString(d) + " OR ENDS_WITH(" + x + ", " + esqlString("." + d) + ")");
    for (String h : hostnames) out.add(x + " == " + esqlString(h));
  }

  private void esqlUrls(String x, List<String> out) {
    for (String u : urls) out.add(x + " IN (" + esqlString("http://" + u) + ", " + esqlString("https://" + u) + ", " + esqlString(u) + ")");
    for (String u : urlPrefixes) out.add("STARTS_WITH(" + x + ", " + esqlString("http://" + u) + ") OR STARTS_WITH(" + x + ", "
        + esqlString("https://" + u) + ") OR STARTS_WITH(" + x + ", " + esqlString(u) + ")");
  }

  private List<SiemQuery> esql() {
    List<SiemQuery> out = new ArrayList<>();
    String stats = "| STATS count = COUNT(*), first_seen = MIN(@timestamp), last_seen = MAX(@timestamp) BY ";
    if (hasNames()) {
      List<String> p = new ArrayList<>();
      esqlNames("q", p);
      out.add(new SiemQuery("esql", "dns", "DNS lookups (ECS dns.question.name)",
          "FROM logs-*\n| WHERE dns.question.name IS NOT NULL\n| EVAL q = TO_LOWER(dns.question.name)\n| WHERE " + or(p, "OR") + "\n"
              + stats + "host.name, source.ip, dns.question.name"));
    }
    if (hasNames() || hasUrls()) {
      List<String> p = new ArrayList<>();
      esqlNames("n", p);
      esqlUrls("u", p);
      out.add(new SiemQuery("esql", "web", "web, proxy and TLS (ECS url.*, tls.client.server_name, destination.domain)",
          "FROM logs-*\n| EVAL n = TO_LOWER(COALESCE(tls.client.server_name, url.domain, destination.domain)), u = TO_LOWER(COALESCE(url.full, url.original))\n"
              + "| WHERE n IS NOT NULL OR u IS NOT NULL\n| WHERE " + or(p, "OR") + "\n" + stats + "host.name, source.ip, n, u"));
    }
    if (hasAddresses()) {
      List<String> blocks = new ArrayList<>();
      for (String a : addresses) blocks.add(esqlString(a + (a.indexOf(':') >= 0 ? "/128" : "/32")));
      for (String n : networks) blocks.add(esqlString(n));
      out.add(new SiemQuery("esql", "network", "connections (ECS destination.ip)",
          "FROM logs-*\n| WHERE destination.ip IS NOT NULL AND CIDR_MATCH(destination.ip, " + String.join(", ", blocks) + ")\n"
              + stats + "host.name, source.ip, destination.ip"));
    }
    if (hasHashes()) {
      List<String> p = new ArrayList<>();
      for (String prefix : List.of("file", "process", "dll")) {
        if (!sha256.isEmpty()) p.add("TO_LOWER(" + prefix + ".hash.sha256) IN (" + list(sha256, SiemQueries::esqlString) + ")");
        if (!sha1.isEmpty()) p.add("TO_LOWER(" + prefix + ".hash.sha1) IN (" + list(sha1, SiemQueries::esqlString) + ")");
        if (!md5.isEmpty()) p.add("TO_LOWER(" + prefix + ".hash.md5) IN (" + list(md5, SiemQueries::esqlString) + ")");
      }
      out.add(new SiemQuery("esql", "files", "files, libraries and processes (ECS file.hash.*, dll.hash.*, process.hash.*)",
          "FROM logs-*\n| WHERE " + or(p, "OR") + "\n" + stats + "host.name, file.name, process.name"));
    }
    return out;
  }

  // ---- shared ----

  /** Backslash escapes of C-like string literals (KQL and ES|QL alike). */
  static String escapeC(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Predicates ORed, one per line, in brackets. */
  private static String or(List<String> predicates, String or) {
    return "(" + String.join("\n    " + or + " ", predicates) + ")";
  }

  private static String list(List<String> values, java.util.function.UnaryOperator<String> quote) {
    List<String> q = new ArrayList<>();
    for (String v : values) q.add(quote.apply(v));
    return String.join(", ", q);
  }
}
