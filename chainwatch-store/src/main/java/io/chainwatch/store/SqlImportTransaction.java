package io.chainwatch.store;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.ingest.ImportCounts;
import io.chainwatch.ingest.ImportTransaction;
import io.chainwatch.ingest.IntelCounts;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IntelRecord;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.PackageIds;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.ArrayList;
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
  private static final String INSERT_EDGE =
      "INSERT INTO trust_edge (from_id, relation, to_id, confidence, valid_from, valid_to, source, import_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (from_id, relation, to_id) DO UPDATE SET confidence = excluded.confidence,"
          + " valid_from = excluded.valid_from, valid_to = excluded.valid_to, source = excluded.source, import_id = excluded.import_id";
  /** SQLite's page cache during an import, in KiB; the system property exists for tests that need a small one. */
  private static final long IMPORT_CACHE_KIB = Long.getLong("chainwatch.sqlite.importCacheKib", 262_144);

  private final Connection c;
  private final Provenance provenance;
  private final long importId;
  private final boolean checkForeignKeysAtCommit;
  private final ImportCounts counts = new ImportCounts();
  private boolean committed;
  private final Set<String> incidentIds = new java.util.TreeSet<>();

  private final Map<String, Long> customers = new HashMap<>();
  private final Map<String, Long> assets = new HashMap<>();
  private final Set<Long> newAssets = new HashSet<>();
  private final Set<Long> snapshotAssets = new HashSet<>();
  private final Set<String> addresses = new HashSet<>();
  private final Map<ProductKey, Long> products = new HashMap<>();
  private final Map<String, Map<String, Long>> productsByRawName = new HashMap<>();
  private @Nullable String lastCustomerName;
  private long lastCustomerId;
  private @Nullable String lastAssetName;
  private long lastAssetCustomer = -1;
  private long lastAssetId;
  private final Set<String> identifiers = new HashSet<>();
  /** Installations of the asset being read, to drop a row repeated within the file. */
  private long dedupAsset = -1;
  private final List<SeenRow> assetRows = new ArrayList<>();

  /** What identifies an installation within one asset. */
  private record SeenRow(long productId, String version, Platform platform, String installPath) {}
  /** Assets the file has moved on from: a row that comes back to one may repeat an earlier row. */
  private final Set<Long> leftAssets = new HashSet<>();
  /** The installations in the insert batch not yet sent, which a lookup in the database cannot find. */

  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final PreparedStatement insertInstallation;
  private final PreparedStatement findInstallation;
  private final PreparedStatement touchInstallation;
  private final SqlIntelWriter intel;
  private int pendingInserts;
  private int pendingTouches;
  private int pendingEdges;
  private final Set<String> pendingEdgeKeys = new HashSet<>();
  private final SqlTrustNodes trustNodes;
  private boolean graphTouched;

  SqlImportTransaction(Database db, Provenance provenance) throws SQLException {
    this.c = db.connection();
    this.provenance = provenance;
    if (db.dialect() == Database.Dialect.SQLITE) {
      try (java.sql.Statement s = c.createStatement()) {
        // A big import touches the installation indexes all over: a larger page cache, outside the Java heap.
        s.execute("PRAGMA cache_size = -" + IMPORT_CACHE_KIB);
      }
    }
    boolean bulkLoad;
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
        // The import's own id is written into the statement rather than bound: two fewer native calls a row.
        "INSERT INTO installation (asset_id, product_id, version, platform, purl, cpe, install_path,"
            + " sha256, observed_at, import_id, seen_import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, " + importId + ", " + importId + ")");
    findInstallation = c.prepareStatement(
        "SELECT i.id FROM installation i JOIN import_file f ON f.id = i.import_id"
            + " WHERE i.asset_id = ? AND i.product_id = ? AND i.version = ? AND i.platform = ?"
            + " AND COALESCE(i.install_path, '') = ? AND i.removed_at IS NULL AND f.parser = ?");
    intel = new SqlIntelWriter(c, importId, provenance, counts);
    trustNodes = new SqlTrustNodes(c, db.dialect());
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
        if (leftAssets.contains(assetId)) {
          // A file not grouped by asset came back to this one: what it gave before is no longer in assetRows, so
          // from now on its installations are looked up in the database, like those of a known asset.
          newAssets.remove(assetId);
          flushInserts();
        }
        dedupAsset = assetId;
        assetRows.clear();
      }
      String installPath = Objects.requireNonNullElse(i.installPath(), "");
      // An asset has tens of installations: a linear scan beats hashing a composite key for every row.
      for (SeenRow seen : assetRows) {
        if (seen.productId() == productId && seen.version().equals(i.version()) && seen.platform() == i.platform()
            && seen.installPath().equals(installPath)) {
          return; // the same installation twice in one file
        }
      }
      assetRows.add(new SeenRow(productId, i.version(), i.platform(), installPath));
      identifier(productId, "purl", PackageIds.purlBase(i.purl()));
      identifier(productId, "cpe", PackageIds.cpeBase(i.cpe()));
      if (!newAssets.contains(assetId)) {
        Long existing = findCurrent(assetId, productId, i);
        if (existing != null) {
          touchInstallation.setLong(1, importId);
          Sql.setText(touchInstallation, 2, i.sha256());
          Sql.setEpochMillis(touchInstallation, 3, i.observedAt());
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
      Sql.setEpochMillis(s, 9, i.observedAt());
      s.addBatch();
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
    // Inventories list a customer's rows together: comparing with the last name is cheaper than hashing each row's.
    if (name.equals(lastCustomerName)) return lastCustomerId;
    Long id = customers.get(name);
    if (id != null) {
      lastCustomerName = name;
      lastCustomerId = id;
      return id;
    }
    PreparedStatement selectCustomer = prepared("SELECT id FROM customer WHERE name = ?");
    selectCustomer.setString(1, name);
    try (ResultSet r = selectCustomer.executeQuery()) {
      if (r.next()) id = r.getLong(1);
    }
    if (id == null) {
      // A customer named only by an inventory: created with the default criticality until customers.csv says more.
      PreparedStatement insertCustomer = prepared(
          "INSERT INTO customer (name, criticality, import_id) VALUES (?, ?, ?) RETURNING id");
      insertCustomer.setString(1, name);
      insertCustomer.setInt(2, Customer.DEFAULT_CRITICALITY);
      insertCustomer.setLong(3, importId);
      id = Sql.insertReturningId(insertCustomer);
      counts.increment("new customers");
    }
    customers.put(name, id);
    lastCustomerName = name;
    lastCustomerId = id;
    return id;
  }

  private long assetId(long customerId, Installation i) throws SQLException {
    // Rows come grouped by asset: the last asset answers most of them without building a key.
    if (customerId != lastAssetCustomer || !i.asset().equals(lastAssetName)) {
      lastAssetId = assetIdOf(customerId, i);
      lastAssetCustomer = customerId;
      lastAssetName = i.asset();
    }
    String address = i.assetAddress();
    if (address != null && addresses.add(lastAssetId + "\n" + address)) {
      PreparedStatement s = prepared("INSERT INTO asset_address (asset_id, address) VALUES (?, ?) ON CONFLICT DO NOTHING");
      s.setLong(1, lastAssetId);
      s.setString(2, address);
      s.executeUpdate();
    }
    return lastAssetId;
  }

  /** The asset's id, created if new; the first time this file names it, it joins the file's snapshot. */
  private long assetIdOf(long customerId, Installation i) throws SQLException {
    String key = customerId + "\n" + i.asset();
    Long id = assets.get(key);
    if (id == null) {
      PreparedStatement find = prepared("SELECT id FROM asset WHERE customer_id = ? AND name = ?");
      find.setLong(1, customerId);
      find.setString(2, i.asset());
      try (ResultSet r = find.executeQuery()) {
        if (r.next()) id = r.getLong(1);
      }
      if (id == null) {
        PreparedStatement insert = prepared("INSERT INTO asset (customer_id, name, platform, import_id) VALUES (?, ?, ?, ?) RETURNING id");
        insert.setLong(1, customerId);
        insert.setString(2, i.asset());
        insert.setString(3, i.platform().wireName());
        insert.setLong(4, importId);
        id = Sql.insertReturningId(insert);
        newAssets.add(id);
      }
      assets.put(key, id);
      counts.increment("assets");
    }
    if (snapshotAssets.add(id)) {
      PreparedStatement snapshot = prepared("INSERT INTO asset_snapshot (import_id, asset_id) VALUES (?, ?)");
      snapshot.setLong(1, importId);
      snapshot.setLong(2, id);
      snapshot.executeUpdate();
    }
    return id;
  }

  private long productId(String vendor, String product) throws SQLException {
    // By the names as written first: normalising every row's names would cost more than the insert.
    Map<String, Long> byProduct = productsByRawName.computeIfAbsent(vendor, v -> new HashMap<>());
    Long id = byProduct.get(product);
    if (id != null) return id;
    ProductKey key = ProductKey.of(vendor, product);
    id = products.get(key);
    if (id != null) {
      byProduct.put(product, id);
      return id;
    }
    PreparedStatement insertProduct = prepared(
        "INSERT INTO product (vendor_key, product_key, vendor, name) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (vendor_key, product_key) DO UPDATE SET vendor_key = excluded.vendor_key RETURNING id");
    insertProduct.setString(1, key.vendor());
    insertProduct.setString(2, key.product());
    insertProduct.setString(3, vendor);
    insertProduct.setString(4, product);
    id = Sql.insertReturningId(insertProduct);
    products.put(key, id);
    byProduct.put(product, id);
    return id;
  }

  /** Records that installations of a product carry this package identifier (once per product and identifier). */
  private void identifier(long productId, String kind, @Nullable String base) throws SQLException {
    if (base == null || !identifiers.add(kind + '\u0000' + base + '\u0000' + productId)) return;
    PreparedStatement insertProductIdentifier = prepared(
        "INSERT INTO product_identifier (kind, base, product_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    insertProductIdentifier.setString(1, kind);
    insertProductIdentifier.setString(2, base);
    insertProductIdentifier.setLong(3, productId);
    insertProductIdentifier.executeUpdate();
  }

  @Override
  public void incident(Incident incident) {
    try {
      for (String table : List.of("incident_product", "incident_attribution", "incident_indicator", "incident_reference")) {
        PreparedStatement deleteRows = prepared("DELETE FROM " + table + " WHERE incident_id = ?");
        deleteRows.setString(1, incident.id());
        deleteRows.executeUpdate();
      }
      PreparedStatement insertIncident = prepared(
          "INSERT INTO incident (id, title, disclosed, caused_by, window_from, window_to, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET title = excluded.title, disclosed = excluded.disclosed,"
          + " caused_by = excluded.caused_by, window_from = excluded.window_from, window_to = excluded.window_to,"
          + " import_id = excluded.import_id");
      insertIncident.setString(1, incident.id());
      insertIncident.setString(2, incident.title());
      Sql.setDate(insertIncident, 3, incident.disclosed());
      Sql.setText(insertIncident, 4, incident.causedBy());
      Sql.setDate(insertIncident, 5, incident.compromiseWindow() == null ? null : incident.compromiseWindow().from());
      Sql.setDate(insertIncident, 6, incident.compromiseWindow() == null ? null : incident.compromiseWindow().to());
      insertIncident.setLong(7, importId);
      insertIncident.executeUpdate();
      insertStatements(incident);
      PreparedStatement insertIncidentAttribution = prepared(
          "INSERT INTO incident_attribution (incident_id, position, actor, aliases, confidence, source, stated_on) VALUES (?, ?, ?, ?, ?, ?, ?)");
      int position = 0;
      for (Attribution a : incident.attributions()) {
        insertIncidentAttribution.setString(1, incident.id());
        insertIncidentAttribution.setInt(2, position++);
        insertIncidentAttribution.setString(3, a.actor());
        insertIncidentAttribution.setString(4, String.join("\n", a.aliases()));
        insertIncidentAttribution.setInt(5, a.confidence());
        Sql.setText(insertIncidentAttribution, 6, a.source());
        Sql.setDate(insertIncidentAttribution, 7, a.date());
        insertIncidentAttribution.addBatch();
      }
      insertIncidentAttribution.executeBatch();
      PreparedStatement insertIncidentIndicator = prepared(
          "INSERT INTO incident_indicator (incident_id, position, type, value) VALUES (?, ?, ?, ?)");
      position = 0;
      for (Indicator ind : incident.indicators()) {
        insertIncidentIndicator.setString(1, incident.id());
        insertIncidentIndicator.setInt(2, position++);
        insertIncidentIndicator.setString(3, ind.type());
        insertIncidentIndicator.setString(4, ind.value());
        insertIncidentIndicator.addBatch();
      }
      insertIncidentIndicator.executeBatch();
      PreparedStatement insertIncidentReference = prepared(
          "INSERT INTO incident_reference (incident_id, position, url) VALUES (?, ?, ?)");
      position = 0;
      for (String url : incident.references()) {
        insertIncidentReference.setString(1, incident.id());
        insertIncidentReference.setInt(2, position++);
        insertIncidentReference.setString(3, url);
        insertIncidentReference.addBatch();
      }
      insertIncidentReference.executeBatch();
      intel.advisoryIndicators(incident);
      counts.increment("incidents");
      incidentIds.add(incident.id());
    } catch (SQLException e) {
      throw new StoreException("storing incident " + incident.id() + " failed", e);
    }
  }

  @Override
  public void release(ReleaseRecord release) {
    try {
      if (SqlReleaseLedger.insert(prepared(SqlReleaseLedger.INSERT), release, importId)) counts.increment("releases");
    } catch (SQLException e) {
      throw new StoreException("storing the release row for " + release.file() + " failed", e);
    }
  }

  private void insertStatements(Incident incident) throws SQLException {
    PreparedStatement insertIncidentProduct = prepared(
        "INSERT INTO incident_product (incident_id, position, kind, vendor, product, vendor_key, product_key, platform,"
        + " versions, versions_text, purl, cpe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (StatementKind kind : StatementKind.values()) {
      for (ProductVersions pv : kind.of(incident)) {
        ProductKey key = pv.productKey();
        insertIncidentProduct.setString(1, incident.id());
        insertIncidentProduct.setInt(2, position++);
        insertIncidentProduct.setString(3, kind.wireName);
        insertIncidentProduct.setString(4, pv.vendor());
        insertIncidentProduct.setString(5, pv.product());
        insertIncidentProduct.setString(6, key.vendor());
        insertIncidentProduct.setString(7, key.product());
        insertIncidentProduct.setString(8, pv.platform().wireName());
        Sql.setText(insertIncidentProduct, 9, pv.versions() == null ? null : pv.versions().toString());
        insertIncidentProduct.setString(10, pv.versionsText());
        Sql.setText(insertIncidentProduct, 11, pv.purl());
        Sql.setText(insertIncidentProduct, 12, pv.cpe());
        insertIncidentProduct.addBatch();
      }
    }
    insertIncidentProduct.executeBatch();
  }

  /**
   * A dependency already stored (same nodes by key, same relation) takes this file's confidence, window and source.
   * Edges are sent in batches: a generated graph has a million of them.
   */
  @Override
  public void trustEdge(TrustEdge edge) {
    try {
      PreparedStatement insert = prepared(INSERT_EDGE);
      int from = trustNodes.id(edge.from());
      int to = trustNodes.id(edge.to());
      // PostgreSQL's driver rewrites a batch into one multi-row upsert, which may not touch a row twice: an edge
      // repeated within the batch goes into the next one.
      String identity = from + " " + edge.relation().wireName() + " " + to;
      if (!pendingEdgeKeys.add(identity)) {
        flushEdges();
        pendingEdgeKeys.add(identity);
      }
      insert.setInt(1, from);
      insert.setString(2, edge.relation().wireName());
      insert.setInt(3, to);
      insert.setInt(4, edge.confidence());
      Sql.setDate(insert, 5, edge.validFrom());
      Sql.setDate(insert, 6, edge.validTo());
      Sql.setText(insert, 7, edge.source());
      insert.setLong(8, importId);
      insert.addBatch();
      graphTouched = true;
      if (++pendingEdges >= BATCH) flushEdges();
      counts.increment("trust edges");
    } catch (SQLException e) {
      throw new StoreException("storing the trust edge " + edge.from() + " " + edge.relation().wireName() + " " + edge.to() + " failed", e);
    }
  }

  @Override
  public void intel(IntelRecord record) {
    try {
      intel.write(record);
    } catch (SQLException e) {
      throw new StoreException("storing " + IntelCounts.kind(record) + " failed", e);
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
  }

  private void flushEdges() throws SQLException {
    trustNodes.flush();
    if (pendingEdges > 0) prepared(INSERT_EDGE).executeBatch();
    pendingEdges = 0;
    pendingEdgeKeys.clear();
  }

  private void flushTouches() throws SQLException {
    if (pendingTouches > 0) touchInstallation.executeBatch();
    pendingTouches = 0;
  }

  @Override
  public ImportCounts commit(io.chainwatch.ingest.ImportFollowUp followUp) {
    try {
      flushInserts();
      flushTouches();
      flushEdges();
      if (graphTouched) {
        // Readers cache the graph per process under this number (SqlTrustGraphRepository).
        prepared("UPDATE trust_graph_version SET version = version + 1 WHERE id = 1").executeUpdate();
      }
      boolean describedKnownAssets = snapshotAssets.stream().anyMatch(a -> !newAssets.contains(a));
      if (describedKnownAssets) {
        PreparedStatement updateInstallation = prepared(
            "UPDATE installation SET removed_at = ?, removed_import_id = ?"
            + " WHERE removed_at IS NULL AND seen_import_id <> ?"
            + " AND asset_id IN (SELECT asset_id FROM asset_snapshot WHERE import_id = ?)"
            + " AND import_id IN (SELECT id FROM import_file WHERE parser = ?)");
        Sql.setInstant(updateInstallation, 1, provenance.importedAt());
        updateInstallation.setLong(2, importId);
        updateInstallation.setLong(3, importId);
        updateInstallation.setLong(4, importId);
        updateInstallation.setString(5, provenance.parser());
        int removed = updateInstallation.executeUpdate();
        if (removed > 0) counts.add("removed installations", removed);
      }
      if (checkForeignKeysAtCommit) {
        try (java.sql.Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA foreign_key_check")) {
          if (r.next()) {
            throw new StoreException("the import would break a reference: table " + r.getString(1) + ", row " + r.getLong(2)
                + " refers to a missing " + r.getString(3));
          }
        }
      }
      boolean portfolioChanged = counts.get("installations") > 0 || counts.get("removed installations") > 0;
      followUp.settle(new io.chainwatch.ingest.ImportedFile(importId, provenance, counts, incidentIds, portfolioChanged));
      PreparedStatement updateImportFile = prepared("UPDATE import_file SET summary = ? WHERE id = ?");
      updateImportFile.setString(1, counts.toString());
      updateImportFile.setLong(2, importId);
      updateImportFile.executeUpdate();
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
      intel.close();
      trustNodes.close();
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
