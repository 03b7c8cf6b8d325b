package io.chainwatch.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpLiteralsTest {
  @Test
  void ipv4_dottedQuads_only() {
    for (String good : new String[] {"0.0.0.0", "10.0.0.11", "255.255.255.255", "192.168.1.20"}) {
      assertThat(IpLiterals.isIpv4(good)).as(good).isTrue();
    }
    for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.4 ", "1..3.4", "a.b.c.d", "1.2.3.", "١.2.3.4"}) {
      assertThat(IpLiterals.isIpv4(bad)).as(bad).isFalse();
    }
  }

  @Test
  void ipv6_rfc4291Forms() {
    for (String good : new String[] {"::", "::1", "1::", "fe80::1", "2001:db8:0:0:0:0:2:1", "2001:DB8::2:1",
        "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::8"}) {
      assertThat(IpLiterals.isIpv6(good)).as(good).isTrue();
    }
    for (String bad : new String[] {"", ":", ":1", "1:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::",
        "g::1", "fe80::1%eth0", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "[::1]", "1:2:3:4::5:6:7:8"}) {
      assertThat(IpLiterals.isIpv6(bad)).as(bad).isFalse();
    }
  }
}
