package io.chainwatch.store;

import io.chainwatch.downstream.ProductFootprints;
import io.chainwatch.portfolio.Names;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The current installations of one product with their install paths and the assets' addresses. */
public final class SqlProductFootprints implements ProductFootprints {
  private final Database db;

  public SqlProductFootprints(Database db) {
    this.db = db;
  }

  @Override
  public List<Install> installs(String vendor, String product, @Nullable String customer) {
    String vendorKey = Names.vendorKey(vendor);
    String sql = "SELECT c.name, a.name, i.install_path, a.id, p.vendor_key FROM installation i"
        + " JOIN asset a ON a.id = i.asset_id JOIN customer c ON c.id = a.customer_id JOIN product p ON p.id = i.product_id"
        + " WHERE p.product_key = ? AND i.removed_at IS NULL" + (customer == null ? "" : " AND c.name = ?")
        + " ORDER BY c.name, a.name, i.install_path";
    List<Install> out = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement(sql);
        PreparedStatement addresses = db.connection().prepareStatement(
            "SELECT address FROM asset_address WHERE asset_id = ? ORDER BY address")) {
      s.setString(1, Names.productKey(product));
      if (customer != null) s.setString(2, customer);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (Names.vendorMatch(vendorKey, r.getString(5)) <= 0) continue;
          List<String> ips = new ArrayList<>();
          addresses.setLong(1, r.getLong(4));
          try (ResultSet x = addresses.executeQuery()) {
            while (x.next()) ips.add(x.getString(1));
          }
          out.add(new Install(r.getString(1), r.getString(2), r.getString(3), ips));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading installations failed", e);
    }
    return out;
  }
}
