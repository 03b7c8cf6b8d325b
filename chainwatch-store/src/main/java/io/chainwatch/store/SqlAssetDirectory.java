package io.chainwatch.store;

import io.chainwatch.portfolio.AssetDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Assets by inventory address ({@code asset_address}) and by name. */
public final class SqlAssetDirectory implements AssetDirectory {
  private final Database db;

  public SqlAssetDirectory(Database db) {
    this.db = db;
  }

  @Override
  public Optional<AssetRef> byAddress(String address, @Nullable String customer) {
    return first("SELECT c.name, a.name FROM asset_address x JOIN asset a ON a.id = x.asset_id JOIN customer c ON c.id = a.customer_id"
        + " WHERE x.address = ?", address, null, customer);
  }

  /** In queries of at most {@link #BATCH} addresses: SQLite allows 32,766 parameters, older builds 999. */
  @Override
  public Map<String, AssetRef> byAddresses(Collection<String> addresses, @Nullable String customer) {
    Map<String, AssetRef> out = new HashMap<>();
    List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(addresses));
    for (int from = 0; from < all.size(); from += BATCH) {
      List<String> part = all.subList(from, Math.min(all.size(), from + BATCH));
      String q = "SELECT x.address, c.name, a.name FROM asset_address x JOIN asset a ON a.id = x.asset_id"
          + " JOIN customer c ON c.id = a.customer_id WHERE x.address IN (" + String.join(", ", java.util.Collections.nCopies(part.size(), "?"))
          + ")" + (customer == null ? "" : " AND c.name = ?") + " ORDER BY x.address, c.name, a.name";
      try (PreparedStatement s = db.connection().prepareStatement(q)) {
        int i = 1;
        for (String a : part) s.setString(i++, a);
        if (customer != null) s.setString(i, customer);
        try (ResultSet r = s.executeQuery()) {
          // each address's owners, reduced as byAddress reduces them
          Map<String, List<AssetRef>> owners = new HashMap<>();
          while (r.next()) owners.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new AssetRef(r.getString(2), r.getString(3)));
          owners.forEach((address, matches) -> owner(matches).ifPresent(o -> out.put(address, o)));
        }
      } catch (SQLException e) {
        throw new StoreException("reading assets failed", e);
      }
    }
    return out;
  }

  private static final int BATCH = 500;

  @Override
  public Optional<AssetRef> byName(String host, @Nullable String customer) {
    String full = host.toLowerCase(Locale.ROOT);
    int dot = full.indexOf('.');
    String shortName = dot > 0 ? full.substring(0, dot) : full;
    return first("SELECT c.name, a.name FROM asset a JOIN customer c ON c.id = a.customer_id WHERE lower(a.name) IN (?, ?)",
        full, shortName, customer);
  }

  /** The owner of what the query finds ({@link #owner}). */
  private Optional<AssetRef> first(String sql, String a, @Nullable String b, @Nullable String customer) {
    String q = sql + (customer == null ? "" : " AND c.name = ?") + " ORDER BY c.name, a.name";
    try (PreparedStatement s = db.connection().prepareStatement(q)) {
      int i = 1;
      s.setString(i++, a);
      if (b != null) s.setString(i++, b);
      if (customer != null) s.setString(i, customer);
      try (ResultSet r = s.executeQuery()) {
        List<AssetRef> owners = new ArrayList<>();
        while (r.next()) owners.add(new AssetRef(r.getString(1), r.getString(2)));
        return owner(owners);
      }
    } catch (SQLException e) {
      throw new StoreException("reading assets failed", e);
    }
  }

  /**
   * The one asset among these matches; the customer alone when they are several assets of one customer; none when
   * they belong to several customers (see {@link AssetDirectory#byAddress}).
   */
  static Optional<AssetRef> owner(List<AssetRef> matches) {
    if (matches.isEmpty()) return Optional.empty();
    AssetRef one = matches.get(0);
    for (AssetRef m : matches) {
      if (!m.customer().equals(one.customer())) return Optional.empty();
      if (!java.util.Objects.equals(m.asset(), one.asset())) one = new AssetRef(one.customer(), null);
    }
    return Optional.of(one);
  }

}
