package io.chainwatch.store;

import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.Names;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.portfolio.PortfolioRepository;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.portfolio.ProductQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The portfolio as stored. Installations are fetched per criterion (product ids, then purl bases, then CPE bases),
 * each query on its own partial index over current installations; a consumer may see an installation twice when two
 * criteria match it.
 */
public final class SqlPortfolioRepository implements PortfolioRepository {
  private static final String SELECT_INSTALLED =
      "SELECT i.id, c.name, c.criticality, a.name, i.platform, p.vendor, p.name, i.version, i.purl, i.cpe"
          + " FROM installation i JOIN asset a ON a.id = i.asset_id JOIN customer c ON c.id = a.customer_id"
          + " JOIN product p ON p.id = i.product_id WHERE i.removed_at IS NULL AND ";
  /** Well below PostgreSQL's bind-parameter limit and SQLite's default. */
  private static final int IN_CHUNK = 500;

  private final Database db;

  public SqlPortfolioRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Customer> customer(String name) {
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT name, sector, country, criticality FROM customer WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(customer(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("reading customer " + name + " failed", e);
    }
  }

  @Override
  public List<Customer> customers() {
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT name, sector, country, criticality FROM customer ORDER BY criticality DESC, name");
        ResultSet r = s.executeQuery()) {
      List<Customer> out = new ArrayList<>();
      while (r.next()) out.add(customer(r));
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading customers failed", e);
    }
  }

  private static Customer customer(ResultSet r) throws SQLException {
    return new Customer(r.getString(1), r.getString(2), r.getString(3), r.getInt(4));
  }

  @Override
  public void forEachCurrent(ProductQuery query, @Nullable String customer, Consumer<InstalledRelease> action) {
    try {
      List<Long> productIds = productIds(query.products());
      stream("i.product_id", productIds, customer, action);
      stream("i.purl_base", new ArrayList<>(query.purlBases()), customer, action);
      stream("i.cpe_base", new ArrayList<>(query.cpeBases()), customer, action);
    } catch (SQLException e) {
      throw new StoreException("reading installations failed", e);
    }
  }

  /** The ids of stored products with the same product name key and a vendor that matches (see Names.vendorMatch). */
  private List<Long> productIds(Collection<ProductKey> keys) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT id, vendor_key FROM product WHERE product_key = ?")) {
      for (ProductKey k : keys) {
        s.setString(1, k.product());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            if (Names.vendorMatch(k.vendor(), r.getString(2)) > 0 && !ids.contains(r.getLong(1))) ids.add(r.getLong(1));
          }
        }
      }
    }
    return ids;
  }

  private void stream(String column, List<?> values, @Nullable String customer, Consumer<InstalledRelease> action) throws SQLException {
    for (int from = 0; from < values.size(); from += IN_CHUNK) {
      List<?> chunk = values.subList(from, Math.min(values.size(), from + IN_CHUNK));
      String sql = SELECT_INSTALLED + column + " IN (" + "?,".repeat(chunk.size() - 1) + "?)"
          + (customer == null ? "" : " AND c.name = ?");
      try (PreparedStatement s = db.connection().prepareStatement(sql)) {
        int n = 1;
        for (Object v : chunk) s.setObject(n++, v);
        if (customer != null) s.setString(n, customer);
        s.setFetchSize(10_000);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            action.accept(new InstalledRelease(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4),
                Platform.parse(r.getString(5)).orElse(Platform.ANY), r.getString(6), r.getString(7), r.getString(8),
                r.getString(9), r.getString(10)));
          }
        }
      }
    }
  }
}
