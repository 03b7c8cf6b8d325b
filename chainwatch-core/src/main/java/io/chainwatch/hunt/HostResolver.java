package io.chainwatch.hunt;

import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.portfolio.AssetDirectory;
import io.chainwatch.portfolio.AssetDirectory.AssetRef;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Names the host of an event: the asset its host name names, else that name as written (with the customer whose
 * network its source address is in, when the inventory tells); for an event without a host name, the asset whose
 * inventory address is its source address, else the asset whose address is its destination when the source is outside
 * the network (a connection from the indicator in; not when the source is no address at all), else the address as
 * written: the source, or the destination when only it is inside the network. A name or address that the inventory
 * gives to several assets names none of them: of one customer, the host is written as the event has it, with that
 * customer; of several customers, without one (see {@link AssetDirectory#byAddress}). Look-ups are cached: telemetry repeats the same few hosts millions of times.
 *
 * <p>The destination is not asked when the source is an internal address the inventory does not know: the client of
 * a DNS lookup or a proxied request is the host, not the resolver or proxy it asked, which inventories often list.
 * Addresses are compared in canonical form (Sysmon writes IPv6 uncompressed, some shippers IPv4-mapped).
 */
final class HostResolver {
  /** A resolved host: its display name and the customer, when the inventory knows it. */
  record Host(String name, @Nullable String customer) {}

  private final AssetDirectory assets;
  private final @Nullable String customer;
  private final Map<String, Optional<AssetRef>> byName = new HashMap<>();
  private final Map<String, Optional<AssetRef>> byAddress = new HashMap<>();
  private final Map<String, String> canonical = new HashMap<>();
  /** What {@link #canonical} was given that is no address. */
  private final Set<String> notAddresses = new java.util.HashSet<>();

  HostResolver(AssetDirectory assets, @Nullable String customer) {
    this.assets = assets;
    this.customer = customer;
  }

  /** Looks up at once the addresses {@link #resolve} would ask about for these events, for it to find them cached. */
  void prefetch(List<TelemetryEvent> events) {
    Set<String> ask = new LinkedHashSet<>();
    for (TelemetryEvent e : events) {
      String source = e.sourceAddress() == null || e.sourceAddress().isEmpty() ? null : canonical(e.sourceAddress());
      if (source != null && !byAddress.containsKey(source)) ask.add(source);
      String destination = destination(e, source);
      if (destination != null && !byAddress.containsKey(destination)) ask.add(destination);
    }
    if (ask.isEmpty()) return;
    Map<String, AssetRef> found = assets.byAddresses(ask, customer);
    for (String a : ask) byAddress.put(a, Optional.ofNullable(found.get(a)));
  }

  Host resolve(TelemetryEvent e) {
    String name = e.host() != null && !e.host().isEmpty() ? e.host() : null;
    String source = e.sourceAddress() == null || e.sourceAddress().isEmpty() ? null : canonical(e.sourceAddress());
    if (name != null) {
      Optional<AssetRef> a = byName.computeIfAbsent(name, h -> assets.byName(h, customer));
      if (a.isPresent() && a.get().asset() != null) return new Host(a.get().asset(), a.get().customer());
      // The event's own name wins over the asset of its address, which may be another machine (a stale inventory,
      // DHCP) or the same one under another naming; the address may still tell whose network it is.
      String owner = a.isPresent() ? a.get().customer() : null;
      if (owner == null && source != null) {
        Optional<AssetRef> b = byAddress.computeIfAbsent(source, x -> assets.byAddress(x, customer));
        if (b.isPresent()) owner = b.get().customer();
      }
      return new Host(name, owner != null ? owner : customer);
    }
    // an owner whose asset is not known (several of its assets have the address) is kept while a later look-up may
    // name the asset
    AssetRef customerOnly = null;
    if (source != null) {
      Optional<AssetRef> a = byAddress.computeIfAbsent(source, x -> assets.byAddress(x, customer));
      if (a.isPresent() && a.get().asset() != null) return new Host(a.get().asset(), a.get().customer());
      if (a.isPresent()) customerOnly = a.get();
    }
    String destination = destination(e, source);
    if (destination != null) {
      Optional<AssetRef> a = byAddress.computeIfAbsent(destination, x -> assets.byAddress(x, customer));
      if (a.isPresent() && a.get().asset() != null) return new Host(a.get().asset(), a.get().customer());
      if (a.isPresent() && customerOnly == null) customerOnly = a.get();
    }
    // as written: the source, unless it is outside and the destination inside (a connection in from the indicator,
    // whose host is the machine it reached, not the indicator itself)
    String written = source;
    if ((source == null || !internal(source)) && destination != null && internal(destination)) written = destination;
    return new Host(written != null ? written : "unknown", customerOnly != null ? customerOnly.customer() : customer);
  }

  /**
   * The event's destination address, canonical, when it is asked about: when the source is outside the network or
   * unknown. Not made otherwise (most destinations are never asked about, and each is parsed to be made canonical).
   */
  private @Nullable String destination(TelemetryEvent e, @Nullable String source) {
    // a source that is no address at all (a corrupt record) says nothing of where the connection came from
    if (source != null && (internal(source) || notAddresses.contains(source))) return null;
    return e.destinationAddress() == null || e.destinationAddress().isEmpty() ? null : canonical(e.destinationAddress());
  }

  /** The address as the normaliser writes it (the inventory's form), or as given when it is none. */
  private String canonical(String address) {
    return canonical.computeIfAbsent(address, a -> {
      try {
        return IndicatorNormaliser.normalise(a.indexOf(':') >= 0 ? IndicatorType.IPV6 : IndicatorType.IPV4, a).value();
      } catch (InvalidIndicator e) {
        notAddresses.add(a);
        return a;
      }
    });
  }

  /**
   * Whether a canonical address is private, loopback, link-local or shared (RFC 1918, 6598, 3927, 4193, 4291): a
   * host inside some network, not a party on the Internet.
   */
  static boolean internal(String a) {
    if (a.indexOf(':') >= 0) {
      if (a.equals("::1")) return true;
      int colon = a.indexOf(':');
      if (colon != 4) return false;
      String first = a.substring(0, 2);
      return first.equals("fc") || first.equals("fd") || a.startsWith("fe8") || a.startsWith("fe9")
          || a.startsWith("fea") || a.startsWith("feb");
    }
    String[] parts = a.split("\\.");
    if (parts.length != 4) return false;
    int o1;
    int o2;
    try {
      o1 = Integer.parseInt(parts[0]);
      o2 = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    return o1 == 10 || o1 == 127 || (o1 == 172 && o2 >= 16 && o2 <= 31) || (o1 == 192 && o2 == 168)
        || (o1 == 169 && o2 == 254) || (o1 == 100 && o2 >= 64 && o2 <= 127);
  }
}
