package io.chainwatch.portfolio;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Finds the asset behind an address or a host name seen in telemetry. */
public interface AssetDirectory {
  /** The customer and asset that own a name. */
  record AssetRef(String customer, String asset) {}

  /**
   * The asset with this inventory address ({@code ip} column), within one customer or any.
   *
   * @param address an address in canonical text
   */
  Optional<AssetRef> byAddress(String address, @Nullable String customer);

  /**
   * The assets of many addresses at once, each as {@link #byAddress} finds it; addresses without one are left out. A
   * hunt names the hosts of thousands of findings at its end, and one query each took a tenth of a second.
   */
  default Map<String, AssetRef> byAddresses(Collection<String> addresses, @Nullable String customer) {
    Map<String, AssetRef> out = new HashMap<>();
    for (String a : addresses) byAddress(a, customer).ifPresent(r -> out.put(a, r));
    return out;
  }

  /**
   * The asset with this name (case-insensitive), or whose name is the first label of a fully qualified {@code host}
   * ({@code WORKSTATION5.theshire.local} is asset {@code workstation5}).
   */
  Optional<AssetRef> byName(String host, @Nullable String customer);
}
