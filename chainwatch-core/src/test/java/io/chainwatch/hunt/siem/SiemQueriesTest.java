package io.chainwatch.hunt.siem;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.intel.Indicator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiemQueriesTest {
  static final List<Indicator> SMALL = List.of(
      new Indicator("domain", "akamaicontainer.com"),
      new Indicator("hostname", "c2.example.net"),
      new Indicator("ipv4", "203.0.113.9"),
      new Indicator("cidr", "198.51.100.0/24"),
      new Indicator("url-prefix", "https://raw.githubusercontent.com/IconStorages/images/main/"),
      new Indicator("sha256", "7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896"),
      new Indicator("filename", "ffmpeg.dll"));

  private static String text(List<SiemQuery> queries, String source) {
    return queries.stream().filter(q -> q.source().equals(source)).findFirst().orElseThrow().text();
  }

  @Test
  void splunk_onePerSource_domainsMatchNameAndSubdomainsOnly() {
    List<SiemQuery> q = new SiemQueries(SMALL).emit(QueryLanguage.SPLUNK);
    assertThat(q).extracting(SiemQuery::source).containsExactly("dns", "web", "network", "files");
    assertThat(text(q, "dns")).isEqualTo("""
        | tstats summariesonly=false count min(_time) AS first_seen max(_time) AS last_seen FROM datamodel=Network_Resolution
          WHERE (DNS.query="akamaicontainer.com" OR DNS.query="*.akamaicontainer.com"
            OR DNS.query="c2.example.net")
          BY DNS.src DNS.query""");
    assertThat(text(q, "web")).contains("""
        OR Web.url="http://raw.githubusercontent.com/iconstorages/images/main/*" OR Web.url="https://raw.githubusercontent.com/iconstorages/images/main/*" OR Web.url="raw.githubusercontent.com/iconstorages/images/main/*\"""");
    assertThat(text(q, "network")).contains("WHERE (All_Traffic.dest=\"203.0.113.9\"\n    OR All_Traffic.dest=\"198.51.100.0/24\")");
    assertThat(text(q, "files")).isEqualTo("""
        search index=* ("7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896")
        | stats count min(_time) AS first_seen max(_time) AS last_seen BY host sourcetype""");
    assertThat(String.join("\n", q.stream().map(SiemQuery::text).toList())).doesNotContain("ffmpeg");
  }

  @Test
  void kql_dnsAndProxyAndAddressesAndHashes() {
    List<SiemQuery> q = new SiemQueries(SMALL).emit(QueryLanguage.KQL);
    assertThat(q).extracting(SiemQuery::source).containsExactly("dns", "endpoint-network", "proxy", "files");
    assertThat(text(q, "dns")).isEqualTo("""
        DnsEvents
        | extend Query = tolower(trim_end(@"\\.", Name))
        | where (Query == "akamaicontainer.com" or Query endswith ".akamaicontainer.com"
            or Query == "c2.example.net")
        | summarize Count = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated) by Computer, ClientIP, Name""");
    assertThat(text(q, "proxy")).contains("or DestinationIP in (\"203.0.113.9\")\n    or ipv4_is_in_range(DestinationIP, \"198.51.100.0/24\")");
    assertThat(text(q, "files")).contains("| where (SHA256 in~ (\"7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896\"))");
  }

  @Test
  void esql_usesEcsFieldsAndCidrMatch() {
    List<SiemQuery> q = new SiemQueries(SMALL).emit(QueryLanguage.ESQL);
    assertThat(q).extracting(SiemQuery::source).containsExactly("dns", "web", "network", "files");
    assertThat(text(q, "dns")).isEqualTo("""
        FROM logs-*
        | WHERE dns.question.name IS NOT NULL
        | EVAL q = TO_LOWER(dns.question.name)
        | WHERE (q == "akamaicontainer.com" OR ENDS_WITH(q, ".akamaicontainer.com")
            OR q == "c2.example.net")
        | STATS count = COUNT(*), first_seen = MIN(@timestamp), last_seen = MAX(@timestamp) BY host.name, source.ip, dns.question.name""");
    assertThat(text(q, "network")).contains("CIDR_MATCH(destination.ip, \"203.0.113.9/32\", \"198.51.100.0/24\")");
    assertThat(text(q, "web")).contains("STARTS_WITH(u, \"https://raw.githubusercontent.com/iconstorages/images/main/\")");
    assertThat(text(q, "files")).contains("TO_LOWER(dll.hash.sha256) IN (\"7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896\")");
  }

  @Test
  void values_areEscapedForEachLanguage() {
    List<Indicator> hostile = List.of(new Indicator("url", "http://evil.example/a\"b\\c"));
    assertThat(text(new SiemQueries(hostile).emit(QueryLanguage.SPLUNK), "web"))
        .contains("Web.url=\"evil.example/a\\\"b\\\\c\"").doesNotContain("a\"b");
    assertThat(text(new SiemQueries(hostile).emit(QueryLanguage.KQL), "proxy"))
        .contains("RequestURL =~ \"evil.example/a\\\"b\\\\c\"");
    assertThat(text(new SiemQueries(hostile).emit(QueryLanguage.ESQL), "web"))
        .contains("\"evil.example/a\\\"b\\\\c\")");
    assertThat(SiemQueries.escapeC("a\nb\tc")).isEqualTo("a\\nb\\tc");
  }

  @Test
  void noHuntableIndicators_noQueries() {
    assertThat(new SiemQueries(List.of(new Indicator("filename", "ffmpeg.dll"))).emit(QueryLanguage.KQL)).isEmpty();
  }

  @Test
  void ipv6Networks_useTheIpv6RangeFunction() {
    List<SiemQuery> q = new SiemQueries(List.of(new Indicator("cidr", "2001:db8::/32"), new Indicator("ipv6", "2001:db8::1")))
        .emit(QueryLanguage.KQL);
    assertThat(text(q, "proxy")).contains("ipv6_is_in_range(DestinationIP, \"2001:db8::/32\")");
    assertThat(text(new SiemQueries(List.of(new Indicator("ipv6", "2001:db8::1"))).emit(QueryLanguage.ESQL), "network"))
        .contains("\"2001:db8::1/128\"");
  }

  @Test
  void languages_parseByWireName() {
    assertThat(QueryLanguage.parse("Splunk")).contains(QueryLanguage.SPLUNK);
    assertThat(QueryLanguage.parse("esql")).contains(QueryLanguage.ESQL);
    assertThat(QueryLanguage.parse("sql")).isEmpty();
  }
}
