package io.chainwatch.hunt;

import io.chainwatch.portfolio.AssetDirectory;
import io.chainwatch.portfolio.AssetDirectory.AssetRef;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Names the host of an event: the asset its host name names, else the asset whose inventory address is the event's
 * source (then destination) address, else the host name or the source address as written. Look-ups are cached:
 * telemetry repeats the same few hosts millions of times.
 */
final class HostResolver {
  /** A resolved host: its display name and the customer, when the inventory knows it. */
  record Host(String name, @Nullable String customer) {}

  private final AssetDirectory assets;
  private final @Nullable String customer;
  private final Map<String, Optional<AssetRef>> byName = new HashMap<>();
  private final Map<String, Optional<AssetRef>> byAddress = new HashMap<>();

  HostResolver(AssetDirectory assets, @Nullable String customer) {
    this.assets = assets;
    this.customer = customer;
  }

  Host resolve(TelemetryEvent e) {
    if (e.host() != null && !e.host().isEmpty()) {
      Optional<AssetRef> a = byName.computeIfAbsent(e.host(), h -> assets.byName(h, customer));
      if (a.isPresent()) return new Host(a.get().asset(), a.get().customer());
    }
    for (String address : new String[] {e.sourceAddress(), e.destinationAddress()}) {
      if (address == null) continue;
      Optional<AssetRef> a = byAddress.computeIfAbsent(address, x -> assets.byAddress(x, customer));
      if (a.isPresent()) return new Host(a.get().asset(), a.get().customer());
    }
    String name = e.host() != null && !e.host().isEmpty() ? e.host()
        : e.sourceAddress() != null ? e.sourceAddress() : "unknown";
    return new Host(name, customer);
  }
}
