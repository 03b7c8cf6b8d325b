package io.chainwatch.portfolio;

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
   * The asset with this name (case-insensitive), or whose name is the first label of a fully qualified {@code host}
   * ({@code WORKSTATION5.theshire.local} is asset {@code workstation5}).
   */
  Optional<AssetRef> byName(String host, @Nullable String customer);
}
