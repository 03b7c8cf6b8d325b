package io.chainwatch.downstream;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where the inventory says a product is installed: the assets, their addresses and the install paths. */
public interface ProductFootprints {
  /**
   * One current installation.
   *
   * @param installPath the inventory's {@code install_path} (a folder or the executable), or null
   * @param addresses the asset's inventory addresses (canonical text)
   */
  record Install(String customer, String asset, @Nullable String installPath, List<String> addresses) {
    public Install {
      addresses = List.copyOf(addresses);
    }
  }

  /** The current installations of the product (vendor matched loosely, as exposure does), of one customer or all. */
  List<Install> installs(String vendor, String product, @Nullable String customer);
}
