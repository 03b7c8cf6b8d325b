package io.chainwatch.portfolio;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Finds the asset behind an address or a host name seen in telemetry. */
public interface AssetDirectory {
  /**
   * The customer and asset that own an address or a name.
   *
   * @param asset null when several of the customer's assets have it: which one is not known
   */
  record AssetRef(String customer, @Nullable String asset) {}

  /**
   * The asset with this inventory address ({@code ip} column), within one customer or any. An address that assets of
   * several customers have names none of them (private networks overlap between customers: telling one customer of
   * another's sighting is worse than telling the address), and one that several assets of one customer have names the
   * customer only.
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
   * ({@code WORKSTATION5.theshire.local} is asset {@code workstation5}); as for {@link #byAddress}, a name that assets
   * of several customers have names none of them.
   */
  Optional<AssetRef> byName(String host, @Nullable String customer);
}
