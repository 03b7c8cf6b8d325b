package io.chainwatch.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IndicatorNormaliserTest {
  private static String n(String type, String value) {
    Indicator i = IndicatorNormaliser.normalise(new Indicator(type, value));
    return i.type() + " " + i.value();
  }

  @Test
  void domain_refangedLowerCasedTrailingDotDropped() {
    assertThat(n("domain", "AkamaiContainer[.]com.")).isEqualTo("domain akamaicontainer.com");
    assertThat(n("domain", "*.evil(.)org")).isEqualTo("domain evil.org");
  }

  @Test
  void domain_idnBecomesPunycode() {
    assertThat(n("domain", "bücher.example")).isEqualTo("domain xn--bcher-kva.example");
  }

  @Test
  void url_percentEncodedUnreservedCharacters_areDecoded_otherEscapesUpperCased() {
    // RFC 3986, 6.2.2.1 and 6.2.2.2: %70 is p, so both spellings name one resource; %2F stays (a reserved slash is
    // not a path separator), and an escape that is no escape stays as written
    assertThat(n("url", "http://cdn.evil-files.net/%70ayload/stage2.bin"))
        .isEqualTo("url http://cdn.evil-files.net/payload/stage2.bin");
    assertThat(n("url", "http://a.com/%7e%41%2d%5F%2e%30/%2f%3a?q=%61%26b#%62"))
        .isEqualTo("url http://a.com/~A-_.0/%2F%3A?q=a%26b#b");
    assertThat(n("url", "http://a.com/%zz%4/%")).isEqualTo("url http://a.com/%zz%4/%");
  }

  @Test
  void url_schemeAndHostLowerCase_defaultPortDropped_pathKept() {
    assertThat(n("url", "hxxps://RAW.githubusercontent[.]com:443/IconStorages/Images/main/icon1.ico"))
        .isEqualTo("url https://raw.githubusercontent.com/IconStorages/Images/main/icon1.ico");
    assertThat(n("url", "http://a.com:8080")).isEqualTo("url http://a.com:8080/");
    assertThat(n("url", "hxxp://1.2.3[.]4[:]80/x?Q=1")).isEqualTo("url http://1.2.3.4/x?Q=1");
  }

  @Test
  void addresses_hostRoutesFolded_networksBecomeCidr() {
    assertThat(n("ipv4", "1.2.3.4/32")).isEqualTo("ipv4 1.2.3.4");
    assertThat(n("cidr", "10.1.2.3/8")).isEqualTo("cidr 10.0.0.0/8");
    assertThat(n("ipv6", "2001:DB8:0:0:0:0:0:1/128")).isEqualTo("ipv6 2001:db8::1");
    assertThat(n("ipv4", "223.166.0.0/15")).isEqualTo("cidr 223.166.0.0/15");
    assertThat(n("ipv6", "::ffff:1.2.3.4")).isEqualTo("ipv4 1.2.3.4");
  }

  @Test
  void hashes_lowerCased_lengthChecked() {
    assertThat(n("md5", "74BC2D0B6680FAA1A5A76B27E5479CBC")).isEqualTo("md5 74bc2d0b6680faa1a5a76b27e5479cbc");
    assertThatThrownBy(() -> n("sha256", "abc")).isInstanceOf(InvalidIndicator.class).hasMessageContaining("3 hex digits");
  }

  @Test
  void invalidValues_areRejectedWithAReason() {
    assertThatThrownBy(() -> n("ipv4", "1.2.3.256")).hasMessageContaining("above 255");
    assertThatThrownBy(() -> n("ipv4", "010.1.1.1")).hasMessageContaining("octal");
    assertThatThrownBy(() -> n("domain", "1.2.3.4")).hasMessageContaining("IP address");
    assertThatThrownBy(() -> n("domain", "localhost")).hasMessageContaining("single label");
    assertThatThrownBy(() -> n("colour", "red")).hasMessageContaining("unknown indicator type");
  }

  @Test
  void filename_keepsItsCase() {
    assertThat(n("filename", " 3CXDesktopApp.exe ")).isEqualTo("filename 3CXDesktopApp.exe");
  }

  @Test
  void warninglist_hostnameMatchesSubdomainsAndUrlHosts_cidrContainsAddresses() {
    WarninglistMatcher m = new WarninglistMatcher();
    m.add("cisco_top", "hostname", "githubusercontent.com");
    m.add("gcp", "cidr", "104.154.0.0/15");
    assertThat(m.matches(new Indicator("url-prefix", "https://raw.githubusercontent.com/IconStorages/"))).containsExactly("cisco_top");
    assertThat(m.matches(new Indicator("ipv4", "104.155.1.1"))).containsExactly("gcp");
    assertThat(m.matches(new Indicator("domain", "notgithubusercontent.com"))).isEmpty();
  }
}
