package io.chainwatch.store;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.ingest.ImportCounts;
import io.chainwatch.ingest.ImportTransaction;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.Indicator;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.PackageIds;
import io.chainwatch.portfolio.ProductKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One file's import as one database transaction.
 *
 * <p>Implementation notes. An inventory or SBOM is a snapshot of the assets it names: an installation of such an
 * asset that an earlier file of the same kind (same parser) listed and this one does not is marked removed, never
 * deleted. Installations of assets this file creates need no comparison and are inserted in batches straight away;
 * installations of known assets are looked up first and, when found, only marked as seen by this import. Customer,
 * asset and product ids are cached for the transaction, since a five-million-row inventory names each of them many
 * times.
 */
final class SqlImportTransaction implements ImportTransaction {
  private static final int BATCH = 1000;
  /**
   * The index exposure reads installations by; it must stay identical to the one in the V1 migrations. A first,
   * bulk import drops it and builds it again before committing: sorting once is many times faster than inserting five
   * million rows into it one by one, as sqlite3's own {@code .import} followed by CREATE INDEX also does.
   */
  static final String PRODUCT_INDEX = "installation_current_by_product";
  static final String PRODUCT_INDEX_DDL =
      "CREATE INDEX " + PRODUCT_INDEX + " ON installation (product_id) WHERE removed_at IS NULL";
  /** SQLite's page cache during an import, in KiB; the system property exists for tests that need a small one. */
  private static final long IMPORT_CACHE_KIB = Long.getLong("chainwatch.sqlite.importCacheKib", 262_144);

  private final Connection c;
  private final Provenance provenance;
  private final long importId;
  private final boolean bulkLoad;
  private final boolean checkForeignKeysAtCommit;
  private final ImportCounts counts = new ImportCounts();
  private boolean committed;

  private final Map<String, Long> customers = new HashMap<>();
  private final Map<String, Long> assets = new HashMap<>();
  private final Set<Long> newAssets = new HashSet<>();
  private final Set<Long> snapshotAssets = new HashSet<>();
  private final Set<String> addresses = new HashSet<>();
  private final Map<ProductKey, Long> products = new HashMap<>();
  private final Map<String, Long> productsByRawName = new HashMap<>();
  private final Set<String> identifiers = new HashSet<>();
  /** Installations of the asset being read, to drop a row repeated within the file. */
  private long dedupAsset = -1;
  private final Set<List<Object>> dedupKeys = new HashSet<>();
  /** Assets the file has moved on from: a row that comes back to one may repeat an earlier row. */
  private final Set<Long> leftAssets = new HashSet<>();
  /** The installations in the insert batch not yet sent, which a lookup in the database cannot find. */
  private final Set<List<Object>> pendingKeys = new HashSet<>();

  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final PreparedStatement insertInstallation;
  private final PreparedStatement findInstallation;
  private final PreparedStatement touchInstallation;
  private int pendingInserts;
  private int pendingTouches;

  SqlImportTransaction(Database db, Provenance provenance) throws SQLException {
    this.c = db.connection();
    this.provenance = provenance;
    if (db.dialect() == Database.Dialect.SQLITE) {
      try (java.sql.Statement s = c.createStatement()) {
        // A big import touches the installation indexes all over: a larger page cache, outside the Java heap.
        s.execute("PRAGMA cache_size = -" + IMPORT_CACHE_KIB);
      }
    }
    try (java.sql.Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM installation LIMIT 1) x")) {
      bulkLoad = r.next() && r.getInt(1) == 0;
    }
    // In a bulk load SQLite checks foreign keys once, before the commit, instead of on each of millions of rows (a
    // third of the load's time); the pragma only takes effect outside a transaction.
    checkForeignKeysAtCommit = bulkLoad && db.dialect() == Database.Dialect.SQLITE;
    if (checkForeignKeysAtCommit) {
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("PRAGMA foreign_keys = OFF");
      }
    }
    c.setAutoCommit(false);
    if (bulkLoad) {
      try (java.sql.Statement s = c.createStatement()) {
        // DDL is transactional in SQLite and PostgreSQL: a rollback brings the index back.
        s.execute("DROP INDEX " + PRODUCT_INDEX);
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO import_file (file_name, sha256, parser, parser_version, imported_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      s.setString(1, provenance.fileName());
      s.setString(2, provenance.sha256());
      s.setString(3, provenance.parser());
      s.setString(4, provenance.parserVersion());
      Sql.setInstant(s, 5, provenance.importedAt());
      importId = Sql.insertReturningId(s);
    }
    insertInstallation = c.prepareStatement(
        "INSERT INTO installation (asset_id, product_id, version, platform, purl, cpe, install_path,"
            + " sha256, observed_at, import_id, seen_import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    findInstallation = c.prepareStatement(
        "SELECT i.id FROM installation i JOIN import_file f ON f.id = i.import_id"
            + " WHERE i.asset_id = ? AND i.product_id = ? AND i.version = ? AND i.platform = ?"
            + " AND COALESCE(i.install_path, '') = ? AND i.removed_at IS NULL AND f.parser = ?");
    touchInstallation = c.prepareStatement(
        "UPDATE installation SET seen_import_id = ?, sha256 = COALESCE(?, sha256), observed_at = COALESCE(?, observed_at),"
            + " purl = COALESCE(?, purl), cpe = COALESCE(?, cpe) WHERE id = ?");
  }

  @Override
  public void customer(Customer customer) {
    try {
      PreparedStatement s = prepared(
        "INSERT INTO customer (name, sector, country, criticality, import_id) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (name) DO UPDATE SET sector = excluded.sector, country = excluded.country,"
            + " criticality = excluded.criticality RETURNING id");
      s.setString(1, customer.name());
      Sql.setText(s, 2, customer.sector());
      Sql.setText(s, 3, customer.country());
      s.setInt(4, customer.criticality());
      s.setLong(5, importId);
      customers.put(customer.name(), Sql.insertReturningId(s));
      counts.increment("customers");
    } catch (SQLException e) {
      throw new StoreException("storing customer " + customer.name() + " failed", e);
    }
  }

  @Override
  public void installation(Installation i) {
    try {
      long customerId = customerId(i.customer());
      long assetId = assetId(customerId, i);
      long productId = productId(i.vendor(), i.product());
      if (assetId != dedupAsset) {
        if (dedupAsset != -1) leftAssets.add(dedupAsset);
        // A file not grouped by asset came back to this one: the rows it gave before are no longer in dedupKeys, so
        // from now on its installations are looked up like those of a known asset.
        if (leftAssets.contains(assetId)) newAssets.remove(assetId);
        dedupAsset = assetId;
        dedupKeys.clear();
      }
      String installPath = Objects.requireNonNullElse(i.installPath(), "");
      if (!dedupKeys.add(List.of(productId, i.version(), i.platform(), installPath))) {
        return; // the same installation twice in one file
      }
      List<Object> key = List.of(assetId, productId, i.version(), i.platform(), installPath);
      identifier(productId, "purl", PackageIds.purlBase(i.purl()));
      identifier(productId, "cpe", PackageIds.cpeBase(i.cpe()));
      if (!newAssets.contains(assetId)) {
        if (pendingKeys.contains(key)) return; // given earlier in this file, not yet sent to the database
        Long existing = findCurrent(assetId, productId, i);
        if (existing != null) {
          touchInstallation.setLong(1, importId);
          Sql.setText(touchInstallation, 2, i.sha256());
          Sql.setInstant(touchInstallation, 3, i.observedAt());
          Sql.setText(touchInstallation, 4, i.purl());
          Sql.setText(touchInstallation, 5, i.cpe());
          touchInstallation.setLong(6, existing);
          touchInstallation.addBatch();
          if (++pendingTouches >= BATCH) flushTouches();
          counts.increment("installations");
          return;
        }
      }
      PreparedStatement s = insertInstallation;
      s.setLong(1, assetId);
      s.setLong(2, productId);
      s.setString(3, i.version());
      s.setString(4, i.platform().wireName());
      Sql.setText(s, 5, i.purl());
      Sql.setText(s, 6, i.cpe());
      Sql.setText(s, 7, i.installPath());
      Sql.setText(s, 8, i.sha256());
      Sql.setInstant(s, 9, i.observedAt());
      s.setLong(10, importId);
      s.setLong(11, importId);
      s.addBatch();
      pendingKeys.add(key);
      if (++pendingInserts >= BATCH) flushInserts();
      counts.increment("installations");
    } catch (SQLException e) {
      throw new StoreException("storing an installation of " + i.product() + " on " + i.asset() + " failed", e);
    }
  }

  private @Nullable Long findCurrent(long assetId, long productId, Installation i) throws SQLException {
    findInstallation.setLong(1, assetId);
    findInstallation.setLong(2, productId);
    findInstallation.setString(3, i.version());
    findInstallation.setString(4, i.platform().wireName());
    findInstallation.setString(5, Objects.requireNonNullElse(i.installPath(), ""));
    findInstallation.setString(6, provenance.parser());
    try (ResultSet r = findInstallation.executeQuery()) {
      return r.next() ? r.getLong(1) : null;
    }
  }

  private long customerId(String name) throws SQLException {
    Long id = customers.get(name);
    if (id != null) return id;
    {
      PreparedStatement s = prepared("SELECT id FROM customer WHERE name = ?");
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) id = r.getLong(1);
      }
    }
    if (id == null) {
      // A customer named only by an inventory: created with the default criticality until customers.csv says more.
      {
      PreparedStatement s = prepared(
          "INSERT INTO customer (name, criticality, import_id) VALUES (?, ?, ?) RETURNING id");
        s.setString(1, name);
        s.setInt(2, Customer.DEFAULT_CRITICALITY);
        s.setLong(3, importId);
        id = Sql.insertReturningId(s);
      }
      counts.increment("new customers");
    }
    customers.put(name, id);
    return id;
  }

  private long assetId(long customerId, Installation i) throws SQLException {
    String key = customerId + "\n" + i.asset();
    Long id = assets.get(key);
    if (id == null) {
      {
      PreparedStatement s = prepared("SELECT id FROM asset WHERE customer_id = ? AND name = ?");
        s.setLong(1, customerId);
        s.setString(2, i.asset());
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) id = r.getLong(1);
        }
      }
      if (id == null) {
        {
      PreparedStatement s = prepared(
            "INSERT INTO asset (customer_id, name, platform, import_id) VALUES (?, ?, ?, ?) RETURNING id");
          s.setLong(1, customerId);
          s.setString(2, i.asset());
          s.setString(3, i.platform().wireName());
          s.setLong(4, importId);
          id = Sql.insertReturningId(s);
        }
        newAssets.add(id);
      }
      assets.put(key, id);
      counts.increment("assets");
    }
    if (snapshotAssets.add(id)) {
      {
      PreparedStatement s = prepared("INSERT INTO asset_snapshot (import_id, asset_id) VALUES (?, ?)");
        s.setLong(1, importId);
        s.setLong(2, id);
        s.executeUpdate();
      }
    }
    String address = i.assetAddress();
    if (address != null && addresses.add(id + "\n" + address)) {
      {
      PreparedStatement s = prepared(
          "INSERT INTO asset_address (asset_id, address) VALUES (?, ?) ON CONFLICT DO NOTHING");
        s.setLong(1, id);
        s.setString(2, address);
        s.executeUpdate();
      }
    }
    return id;
  }

  private long productId(String vendor, String product) throws SQLException {
    // By the names as written first: normalising every row's names would cost more than the insert.
    String raw = vendor + '\u0000' + product;
    Long id = productsByRawName.get(raw);
    if (id != null) return id;
    ProductKey key = ProductKey.of(vendor, product);
    id = products.get(key);
    if (id != null) {
      productsByRawName.put(raw, id);
      return id;
    }
    {
      PreparedStatement s = prepared(
        "INSERT INTO product (vendor_key, product_key, vendor, name) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (vendor_key, product_key) DO UPDATE SET vendor_key = excluded.vendor_key RETURNING id");
      s.setString(1, key.vendor());
      s.setString(2, key.product());
      s.setString(3, vendor);
      s.setString(4, product);
      id = Sql.insertReturningId(s);
    }
    products.put(key, id);
    productsByRawName.put(raw, id);
    return id;
  }

  /** Records that installations of a product carry this package identifier (once per product and identifier). */
  private void identifier(long productId, String kind, @Nullable String base) throws SQLException {
    if (base == null || !identifiers.add(kind + '\u0000' + base + '\u0000' + productId)) return;
    {
      PreparedStatement s = prepared(
        "INSERT INTO product_identifier (kind, base, product_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
      s.setString(1, kind);
      s.setString(2, base);
      s.setLong(3, productId);
      s.executeUpdate();
    }
  }

  @Override
  public void incident(Incident incident) {
    try {
      for (String table : List.of("incident_product", "incident_attribution", "incident_indicator", "incident_reference")) {
        {
      PreparedStatement s = prepared("DELETE FROM " + table + " WHERE incident_id = ?");
          s.setString(1, incident.id());
          s.executeUpdate();
        }
      }
      {
      PreparedStatement s = prepared(
          "INSERT INTO incident (id, title, disclosed, caused_by, window_from, window_to, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (id) DO UPDATE SET title = excluded.title, disclosed = excluded.disclosed,"
              + " caused_by = excluded.caused_by, window_from = excluded.window_from, window_to = excluded.window_to,"
              + " import_id = excluded.import_id");
        s.setString(1, incident.id());
        s.setString(2, incident.title());
        Sql.setDate(s, 3, incident.disclosed());
        Sql.setText(s, 4, incident.causedBy());
        Sql.setDate(s, 5, incident.compromiseWindow() == null ? null : incident.compromiseWindow().from());
        Sql.setDate(s, 6, incident.compromiseWindow() == null ? null : incident.compromiseWindow().to());
        s.setLong(7, importId);
        s.executeUpdate();
      }
      insertStatements(incident);
      {
      PreparedStatement s = prepared(
          "INSERT INTO incident_attribution (incident_id, position, actor, aliases, confidence, source, stated_on) VALUES (?, ?, ?, ?, ?, ?, ?)");
        int position = 0;
        for (Attribution a : incident.attributions()) {
          s.setString(1, incident.id());
          s.setInt(2, position++);
          s.setString(3, a.actor());
          s.setString(4, String.join("\n", a.aliases()));
          s.setInt(5, a.confidence());
          Sql.setText(s, 6, a.source());
          Sql.setDate(s, 7, a.date());
          s.addBatch();
        }
        s.executeBatch();
      }
      {
      PreparedStatement s = prepared(
          "INSERT INTO incident_indicator (incident_id, position, type, value) VALUES (?, ?, ?, ?)");
        int position = 0;
        for (Indicator ind : incident.indicators()) {
          s.setString(1, incident.id());
          s.setInt(2, position++);
          s.setString(3, ind.type());
          s.setString(4, ind.value());
          s.addBatch();
        }
        s.executeBatch();
      }
      {
      PreparedStatement s = prepared(
          "INSERT INTO incident_reference (incident_id, position, url) VALUES (?, ?, ?)");
        int position = 0;
        for (String url : incident.references()) {
          s.setString(1, incident.id());
          s.setInt(2, position++);
          s.setString(3, url);
          s.addBatch();
        }
        s.executeBatch();
      }
      counts.increment("incidents");
    } catch (SQLException e) {
      throw new StoreException("storing incident " + incident.id() + " failed", e);
    }
  }

  private void insertStatements(Incident incident) throws SQLException {
    {
      PreparedStatement s = prepared(
        "INSERT INTO incident_product (incident_id, position, kind, vendor, product, vendor_key, product_key, platform,"
            + " versions, versions_text, purl, cpe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      int position = 0;
      for (StatementKind kind : StatementKind.values()) {
        for (ProductVersions pv : kind.of(incident)) {
          ProductKey key = pv.productKey();
          s.setString(1, incident.id());
          s.setInt(2, position++);
          s.setString(3, kind.wireName);
          s.setString(4, pv.vendor());
          s.setString(5, pv.product());
          s.setString(6, key.vendor());
          s.setString(7, key.product());
          s.setString(8, pv.platform().wireName());
          Sql.setText(s, 9, pv.versions() == null ? null : pv.versions().toString());
          s.setString(10, pv.versionsText());
          Sql.setText(s, 11, pv.purl());
          Sql.setText(s, 12, pv.cpe());
          s.addBatch();
        }
      }
      s.executeBatch();
    }
  }

  @Override
  public void warning(String message) {
    // Warnings are shown to the user by the import service; the store keeps records only.
  }

  /** Statements are prepared once per transaction: a large inventory creates a hundred thousand assets. */
  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement s = statements.get(sql);
    if (s == null) {
      s = c.prepareStatement(sql);
      statements.put(sql, s);
    }
    return s;
  }

  private void flushInserts() throws SQLException {
    if (pendingInserts > 0) insertInstallation.executeBatch();
    pendingInserts = 0;
    pendingKeys.clear();
  }

  private void flushTouches() throws SQLException {
    if (pendingTouches > 0) touchInstallation.executeBatch();
    pendingTouches = 0;
  }

  @Override
  public ImportCounts commit() {
    try {
      flushInserts();
      flushTouches();
      boolean describedKnownAssets = snapshotAssets.stream().anyMatch(a -> !newAssets.contains(a));
      if (describedKnownAssets) {
        {
      PreparedStatement s = prepared(
            "UPDATE installation SET removed_at = ?, removed_import_id = ?"
                + " WHERE removed_at IS NULL AND seen_import_id <> ?"
                + " AND asset_id IN (SELECT asset_id FROM asset_snapshot WHERE import_id = ?)"
                + " AND import_id IN (SELECT id FROM import_file WHERE parser = ?)");
          Sql.setInstant(s, 1, provenance.importedAt());
          s.setLong(2, importId);
          s.setLong(3, importId);
          s.setLong(4, importId);
          s.setString(5, provenance.parser());
          int removed = s.executeUpdate();
          if (removed > 0) counts.add("removed installations", removed);
        }
      }
      if (bulkLoad) {
        try (java.sql.Statement s = c.createStatement()) {
          s.execute(PRODUCT_INDEX_DDL);
        }
      }
      if (checkForeignKeysAtCommit) {
        try (java.sql.Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
          if (r.next()) {
            throw new StoreException("the import would break a reference: table " + r.getString(1) + ", row " + r.getLong(2)
                + " refers to a missing " + r.getString(3));
          }
        }
      }
      {
      PreparedStatement s = prepared("UPDATE import_file SET summary = ? WHERE id = ?");
        s.setString(1, counts.toString());
        s.setLong(2, importId);
        s.executeUpdate();
      }
      c.commit();
      committed = true;
      return counts;
    } catch (SQLException e) {
      throw new StoreException("committing the import failed", e);
    }
  }

  @Override
  public void close() {
    try {
      insertInstallation.close();
      findInstallation.close();
      touchInstallation.close();
      for (PreparedStatement s : statements.values()) s.close();
      if (!committed) c.rollback();
      c.setAutoCommit(true);
      if (checkForeignKeysAtCommit) {
        try (java.sql.Statement s = c.createStatement()) {
          s.execute("PRAGMA foreign_keys = ON");
        }
      }
    } catch (SQLException e) {
      throw new StoreException("ending the import failed", e);
    }
  }

  /** The four kinds of statement an incident makes about releases, as stored. */
  enum StatementKind {
    AFFECTED("affected"), FIXED("fixed"), NOT_AFFECTED("not-affected"), UNDER_INVESTIGATION("under-investigation");

    final String wireName;

    StatementKind(String wireName) {
      this.wireName = wireName;
    }

    List<ProductVersions> of(Incident i) {
      switch (this) {
        case AFFECTED: return i.affected();
        case FIXED: return i.fixed();
        case NOT_AFFECTED: return i.notAffected();
        default: return i.underInvestigation();
      }
    }

    static StatementKind parse(String wire) {
      for (StatementKind k : values()) if (k.wireName.equals(wire)) return k;
      throw new StoreException("unknown statement kind in the database: " + wire);
    }
  }
}
