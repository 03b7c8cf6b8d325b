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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The portfolio as stored. Installations are fetched by product: the products named (by normalised name) or
 * identified (by purl or CPE, through {@code product_identifier}) by the query, then their current installations on
 * one partial index.
 */
public final class SqlPortfolioRepository implements PortfolioRepository {
  /**
   * Rows carry ids and the few texts that differ per installation; customers and products come from small maps. An
   * exposure reads tens of thousands of rows and every column read crosses into native code, so fewer and cheaper
   * columns are most of the cost.
   */
  private static final String SELECT_INSTALLED =
      "SELECT i.id, a.customer_id, a.name, i.platform, i.product_id, i.version, i.purl, i.cpe"
          + " FROM installation i JOIN asset a ON a.id = i.asset_id WHERE i.removed_at IS NULL AND ";
  /** Well below PostgreSQL's bind-parameter limit and SQLite's default. */
  private static final int IN_CHUNK = 500;
  /** Up to this many product keys are looked up one by one; more in one read of the product table. */
  private static final int FEW_PRODUCTS = 64;

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
    try (PreparedStatement s = db.connection().prepareStatement("SELECT name, sector, country, criticality FROM customer");
        ResultSet r = s.executeQuery()) {
      List<Customer> out = new ArrayList<>();
      while (r.next()) out.add(customer(r));
      // Sorted here, not in SQL: PostgreSQL orders text by the database's collation, SQLite by bytes.
      out.sort(Comparator.comparingInt(Customer::criticality).reversed().thenComparing(Customer::name));
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
      Map<Long, Customer> customers = customersById(customer);
      if (customers.isEmpty()) return;
      List<Long> ids = productIds(query.products());
      for (long id : identifiedProducts("purl", query.purlBases())) if (!ids.contains(id)) ids.add(id);
      for (long id : identifiedProducts("cpe", query.cpeBases())) if (!ids.contains(id)) ids.add(id);
      stream(ids, customers, new HashMap<>(), action);
    } catch (SQLException e) {
      throw new StoreException("reading installations failed", e);
    }
  }

  @Override
  public void forEachCurrentOfVendors(Set<String> vendorKeys, @Nullable String customer, Consumer<InstalledRelease> action) {
    try {
      Map<Long, Customer> customers = customersById(customer);
      if (customers.isEmpty()) return;
      stream(productIdsOfVendors(vendorKeys), customers, new HashMap<>(), action);
    } catch (SQLException e) {
      throw new StoreException("reading installations failed", e);
    }
  }

  /**
   * The products of vendors that match one of the keys by {@link Names#vendorMatch}: those names share the first word,
   * so the first word narrows (the product table is small: thousands of rows, not millions) and the match decides.
   */
  private List<Long> productIdsOfVendors(Set<String> vendorKeys) throws SQLException {
    List<Long> ids = new ArrayList<>();
    Set<Long> seen = new java.util.HashSet<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT id, vendor_key FROM product WHERE vendor_key = ? OR vendor_key LIKE ?")) {
      for (String key : vendorKeys) {
        if (key.isEmpty()) continue;
        int space = key.indexOf(' ');
        String word = space < 0 ? key : key.substring(0, space);
        s.setString(1, word);
        // Keys hold only letters, digits, '+' and '#' between single spaces: nothing LIKE would read as a wildcard.
        s.setString(2, word + " %");
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            if (Names.vendorMatch(key, r.getString(2)) > 0 && !r.getString(2).isEmpty() && seen.add(r.getLong(1))) ids.add(r.getLong(1));
          }
        }
      }
    }
    return ids;
  }

  @Override
  public void forEachCurrentOfCustomer(String customer, Consumer<InstalledRelease> action) {
    try {
      Map<Long, Customer> customers = customersById(customer);
      if (customers.isEmpty()) return;
      long customerId = customers.keySet().iterator().next();
      Map<Long, String[]> products = new HashMap<>();
      try (PreparedStatement s = db.connection().prepareStatement(SELECT_INSTALLED + "a.customer_id = ?")) {
        s.setLong(1, customerId);
        s.setFetchSize(10_000);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Customer c = customers.get(r.getLong(2));
            String[] p = product(r.getLong(5), products);
            action.accept(new InstalledRelease(r.getLong(1), c.name(), c.criticality(), r.getString(3),
                Platform.parse(r.getString(4)).orElse(Platform.ANY), p[0], p[1], r.getString(6), r.getString(7), r.getString(8)));
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("reading installations failed", e);
    }
  }

  /**
   * The ids of stored products with the same product name key and a vendor that matches (see Names.vendorMatch). A
   * few keys (an incident's statements) are looked up one by one on the index; many (the products a trust-graph search
   * reached: thousands, most of them not in the portfolio) in one read of the product table, which holds thousands of
   * rows, where one query per key would cost more than everything else of a blast radius.
   */
  private List<Long> productIds(Collection<ProductKey> keys) throws SQLException {
    List<Long> ids = new ArrayList<>();
    Set<Long> seen = new java.util.HashSet<>();
    if (keys.size() > FEW_PRODUCTS) {
      Map<String, List<String>> vendorsByProduct = new HashMap<>();
      for (ProductKey k : keys) vendorsByProduct.computeIfAbsent(k.product(), p -> new ArrayList<>()).add(k.vendor());
      try (PreparedStatement s = db.connection().prepareStatement("SELECT id, vendor_key, product_key FROM product");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<String> vendors = vendorsByProduct.get(r.getString(3));
          if (vendors == null) continue;
          String vendor = r.getString(2);
          for (String v : vendors) {
            if (Names.vendorMatch(v, vendor) > 0 && seen.add(r.getLong(1))) ids.add(r.getLong(1));
          }
        }
      }
      return ids;
    }
    try (PreparedStatement s = db.connection().prepareStatement("SELECT id, vendor_key FROM product WHERE product_key = ?")) {
      for (ProductKey k : keys) {
        s.setString(1, k.product());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            if (Names.vendorMatch(k.vendor(), r.getString(2)) > 0 && seen.add(r.getLong(1))) ids.add(r.getLong(1));
          }
        }
      }
    }
    return ids;
  }

  /** The products whose installations carried one of these package identifiers. */
  private List<Long> identifiedProducts(String kind, Collection<String> bases) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = db.connection().prepareStatement("SELECT product_id FROM product_identifier WHERE kind = ? AND base = ?")) {
      for (String base : bases) {
        s.setString(1, kind);
        s.setString(2, base);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) ids.add(r.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Customers by id, read once rather than joined into every installation row; only one when asked for. */
  private Map<Long, Customer> customersById(@Nullable String only) throws SQLException {
    Map<Long, Customer> out = new HashMap<>();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT id, name, sector, country, criticality FROM customer" + (only == null ? "" : " WHERE name = ?"))) {
      if (only != null) s.setString(1, only);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) out.put(r.getLong(1), new Customer(r.getString(2), r.getString(3), r.getString(4), r.getInt(5)));
      }
    }
    return out;
  }

  /** The display vendor and name of a product, read once per product. */
  private String[] product(long id, Map<Long, String[]> cache) throws SQLException {
    String[] p = cache.get(id);
    if (p != null) return p;
    try (PreparedStatement s = db.connection().prepareStatement("SELECT vendor, name FROM product WHERE id = ?")) {
      s.setLong(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) throw new StoreException("an installation refers to a missing product " + id);
        p = new String[] {r.getString(1), r.getString(2)};
      }
    }
    cache.put(id, p);
    return p;
  }

  private void stream(List<Long> productIds, Map<Long, Customer> customers, Map<Long, String[]> products,
      Consumer<InstalledRelease> action) throws SQLException {
    for (int from = 0; from < productIds.size(); from += IN_CHUNK) {
      List<Long> chunk = productIds.subList(from, Math.min(productIds.size(), from + IN_CHUNK));
      String sql = SELECT_INSTALLED + "i.product_id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
      try (PreparedStatement s = db.connection().prepareStatement(sql)) {
        int n = 1;
        for (Object v : chunk) s.setObject(n++, v);
        s.setFetchSize(10_000);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Customer c = customers.get(r.getLong(2));
            if (c == null) continue; // another customer's, when only one was asked for
            String[] p = product(r.getLong(5), products);
            action.accept(new InstalledRelease(r.getLong(1), c.name(), c.criticality(), r.getString(3),
                Platform.parse(r.getString(4)).orElse(Platform.ANY), p[0], p[1], r.getString(6), r.getString(7), r.getString(8)));
          }
        }
      }
    }
  }
}
