package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.portfolio.AssetDirectory;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class HostResolverTest {
  /** An inventory whose addresses are stored canonical, as the inventory reader writes them. */
  static final AssetDirectory ASSETS = new AssetDirectory() {
    final Map<String, AssetRef> byAddress = Map.of(
        "10.1.0.11", new AssetRef("Acme", "acme-ws-01"),
        "10.1.0.2", new AssetRef("Acme", "acme-dc-01"),
        "2001:db8:10::13", new AssetRef("Acme", "acme-ws-03"));

    @Override
    public Optional<AssetRef> byAddress(String address, @Nullable String customer) {
      return Optional.ofNullable(byAddress.get(address));
    }

    @Override
    public Optional<AssetRef> byName(String host, @Nullable String customer) {
      return host.equalsIgnoreCase("acme-ws-01") ? Optional.of(new AssetRef("Acme", "acme-ws-01")) : Optional.empty();
    }
  };

  static TelemetryEvent event(@Nullable String host, @Nullable String source, @Nullable String destination) {
    return new TelemetryEvent("zeek.dns", null, source, -1, destination, -1, host, Map.of(), "f", 1);
  }

  final HostResolver resolver = new HostResolver(ASSETS, null);

  @Test
  void unknownInternalClientOfAnInventoryResolver_isTheClientNotTheResolver() {
    assertThat(resolver.resolve(event(null, "10.1.0.99", "10.1.0.2"))).isEqualTo(new HostResolver.Host("10.1.0.99", null));
    assertThat(resolver.resolve(event(null, "fd00::99", "10.1.0.2")).name()).isEqualTo("fd00::99");
    assertThat(resolver.resolve(event(null, "192.168.1.5", "10.1.0.2")).name()).isEqualTo("192.168.1.5");
  }

  /** A corrupt record's source that is no address says nothing of the direction: the server it asked is not the host. */
  @Test
  void sourceThatIsNoAddress_isWrittenAsItIs_notTheAssetItAsked() {
    assertThat(resolver.resolve(event(null, "not-an-ip", "10.1.0.11"))).isEqualTo(new HostResolver.Host("not-an-ip", null));
    assertThat(resolver.resolve(event(null, "not-an-ip", "10.1.0.99")).name()).isEqualTo("not-an-ip");
  }

  @Test
  void connectionFromOutsideToAnAsset_isTheAsset() {
    assertThat(resolver.resolve(event(null, "203.0.113.66", "10.1.0.11"))).isEqualTo(new HostResolver.Host("acme-ws-01", "Acme"));
    assertThat(resolver.resolve(event(null, null, "10.1.0.11")).name()).isEqualTo("acme-ws-01");
  }

  /** The host of a sighting is our side: a connection in from the indicator names the internal machine it reached. */
  @Test
  void connectionFromOutsideToAnUnknownInternalMachine_isThatMachinesAddress_notTheOutsideOne() {
    assertThat(resolver.resolve(event(null, "203.0.113.66", "10.1.0.99"))).isEqualTo(new HostResolver.Host("10.1.0.99", null));
    assertThat(resolver.resolve(event(null, "2001:db8:aa:1::5", "fd00::99")).name()).isEqualTo("fd00::99");
    assertThat(resolver.resolve(event(null, null, "192.168.7.7")).name()).isEqualTo("192.168.7.7");
    // between two outside addresses (a network numbered in public space, a sensor outside): the source, as written
    assertThat(resolver.resolve(event(null, "203.0.113.66", "198.51.100.9")).name()).isEqualTo("203.0.113.66");
    assertThat(resolver.resolve(event(null, "10.1.0.99", "192.168.7.7")).name()).isEqualTo("10.1.0.99");
  }

  @Test
  void addressesAreComparedCanonical_uncompressedIpv6AndIpv4Mapped() {
    assertThat(resolver.resolve(event(null, "2001:DB8:10:0:0:0:0:13", "2001:db8:bad::1")).name()).isEqualTo("acme-ws-03");
    assertThat(resolver.resolve(event(null, "::ffff:10.1.0.11", "203.0.113.66")).name()).isEqualTo("acme-ws-01");
    assertThat(resolver.resolve(event(null, "2001:db8:10:0:0:0:0:99", null)).name()).isEqualTo("2001:db8:10::99");
  }

  @Test
  void hostNameFirst_thenAsWritten() {
    assertThat(resolver.resolve(event("ACME-WS-01", "10.9.9.9", null)).name()).isEqualTo("acme-ws-01");
    assertThat(resolver.resolve(event("KIOSK-3", "10.9.9.9", null))).isEqualTo(new HostResolver.Host("KIOSK-3", null));
    assertThat(resolver.resolve(event(null, null, null)).name()).isEqualTo("unknown");
  }

  /** Names found through one look-up of many addresses at a hunt's end are the names found one at a time. */
  @Test
  void prefetchedAddresses_resolveAsAskedOneByOne_withNoFurtherLookUp() {
    java.util.List<TelemetryEvent> events = java.util.List.of(event(null, "10.1.0.99", "10.1.0.2"),
        event(null, "203.0.113.66", "10.1.0.11"), event(null, null, "10.1.0.11"), event(null, "2001:DB8:10:0:0:0:0:13", null),
        event(null, "::ffff:10.1.0.11", "203.0.113.66"), event("ACME-WS-01", "10.9.9.9", null), event(null, null, null));
    java.util.List<String> single = new java.util.ArrayList<>();
    java.util.List<java.util.Collection<String>> bulk = new java.util.ArrayList<>();
    AssetDirectory counting = new AssetDirectory() {
      @Override
      public Optional<AssetRef> byAddress(String address, @Nullable String customer) {
        single.add(address);
        return ASSETS.byAddress(address, customer);
      }

      @Override
      public Map<String, AssetRef> byAddresses(java.util.Collection<String> addresses, @Nullable String customer) {
        bulk.add(java.util.List.copyOf(addresses));
        return ASSETS.byAddresses(addresses, customer);
      }

      @Override
      public Optional<AssetRef> byName(String host, @Nullable String customer) {
        return ASSETS.byName(host, customer);
      }
    };
    HostResolver prefetched = new HostResolver(counting, null);
    prefetched.prefetch(events);
    assertThat(bulk).hasSize(1);
    // the resolver's own questions: sources, and destinations of sources outside the network or unknown
    assertThat(bulk.get(0)).containsExactly("10.1.0.99", "203.0.113.66", "10.1.0.11", "2001:db8:10::13", "10.9.9.9");
    for (TelemetryEvent e : events) assertThat(prefetched.resolve(e)).as(e.toString()).isEqualTo(resolver.resolve(e));
    assertThat(single).as("asked one by one after the prefetch").isEmpty();
  }

  /**
   * An address or name the inventory gives to several assets names none: of one customer, the host is written as the
   * event has it with that customer, unless a later look-up names one asset; of several customers, without a customer.
   */
  @Test
  void addressOrNameOfSeveralAssets_namesNone() {
    AssetDirectory ambiguous = new AssetDirectory() {
      @Override
      public Optional<AssetRef> byAddress(String address, @Nullable String customer) {
        return switch (address) {
          case "10.0.0.6" -> Optional.of(new AssetRef("Acme", null)); // two of Acme's assets
          case "10.1.0.11" -> Optional.of(new AssetRef("Acme", "acme-ws-01"));
          default -> Optional.empty(); // 10.0.0.5: Acme's and Beta's
        };
      }

      @Override
      public Optional<AssetRef> byName(String host, @Nullable String customer) {
        return host.equals("ws-01") ? Optional.of(new AssetRef("Acme", null)) : Optional.empty();
      }
    };
    HostResolver r = new HostResolver(ambiguous, null);
    assertThat(r.resolve(event(null, "10.0.0.5", "203.0.113.66"))).isEqualTo(new HostResolver.Host("10.0.0.5", null));
    assertThat(r.resolve(event(null, "10.0.0.6", "203.0.113.66"))).isEqualTo(new HostResolver.Host("10.0.0.6", "Acme"));
    assertThat(r.resolve(event("ws-01", "10.0.0.5", null))).isEqualTo(new HostResolver.Host("ws-01", "Acme"));
    assertThat(r.resolve(event("ws-01", "10.1.0.11", null))).isEqualTo(new HostResolver.Host("ws-01", "Acme"));
  }

  /**
   * The event's own host name wins over the asset of its address (a stale inventory or DHCP gives the address to
   * another machine); the address still tells whose network the event is from.
   */
  @Test
  void aHostNameTheInventoryDoesNotKnow_isWrittenAsTheEventHasIt_withTheCustomerOfItsAddress() {
    assertThat(resolver.resolve(event("SRV-9", "10.1.0.11", null))).isEqualTo(new HostResolver.Host("SRV-9", "Acme"));
    assertThat(resolver.resolve(event("SRV-9", "10.9.9.9", null))).isEqualTo(new HostResolver.Host("SRV-9", null));
    assertThat(new HostResolver(ASSETS, "Beta").resolve(event("SRV-9", "10.9.9.9", null)))
        .isEqualTo(new HostResolver.Host("SRV-9", "Beta"));
  }

  @Test
  void internal_privateLoopbackLinkLocalSharedAndUniqueLocal() {
    for (String a : new String[] {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "127.0.0.1", "169.254.1.1",
        "100.64.0.1", "::1", "fd12:3456::1", "fc00::1", "fe80::1"}) {
      assertThat(HostResolver.internal(a)).as(a).isTrue();
    }
    for (String a : new String[] {"172.32.0.1", "8.8.8.8", "203.0.113.66", "100.128.0.1", "2001:db8::1", "fc0::1", "fec0::1", "name"}) {
      assertThat(HostResolver.internal(a)).as(a).isFalse();
    }
  }
}
