package io.chainwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.CompromiseWindow;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.graph.NodeKey;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.Relation;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.ingest.ImportCounts;
import io.chainwatch.ingest.ImportStore.PriorImport;
import io.chainwatch.ingest.ImportTransaction;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.Indicator;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.portfolio.ProductQuery;
import io.chainwatch.version.VersionSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store promises, whichever database holds it. Every case runs on SQLite and on PostgreSQL, each test on an
 * empty database of its own.
 */
abstract class StoreContractTest {
  static final String INVENTORY = "inventory/csv";
  static final String SBOM = "sbom/cyclonedx";
  static final String CUSTOMERS = "customers/csv";
  static final String ADVISORY = "advisory/csaf";
  static final String GRAPH = "graph/trust-edges-csv";

  static final String PURL_416 = "pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows";
  static final String CPE_416 = "cpe:2.3:a:3cx:3cx_desktop_app:18.12.416:*:*:*:*:*:*:*";

  private static final Instant FIRST_IMPORT = Instant.parse("2023-03-29T08:00:00Z");

  private @Nullable String url;
  private int imports;
  Database db;
  SqlImportStore store;
  SqlPortfolioRepository portfolio;
  SqlIncidentRepository incidents;

  /** Makes an empty database for one test and gives its JDBC URL. */
  abstract String createDatabase() throws Exception;

  /** Removes what {@link #createDatabase} made; runs after every test, also when creating it failed. */
  abstract void dropDatabase() throws Exception;

  @BeforeEach
  final void openDatabase() throws Exception {
    url = createDatabase();
    open();
  }

  @Test
  void openForReading_readsTheDatabase_andRefusesEveryWrite() throws SQLException {
    Indicator c2 = new Indicator("domain", "akamaicontainer.com");
    importFile("h.json", "intel/misp", t -> t.intel(new io.chainwatch.intel.IndicatorStatement(c2, "akamaicontainer.com",
        "u-1", "3CX-2023-03", true, null, false, null, null, null)));
    try (Database reading = Database.openForReading(url)) {
      assertThat(new SqlIntelRepository(reading).huntable("3CX-2023-03")).containsExactly(c2);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
        try (Statement s = reading.connection().createStatement()) {
          s.executeUpdate("DELETE FROM indicator_source");
        }
      }).isInstanceOf(SQLException.class);
    }
    assertThat(new SqlIntelRepository(db).huntable("3CX-2023-03")).containsExactly(c2);
  }

  @AfterEach
  final void closeDatabase() throws Exception {
    try {
      if (db != null) db.close();
    } finally {
      dropDatabase();
    }
  }

  private void open() {
    db = Database.open(url);
    store = new SqlImportStore(db);
    portfolio = new SqlPortfolioRepository(db);
    incidents = new SqlIncidentRepository(db);
  }

  private void reopen() {
    db.close();
    open();
  }

  // --- Schema ---

  @Test
  void intel_sameIndicatorFromTwoFiles_isOneIndicatorWithBothSources_andANewerVersionReplacesTheOlder() {
    io.chainwatch.intel.Indicator domain = new io.chainwatch.intel.Indicator("domain", "akamaicontainer.com");
    java.time.Instant v1 = java.time.Instant.parse("2023-03-30T00:00:00Z");
    importFile("a.json", "intel/stix", t -> t.intel(new io.chainwatch.intel.IndicatorStatement(domain, "[domain-name:value = 'x']",
        "indicator--1", "3CX-2023-03", true, null, false, null, null, v1)));
    importFile("b.json", "intel/misp", t -> t.intel(new io.chainwatch.intel.IndicatorStatement(domain, "AKAMAICONTAINER.COM",
        "uuid-1", null, false, "to_ids is false", false, null, null, v1)));
    importFile("c.json", "intel/stix", t -> t.intel(new io.chainwatch.intel.IndicatorStatement(domain, "[domain-name:value = 'x']",
        "indicator--1", "3CX-2023-03", false, "revoked by its source", true, null, null, v1.plusSeconds(60))));
    SqlIntelRepository intel = new SqlIntelRepository(db);
    var list = intel.indicators(io.chainwatch.intel.IndicatorFilter.all());
    assertThat(list).singleElement().satisfies(n -> {
      assertThat(n.sourceFiles()).containsExactly("b.json.csv", "c.json.csv");
      assertThat(n.incidents()).containsExactly("3CX-2023-03");
      assertThat(n.huntable()).isFalse();
    });
    assertThat(intel.indicators(new io.chainwatch.intel.IndicatorFilter(null, null, "misp"))).hasSize(1);
    assertThat(intel.indicators(new io.chainwatch.intel.IndicatorFilter(null, "ipv4", null))).isEmpty();
  }

  @Test
  void hunts_storedWithParametersSightingsAndEvidence_areListedAndReadBack() {
    java.time.Instant t = java.time.Instant.parse("2023-03-22T10:01:02Z");
    io.chainwatch.hunt.HuntParameters p = new io.chainwatch.hunt.HuntParameters(java.util.List.of("logs/dns.log", "logs/http"),
        "3CX-2023-03", null, t, null, null, "threshold 0.8, min-timing 0.6, min-connections 4");
    io.chainwatch.hunt.Sighting s = new io.chainwatch.hunt.Sighting("ioc", "domain", "akamaicontainer.com", null, null, "10.0.0.5",
        t, t.plusSeconds(60), 3, java.util.List.of(new io.chainwatch.hunt.Evidence("dns.log", 12, "query", "www.akamaicontainer.com")));
    SqlHuntRepository hunts = new SqlHuntRepository(db);
    long id = hunts.save(new io.chainwatch.hunt.HuntResult(0, t, t.plusSeconds(1), p, 22, 0, java.util.List.of(s),
        new io.chainwatch.hunt.HuntStats(2, 1000, 123456, 0, java.util.Map.of("corrupt-record", 1L), java.util.List.of())));
    assertThat(hunts.list()).singleElement().satisfies(h -> {
      assertThat(h.id()).isEqualTo(id);
      assertThat(h.parameters()).isEqualTo(p);
      assertThat(h.sightings()).isEmpty();
    });
    assertThat(hunts.find(id)).hasValueSatisfying(h -> {
      assertThat(h.sightings()).containsExactly(s);
      assertThat(h.stats().problems()).containsEntry("corrupt-record", 1L);
      assertThat(h.stats().bytes()).isEqualTo(123456);
    });
    assertThat(hunts.find(id + 1)).isEmpty();
  }

  @Test
  void hunts_saved_tellTheirIdBeforeTheSightingsAreWritten_andStoreNothingWhenTheSaveFails() {
    java.time.Instant t = java.time.Instant.parse("2023-03-22T10:01:02Z");
    io.chainwatch.hunt.HuntParameters p = new io.chainwatch.hunt.HuntParameters(java.util.List.of("logs"), null, null,
        null, null, null, "off");
    io.chainwatch.hunt.Sighting s = new io.chainwatch.hunt.Sighting("ioc", "domain", "akamaicontainer.com", null, null,
        "10.0.0.5", t, t, 1, java.util.List.of(new io.chainwatch.hunt.Evidence("dns.log", 12, "query", "akamaicontainer.com")));
    io.chainwatch.hunt.HuntResult hunt = new io.chainwatch.hunt.HuntResult(0, t, t, p, 1, 0, java.util.List.of(s),
        new io.chainwatch.hunt.HuntStats(1, 1, 10, 0, java.util.Map.of(), java.util.List.of()));
    SqlHuntRepository hunts = new SqlHuntRepository(db);
    java.util.List<String> calls = new java.util.ArrayList<>();
    long id = hunts.save(hunt, n -> calls.add("numbered " + n), n -> calls.add("before commit " + n));
    // the id comes first, then the transaction's last step, with the same id
    assertThat(calls).containsExactly("numbered " + id, "before commit " + id);
    assertThat(hunts.find(id)).hasValueSatisfying(h -> assertThat(h.sightings()).containsExactly(s));

    // told an id, then failed: nothing of that hunt is stored
    long[] told = new long[1];
    assertThatThrownBy(() -> hunts.save(hunt, n -> told[0] = n, n -> {
      throw new IllegalStateException("triage failed");
    })).hasMessage("triage failed");
    assertThat(told[0]).isPositive();
    assertThat(hunts.find(told[0])).isEmpty();
    assertThat(hunts.list()).extracting(io.chainwatch.hunt.HuntResult::id).containsExactly(id);
  }

  @Test
  void assetDirectory_findsAssetsByInventoryAddressAndByShortOrFullName() {
    importFile("inventory.csv", INVENTORY, this::threeCustomers);
    SqlAssetDirectory assets = new SqlAssetDirectory(db);
    assertThat(assets.byAddress("10.0.0.5", null)).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Acme", "acme-pc"));
    assertThat(assets.byAddress("10.0.0.5", "Beta")).isEmpty();
    assertThat(assets.byName("ACME-PC.acme.local", null)).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Acme", "acme-pc"));
    assertThat(assets.byName("beta-pc", "Beta")).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Beta", "beta-pc"));
    assertThat(assets.byName("delta-pc", null)).isEmpty();
  }

  /**
   * An address or a name that assets of several customers have names none of them unless the look-up is for one
   * customer; one that several assets of one customer have names that customer only.
   */
  @Test
  void assetDirectory_anAddressOrNameOfSeveralCustomersNamesNone_andOfSeveralAssetsOfOneCustomerTheCustomer() {
    importFile("inventory.csv", INVENTORY, t -> {
      sharedAddresses(t);
      t.installation(install("Gamma", "beta-pc", "3CX Ltd", "3CX Desktop App", "18.12.407"));
    });
    SqlAssetDirectory assets = new SqlAssetDirectory(db);
    assertThat(assets.byAddress("10.0.0.5", null)).isEmpty();
    assertThat(assets.byAddress("10.0.0.5", "Acme")).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Acme", "acme-pc"));
    assertThat(assets.byAddress("10.0.0.5", "Beta")).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Beta", "beta-gw"));
    assertThat(assets.byAddress("10.0.0.6", null)).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Acme", null));
    assertThat(assets.byName("BETA-PC.corp.local", null)).isEmpty();
    assertThat(assets.byName("beta-pc", "Gamma")).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Gamma", "beta-pc"));
    assertThat(assets.byName("acme-pc", null)).hasValue(new io.chainwatch.portfolio.AssetDirectory.AssetRef("Acme", "acme-pc"));
  }

  /** Many addresses in one look-up find what each finds alone. */
  @Test
  void assetDirectory_findsManyAddressesAtOnce_asOneByOne() {
    importFile("inventory.csv", INVENTORY, this::sharedAddresses);
    SqlAssetDirectory assets = new SqlAssetDirectory(db);
    List<String> addresses = new ArrayList<>(List.of("10.0.0.5", "10.0.0.6", "10.9.9.9", "10.0.0.5"));
    for (int i = 0; i < 1200; i++) addresses.add("10.200." + (i / 250) + "." + (i % 250));
    for (String customer : new String[] {null, "Acme", "Beta", "Gamma"}) {
      Map<String, io.chainwatch.portfolio.AssetDirectory.AssetRef> expected = new java.util.HashMap<>();
      for (String a : addresses) assets.byAddress(a, customer).ifPresent(r -> expected.put(a, r));
      assertThat(assets.byAddresses(addresses, customer)).as(String.valueOf(customer)).isEqualTo(expected);
    }
    // 10.0.0.5 is Acme's and Beta's: no one's without a customer; 10.0.0.6 is two of Acme's assets
    assertThat(assets.byAddresses(addresses, null)).containsEntry("10.0.0.6",
        new io.chainwatch.portfolio.AssetDirectory.AssetRef("Acme", null)).hasSize(1);
    assertThat(assets.byAddresses(addresses, "Beta")).containsEntry("10.0.0.5",
        new io.chainwatch.portfolio.AssetDirectory.AssetRef("Beta", "beta-gw")).hasSize(1);
  }

  @Test
  void intel_warninglistMarksMatchingIndicatorsOfItsTypesOnly_andANewVersionReplacesTheList() {
    io.chainwatch.intel.Indicator ip = new io.chainwatch.intel.Indicator("ipv4", "104.154.113.9");
    io.chainwatch.intel.Indicator name = new io.chainwatch.intel.Indicator("filename", "104.154.113.9");
    importFile("i.json", "intel/misp", t -> {
      t.intel(new io.chainwatch.intel.IndicatorStatement(ip, "104.154.113.9", "u-1", null, true, null, false, null, null, null));
      t.intel(new io.chainwatch.intel.IndicatorStatement(name, "104.154.113.9", "u-2", null, true, null, false, null, null, null));
    });
    importFile("gcp.json", "intel/misp-warninglist", t -> t.intel(new io.chainwatch.intel.Warninglist("GCP", 1, "d", "cidr",
        java.util.List.of("cidr", "ipv4", "ipv6"), java.util.List.of("104.154.113.0/24"))));
    SqlIntelRepository intel = new SqlIntelRepository(db);
    assertThat(intel.indicators(new io.chainwatch.intel.IndicatorFilter(null, "ipv4", null)).get(0).likelyFalsePositive()).containsExactly("GCP");
    assertThat(intel.indicators(new io.chainwatch.intel.IndicatorFilter(null, "filename", null)).get(0).likelyFalsePositive()).isEmpty();
    importFile("gcp2.json", "intel/misp-warninglist", t -> t.intel(new io.chainwatch.intel.Warninglist("GCP", 2, "d", "cidr",
        null, java.util.List.of("10.0.0.0/8"))));
    assertThat(intel.indicators(new io.chainwatch.intel.IndicatorFilter(null, "ipv4", null)).get(0).likelyFalsePositive()).isEmpty();
  }

  /** Values with colons, commas, digits and text beyond ASCII come back whole, however the store hands the rows over. */
  @Test
  void intel_huntable_returnsEveryValueWhole() {
    java.util.List<io.chainwatch.intel.Indicator> many = new java.util.ArrayList<>();
    many.add(new io.chainwatch.intel.Indicator("url", "http://203.0.113.9:8080/a:b/12:34"));
    many.add(new io.chainwatch.intel.Indicator("filename", "r\u00e9sum\u00e9 2:1 \u65e5\u672c.exe"));
    many.add(new io.chainwatch.intel.Indicator("filename", "10:"));
    many.add(new io.chainwatch.intel.Indicator("url", "http://203.0.113.9/a,b,,c?d=1,2"));
    many.add(new io.chainwatch.intel.Indicator("filename", ","));
    for (int i = 0; i < 300; i++) many.add(new io.chainwatch.intel.Indicator("domain", "d" + i + ".example"));
    importFile("v.json", "intel/misp", t -> {
      int n = 0;
      for (io.chainwatch.intel.Indicator i : many) {
        t.intel(new io.chainwatch.intel.IndicatorStatement(i, i.value(), "v-" + n++, "VALUES", true, null, false, null, null, null));
      }
    });
    assertThat(new SqlIntelRepository(db).huntable("VALUES")).containsExactlyInAnyOrderElementsOf(many);
  }

  @Test
  void intel_huntable_isEveryIndicatorALiveSourceWantsHunted_ofTheIncident_withWarninglistsCheckedOnRequest() {
    io.chainwatch.intel.Indicator ip = new io.chainwatch.intel.Indicator("ipv4", "104.154.113.9");
    io.chainwatch.intel.Indicator c2 = new io.chainwatch.intel.Indicator("domain", "akamaicontainer.com");
    io.chainwatch.intel.Indicator revoked = new io.chainwatch.intel.Indicator("domain", "revoked.example");
    io.chainwatch.intel.Indicator noIds = new io.chainwatch.intel.Indicator("domain", "context.example");
    importFile("h.json", "intel/misp", t -> {
      t.intel(new io.chainwatch.intel.IndicatorStatement(ip, "104.154.113.9", "u-1", "3CX-2023-03", true, null, false, null, null, null));
      t.intel(new io.chainwatch.intel.IndicatorStatement(c2, "akamaicontainer[.]com", "u-2", "3CX-2023-03", true, null, false, null, null, null));
      t.intel(new io.chainwatch.intel.IndicatorStatement(c2, "akamaicontainer.com", "u-3", "OTHER", false, "to_ids false", false, null, null, null));
      t.intel(new io.chainwatch.intel.IndicatorStatement(revoked, "revoked.example", "u-4", "3CX-2023-03", true, null, true, null, null, null));
      t.intel(new io.chainwatch.intel.IndicatorStatement(noIds, "context.example", "u-5", null, false, "to_ids false", false, null, null, null));
    });
    importFile("gcp.json", "intel/misp-warninglist", t -> t.intel(new io.chainwatch.intel.Warninglist("GCP", 1, "d", "cidr",
        null, java.util.List.of("104.154.113.0/24"))));
    SqlIntelRepository intel = new SqlIntelRepository(db);
    assertThat(intel.huntable(null)).containsExactlyInAnyOrder(ip, c2);
    assertThat(intel.huntable("3CX-2023-03")).containsExactlyInAnyOrder(ip, c2);
    assertThat(intel.huntable("OTHER")).containsExactly(c2);
    assertThat(intel.huntable("NONE")).isEmpty();
    // an incident intel names: by any source, live or not, hunted or not
    assertThat(intel.mentions("3CX-2023-03")).isTrue();
    assertThat(intel.mentions("OTHER")).isTrue();
    assertThat(intel.mentions("NONE")).isFalse();
    assertThat(intel.warninglists(ip)).containsExactly("GCP");
    assertThat(intel.warninglists(c2)).isEmpty();
  }

  @Test
  void intel_actorFoundByAlias_withAttributionTimeline() {
    importFile("attack.json", "intel/stix", t -> {
      t.intel(new io.chainwatch.intel.ActorStatement("AppleJeus", "intrusion-set", List.of("UNC4736", "Citrine Sleet"), "G1049",
          "intrusion-set--1", List.of("financial"), true, false));
      t.intel(new io.chainwatch.intel.ActorStatement("3CX Supply Chain Attack", "campaign", List.of(), "C0057", "campaign--1",
          List.of(), true, false));
      t.intel(new io.chainwatch.intel.AttributionStatement("3CX Supply Chain Attack", false, "AppleJeus", 85, "The MITRE Corporation",
          java.time.LocalDate.parse("2025-08-25"), "relationship--1"));
      t.intel(new io.chainwatch.intel.IncidentLink("3CX-2023-03", "campaign", "3CX Supply Chain Attack", "attack.json"));
    });
    SqlIntelRepository intel = new SqlIntelRepository(db);
    var cluster = intel.actor("unc-4736").orElseThrow();
    assertThat(cluster.name()).isEqualTo("AppleJeus");
    assertThat(cluster.aliases()).containsExactly("Citrine Sleet", "UNC4736");
    assertThat(cluster.incidents()).containsExactly("3CX-2023-03");
    assertThat(intel.attributions("3CX-2023-03")).singleElement().satisfies(a -> assertThat(a.confidence()).isEqualTo(85));
  }

  @Test
  void intel_attributionTimeline_byDate_undatedLast_thenBySource() {
    importFile("attributions.json", "intel/stix", t -> {
      t.intel(new io.chainwatch.intel.ActorStatement("AppleJeus", "intrusion-set", List.of(), "G1049", "intrusion-set--1",
          List.of(), true, false));
      t.intel(new io.chainwatch.intel.ActorStatement("3CX Supply Chain Attack", "campaign", List.of(), "C0057", "campaign--1",
          List.of(), true, false));
      t.intel(new io.chainwatch.intel.AttributionStatement("3CX Supply Chain Attack", false, "AppleJeus", 60, null, null,
          "relationship--1"));
      t.intel(new io.chainwatch.intel.AttributionStatement("3CX Supply Chain Attack", false, "AppleJeus", 85, "Mandiant",
          java.time.LocalDate.parse("2023-04-20"), "relationship--2"));
      t.intel(new io.chainwatch.intel.AttributionStatement("3CX Supply Chain Attack", false, "AppleJeus", 70, "CrowdStrike",
          java.time.LocalDate.parse("2023-04-20"), "relationship--3"));
      t.intel(new io.chainwatch.intel.AttributionStatement("3CX Supply Chain Attack", false, "AppleJeus", 50, "SentinelOne",
          java.time.LocalDate.parse("2023-03-29"), "relationship--4"));
      t.intel(new io.chainwatch.intel.IncidentLink("3CX-2023-03", "campaign", "3CX Supply Chain Attack", "attributions.json"));
    });
    SqlIntelRepository intel = new SqlIntelRepository(db);
    assertThat(intel.attributions("3CX-2023-03")).extracting(a -> a.date() + " " + a.source())
        .containsExactly("2023-03-29 SentinelOne", "2023-04-20 CrowdStrike", "2023-04-20 Mandiant", "null null");
  }

  @Test
  void migrations_createTheSchema_andASecondOpenDoesNotRunThemAgain() throws SQLException {
    for (String table : List.of("import_file", "customer", "asset", "asset_address", "asset_snapshot", "product",
        "installation", "incident", "incident_product", "incident_attribution", "incident_indicator", "incident_reference",
        "trust_edge", "release_artifact")) {
      assertThat(count(table)).as(table).isZero();
    }
    assertThat(db.schemaVersion()).isEqualTo(Database.SCHEMA_VERSION);
    String installedOn = text("SELECT installed_on FROM flyway_schema_history WHERE version = '1'");
    long migrations = count("flyway_schema_history");
    importFile("customers", CUSTOMERS, t -> t.customer(new Customer("Acme", "energy", "DE", 5)));

    reopen();

    assertThat(count("flyway_schema_history")).isEqualTo(migrations);
    assertThat(text("SELECT installed_on FROM flyway_schema_history WHERE version = '1'")).isEqualTo(installedOn);
    assertThat(portfolio.customer("Acme")).contains(new Customer("Acme", "energy", "DE", 5));
  }

  // --- Customers ---

  @Test
  void customers_reimport_updatesCriticalitySectorAndCountry() {
    importFile("customers-1", CUSTOMERS, t -> {
      t.customer(new Customer("Acme", "energy", "DE", 2));
      t.customer(new Customer("Beta", null, null, 4));
    });
    importFile("customers-2", CUSTOMERS, t -> t.customer(new Customer("Acme", "health", "FR", 5)));

    assertThat(portfolio.customer("Acme")).contains(new Customer("Acme", "health", "FR", 5));
    assertThat(portfolio.customer("Beta")).contains(new Customer("Beta", null, null, 4));
    assertThat(portfolio.customers()).hasSize(2);
  }

  @Test
  void customers_listMostCriticalFirst_thenByName() {
    importFile("customers", CUSTOMERS, t -> {
      t.customer(new Customer("Delta", null, null, 3));
      t.customer(new Customer("Alpha", null, null, 1));
      t.customer(new Customer("Charlie", null, null, 5));
      t.customer(new Customer("Bravo", null, null, 3));
    });

    assertThat(portfolio.customers()).extracting(Customer::name).containsExactly("Charlie", "Bravo", "Delta", "Alpha");
  }

  @Test
  void customer_unknownName_isEmpty() {
    assertThat(portfolio.customer("Nobody")).isEmpty();
  }

  @Test
  void installation_ofAnUnknownCustomer_createsTheCustomerWithCriticality3() {
    importFile("inventory", INVENTORY, t -> t.installation(install("NewCo", "pc-1", "3CX", "3CX Desktop App", "18.12.416")));

    assertThat(portfolio.customer("NewCo")).contains(new Customer("NewCo", null, null, Customer.DEFAULT_CRITICALITY));
    assertThat(Customer.DEFAULT_CRITICALITY).isEqualTo(3);
  }

  @Test
  void installation_ofAKnownCustomer_keepsItsCriticality_andCustomersCsvLaterStillApplies() {
    importFile("customers-1", CUSTOMERS, t -> t.customer(new Customer("Acme", "energy", "DE", 5)));
    importFile("inventory", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(install("NewCo", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
    });
    importFile("customers-2", CUSTOMERS, t -> t.customer(new Customer("NewCo", "retail", "NL", 1)));

    assertThat(portfolio.customer("Acme")).contains(new Customer("Acme", "energy", "DE", 5));
    assertThat(portfolio.customer("NewCo")).contains(new Customer("NewCo", "retail", "NL", 1));
    assertThat(current(products("3CX", "3CX Desktop App"), null))
        .extracting(InstalledRelease::customer, InstalledRelease::criticality)
        .containsExactlyInAnyOrder(tuple("Acme", 5), tuple("NewCo", 1));
  }

  // --- Products and queries ---

  @Test
  void productKey_vendorAndProductSpellings_areOneProduct() throws SQLException {
    importFile("inventory", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX Ltd", "3cx desktop app", "18.12.416"));
      t.installation(install("Acme", "pc-2", "3CX", "3CX Desktop App", "18.12.407"));
    });

    assertThat(count("product")).isEqualTo(1);
    assertThat(current(products("3CX Ltd.", "3CX  Desktop-App"), null))
        .extracting(InstalledRelease::asset).containsExactlyInAnyOrder("pc-1", "pc-2");
  }

  @Test
  void forEachCurrent_byProductKey_withAndWithoutCustomer() {
    importFile("inventory", INVENTORY, this::threeCustomers);

    ProductQuery q = products("3CX", "3CX Desktop App");
    assertThat(current(q, null)).extracting(InstalledRelease::customer).containsExactlyInAnyOrder("Acme", "Beta");
    assertThat(current(q, "Beta")).extracting(InstalledRelease::asset).containsExactly("beta-pc");
    assertThat(current(q, "Gamma")).isEmpty();
    assertThat(current(q, "Nobody")).isEmpty();
    assertThat(current(products("Mozilla", "Firefox"), null)).isEmpty();
  }

  @Test
  void forEachCurrent_givesTheWholeRelease() {
    importFile("customers", CUSTOMERS, t -> t.customer(new Customer("Acme", "energy", "DE", 5)));
    importFile("inventory", INVENTORY, this::threeCustomers);

    List<InstalledRelease> found = current(products("3CX", "3CX Desktop App"), "Acme");

    assertThat(found).hasSize(1);
    InstalledRelease r = found.get(0);
    assertThat(new InstalledRelease(0, r.customer(), r.criticality(), r.asset(), r.platform(), r.vendor(), r.product(),
        r.version(), r.purl(), r.cpe()))
        .isEqualTo(new InstalledRelease(0, "Acme", 5, "acme-pc", Platform.WINDOWS, "3CX", "3CX Desktop App", "18.12.416",
            PURL_416, CPE_416));
    assertThat(r.id()).isPositive();
  }

  @Test
  void forEachCurrent_byPurlBase_withAndWithoutCustomer() {
    importFile("inventory", INVENTORY, this::threeCustomers);

    // The purl identifies two products (Acme's and Gamma's names differ); all their current installations are
    // candidates, Beta's too, which has Acme's product without a purl. The exposure verdict judges each.
    ProductQuery q = new ProductQuery(Set.of(), Set.of("pkg:generic/3cx/3cx-desktopapp"), Set.of());
    assertThat(current(q, null)).extracting(InstalledRelease::customer, InstalledRelease::version, InstalledRelease::purl)
        .containsExactlyInAnyOrder(tuple("Acme", "18.12.416", PURL_416), tuple("Beta", "18.12.407", null),
            tuple("Gamma", "18.12.407", "pkg:generic/3CX/3cx-desktopapp@18.12.407?os=macos"));
    assertThat(current(q, "Gamma")).extracting(InstalledRelease::asset).containsExactly("gamma-mac");
    assertThat(current(new ProductQuery(Set.of(), Set.of("pkg:generic/other/thing"), Set.of()), null)).isEmpty();
  }

  @Test
  void forEachCurrent_byCpeBase_withAndWithoutCustomer() {
    importFile("inventory", INVENTORY, this::threeCustomers);

    // The CPE identifies Acme's product, which Beta runs too (without a CPE): both are candidates.
    ProductQuery q = new ProductQuery(Set.of(), Set.of(), Set.of("a:3cx:3cx_desktop_app"));
    assertThat(current(q, null)).extracting(InstalledRelease::customer).containsExactlyInAnyOrder("Acme", "Beta");
    assertThat(current(q, "Acme")).extracting(InstalledRelease::asset).containsExactly("acme-pc");
    assertThat(current(q, "Gamma")).isEmpty();
  }

  @Test
  void forEachCurrent_emptyQuery_findsNothing() {
    importFile("inventory", INVENTORY, this::threeCustomers);

    assertThat(current(new ProductQuery(Set.of(), Set.of(), Set.of()), null)).isEmpty();
  }

  @Test
  void forEachCurrent_manyProductKeys_areQueriedInChunks() {
    List<ProductKey> keys = new ArrayList<>();
    importFile("inventory", INVENTORY, t -> {
      for (int n = 0; n < 1200; n++) {
        t.installation(install("Acme", "pc-" + (n % 7), "Vendor " + n, "Product " + n, "1.0"));
        keys.add(ProductKey.of("Vendor " + n, "Product " + n));
      }
    });

    assertThat(current(new ProductQuery(Set.copyOf(keys), Set.of(), Set.of()), null)).hasSize(1200);
  }

  /** Acme has 3CX with purl and CPE; Beta has it without; Gamma has another spelling on a Mac with a purl only. */
  /** The three customers, and 10.0.0.5 Acme's and Beta's, 10.0.0.6 two of Acme's assets. */
  private void sharedAddresses(ImportTransaction t) {
      threeCustomers(t);
      t.installation(new Installation("Beta", "beta-gw", Platform.WINDOWS, "3CX", "3CX Desktop App", "18.12.416",
          PURL_416, CPE_416, null, null, null, "10.0.0.5"));
      t.installation(new Installation("Acme", "acme-aa", Platform.WINDOWS, "3CX", "3CX Desktop App", "18.12.416",
          PURL_416, CPE_416, null, null, null, "10.0.0.6"));
      t.installation(new Installation("Acme", "acme-ab", Platform.WINDOWS, "3CX", "3CX Desktop App", "18.12.416",
          PURL_416, CPE_416, null, null, null, "10.0.0.6"));
  }

  private void threeCustomers(ImportTransaction t) {
    t.installation(new Installation("Acme", "acme-pc", Platform.WINDOWS, "3CX", "3CX Desktop App", "18.12.416",
        PURL_416, CPE_416, "C:\\Users\\a\\AppData\\Local\\Programs\\3CXDesktopApp", null, null, "10.0.0.5"));
    t.installation(install("Acme", "acme-pc", "Notepad++", "Notepad++", "8.5"));
    t.installation(install("Beta", "beta-pc", "3CX Ltd", "3CX Desktop App", "18.12.407"));
    t.installation(new Installation("Gamma", "gamma-mac", Platform.MACOS, "3CX Ltd.", "3CX Electron Desktop App",
        "18.12.407", "pkg:generic/3CX/3cx-desktopapp@18.12.407?os=macos", null, null, null, null, null));
  }

  // --- Snapshots ---

  @Test
  void snapshot_installationNoLongerListed_isMarkedRemoved_notDeleted() throws SQLException {
    importFile("inventory-1", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.407"));
      t.installation(install("Acme", "pc-1", "Google", "Chrome", "120.0"));
    });
    long oldId = only(current(products("3CX", "3CX Desktop App"), null)).id();
    Imported second = importFile("inventory-2", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(install("Acme", "pc-1", "Google", "Chrome", "120.0"));
    });

    assertThat(second.counts().get("removed installations")).isEqualTo(1);
    assertThat(current(products("3CX", "3CX Desktop App"), null)).extracting(InstalledRelease::version).containsExactly("18.12.416");
    assertThat(count("installation")).isEqualTo(3);
    long secondImportId = store.findImport(second.provenance().sha256()).orElseThrow().id();
    try (PreparedStatement s = db.connection().prepareStatement(
        "SELECT version, removed_at, removed_import_id FROM installation WHERE id = ?")) {
      s.setLong(1, oldId);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo("18.12.407");
        assertThat(Instant.parse(r.getString(2))).isEqualTo(second.provenance().importedAt());
        assertThat(r.getLong(3)).isEqualTo(secondImportId);
      }
    }
  }

  @Test
  void snapshot_installationListedAgain_staysTheSameCurrentRow() throws SQLException {
    importFile("inventory-1", INVENTORY, t -> t.installation(install("Acme", "pc-1", "Google", "Chrome", "120.0")));
    long id = only(current(products("Google", "Chrome"), null)).id();
    importFile("inventory-2", INVENTORY, t -> t.installation(new Installation("Acme", "pc-1", Platform.WINDOWS, "Google",
        "Chrome", "120.0", "pkg:generic/google/chrome@120.0", null, null, null, null, null)));

    assertThat(count("installation")).isEqualTo(1);
    assertThat(only(current(products("Google", "Chrome"), null)).id()).isEqualTo(id);
    // The newer file told more about the same installation: it is found by that now.
    assertThat(current(new ProductQuery(Set.of(), Set.of("pkg:generic/google/chrome"), Set.of()), null))
        .extracting(InstalledRelease::id).containsExactly(id);
  }

  @Test
  void snapshot_assetTheNewerFileDoesNotName_staysCurrent() {
    importFile("inventory-1", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.407"));
      t.installation(install("Acme", "pc-2", "3CX", "3CX Desktop App", "18.12.407"));
      t.installation(install("Beta", "pc-1", "3CX", "3CX Desktop App", "18.12.407"));
    });
    Imported second = importFile("inventory-2", INVENTORY,
        t -> t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416")));

    assertThat(second.counts().get("removed installations")).isEqualTo(1);
    assertThat(current(products("3CX", "3CX Desktop App"), null))
        .extracting(r -> r.customer() + "/" + r.asset() + "@" + r.version())
        .containsExactlyInAnyOrder("Acme/pc-1@18.12.416", "Acme/pc-2@18.12.407", "Beta/pc-1@18.12.407");
  }

  @Test
  void snapshot_sbomOfAnAsset_doesNotRemoveItsInventoryInstallations() {
    importFile("inventory", INVENTORY, t -> t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416")));
    importFile("sbom-1", SBOM, t -> t.installation(install("Acme", "pc-1", "OpenSSL", "OpenSSL", "3.0.8")));

    assertThat(current(products("3CX", "3CX Desktop App"), null)).hasSize(1);
    assertThat(current(products("OpenSSL", "OpenSSL"), null)).extracting(InstalledRelease::version).containsExactly("3.0.8");

    // A newer SBOM of the same asset replaces the older SBOM's view only.
    Imported sbom2 = importFile("sbom-2", SBOM, t -> t.installation(install("Acme", "pc-1", "OpenSSL", "OpenSSL", "3.1.0")));

    assertThat(sbom2.counts().get("removed installations")).isEqualTo(1);
    assertThat(current(products("3CX", "3CX Desktop App"), null)).hasSize(1);
    assertThat(current(products("OpenSSL", "OpenSSL"), null)).extracting(InstalledRelease::version).containsExactly("3.1.0");

    // And a newer inventory leaves the SBOM's installations alone.
    importFile("inventory-2", INVENTORY, t -> t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416")));

    assertThat(current(products("OpenSSL", "OpenSSL"), null)).extracting(InstalledRelease::version).containsExactly("3.1.0");
  }

  @Test
  void duplicateRowsInOneFile_giveOneInstallation() throws SQLException {
    importFile("inventory", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(install("Acme", "pc-1", "3CX Ltd", "3cx desktop app", "18.12.416"));
    });

    assertThat(count("installation")).isEqualTo(1);
    assertThat(current(products("3CX", "3CX Desktop App"), null)).hasSize(1);
  }

  @Test
  void duplicateRowsInOneFile_notNextToEachOther_giveOneInstallation() throws SQLException {
    // An inventory sorted by product rather than by host comes back to the same asset many times.
    importFile("inventory-1", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(install("Acme", "pc-2", "3CX", "3CX Desktop App", "18.12.416"));
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
    });
    importFile("inventory-2", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "Google", "Chrome", "120.0"));
      t.installation(install("Acme", "pc-2", "Google", "Chrome", "120.0"));
      t.installation(install("Acme", "pc-1", "Google", "Chrome", "120.0"));
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
    });

    assertThat(current(products("3CX", "3CX Desktop App"), null)).extracting(InstalledRelease::asset).containsExactly("pc-1");
    assertThat(current(products("Google", "Chrome"), null)).extracting(InstalledRelease::asset)
        .containsExactlyInAnyOrder("pc-1", "pc-2");
    assertThat(count("installation")).isEqualTo(4);
  }

  // --- Transactions ---

  @Test
  void rollback_transactionClosedWithoutCommit_leavesNothing() throws SQLException {
    Provenance p = provenance("inventory", INVENTORY);
    try (ImportTransaction t = store.begin(p)) {
      t.customer(new Customer("Acme", "energy", "DE", 5));
      // More than one batch, so some rows have reached the database before the rollback.
      for (int n = 0; n < 2500; n++) {
        t.installation(new Installation("Beta", "pc-" + n, Platform.WINDOWS, "3CX", "3CX Desktop App", "18.12.416",
            PURL_416, null, null, null, null, "10.0." + (n / 250) + "." + (n % 250)));
      }
      t.incident(incident("CW-2023-3CX", LocalDate.of(2023, 3, 29), null));
    }

    for (String table : List.of("import_file", "customer", "asset", "asset_address", "asset_snapshot", "product",
        "installation", "incident", "incident_product")) {
      assertThat(count(table)).as(table).isZero();
    }
    assertThat(store.findImport(p.sha256())).isEmpty();

    // The same file imports cleanly afterwards.
    importFile(p, t -> t.installation(install("Beta", "pc-1", "3CX", "3CX Desktop App", "18.12.416")));
    assertThat(count("installation")).isEqualTo(1);
  }

  @Test
  void rollback_leavesTheEarlierImportsAsTheyWere() throws SQLException {
    importFile("inventory-1", INVENTORY, t -> t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.407")));
    try (ImportTransaction t = store.begin(provenance("inventory-2", INVENTORY))) {
      t.customer(new Customer("Acme", "energy", "DE", 5));
      t.installation(install("Acme", "pc-1", "3CX", "3CX Desktop App", "18.12.416"));
    }

    assertThat(portfolio.customer("Acme")).contains(new Customer("Acme", null, null, 3));
    assertThat(current(products("3CX", "3CX Desktop App"), null)).extracting(InstalledRelease::version).containsExactly("18.12.407");
    assertThat(count("import_file")).isEqualTo(1);
  }

  @Test
  void findImport_bySha256() {
    Imported imported = importFile("inventory", INVENTORY, t -> t.installation(install("Acme", "pc-1", "Google", "Chrome", "120.0")));

    PriorImport prior = store.findImport(imported.provenance().sha256()).orElseThrow();
    assertThat(prior.fileName()).isEqualTo("inventory.csv");
    assertThat(prior.parser()).isEqualTo(INVENTORY);
    assertThat(store.findImport(sha256("something else"))).isEmpty();
  }

  // --- Incidents ---

  @Test
  void incident_roundTripsExactly() {
    Incident threeCx = new Incident("CW-2023-3CX", "3CX Desktop App supply-chain compromise", LocalDate.of(2023, 3, 29),
        "CW-2022-XTRADER", new CompromiseWindow(LocalDate.of(2022, 11, 1), LocalDate.of(2023, 3, 30)),
        List.of(
            ProductVersions.of("3CX", "3CX Desktop App", Platform.WINDOWS,
                VersionSet.parse("vers:generic/18.12.407|18.12.416")),
            new ProductVersions("3CX Ltd", "3CX Electron Desktop App", Platform.MACOS,
                VersionSet.parse("vers:generic/18.11.1213|18.12.402|18.12.407|18.12.416"), "18.11.1213, 18.12.402-416",
                "pkg:generic/3cx/3cx-desktopapp?os=macos", "cpe:2.3:a:3cx:3cx_desktop_app:*:*:*:*:*:macos:*:*"),
            new ProductVersions("3CX", "3CX Desktop App", Platform.LINUX, null, "all versions before the fix", null, null)),
        List.of(ProductVersions.of("3CX", "3CX Desktop App", Platform.ANY, VersionSet.parse("vers:generic/18.12.422"))),
        List.of(ProductVersions.of("3CX", "3CX Web Client", Platform.ANY, VersionSet.parse("vers:generic/20.0"))),
        List.of(ProductVersions.of("3CX", "3CX Phone System", Platform.LINUX, VersionSet.parse("vers:generic/18.0"))),
        List.of(
            new Attribution("Lazarus Group", List.of("Labyrinth Chollima", "UNC4736", "APT38"), 85, "Mandiant",
                LocalDate.of(2023, 4, 20)),
            new Attribution("Unattributed", List.of(), 10, null, null)),
        List.of(new Indicator("domain", "akamaicontainer.com"), new Indicator("sha256",
            "aa124a4b4df12b34e74ee7f6c683b2ebec4ce9a8edcf9be345823b4fdcf5d868"), new Indicator("domain", "msstorageazure.com")),
        List.of("https://www.3cx.com/blog/news/desktopapp-security-alert/",
            "https://cloud.google.com/blog/topics/threat-intelligence/3cx-software-supply-chain-compromise"));
    Incident bare = new Incident("CW-BARE", "Nothing known yet", null, null, null,
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    Incident openWindow = new Incident("CW-OPEN", "Still going", LocalDate.of(2024, 1, 2), null,
        new CompromiseWindow(LocalDate.of(2023, 12, 1), null),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    importFile("advisories", ADVISORY, t -> {
      t.incident(threeCx);
      t.incident(bare);
      t.incident(openWindow);
    });

    assertThat(incidents.find("CW-2023-3CX")).contains(threeCx);
    assertThat(incidents.find("CW-BARE")).contains(bare);
    assertThat(incidents.find("CW-OPEN")).contains(openWindow);
    assertThat(incidents.find("CW-NONE")).isEmpty();
    // The cause was never imported: the link is kept all the same.
    assertThat(incidents.find("CW-2022-XTRADER")).isEmpty();
    assertThat(incidents.exists("CW-BARE")).isTrue();
    assertThat(incidents.exists("CW-2023-3CX")).isTrue();
    assertThat(incidents.exists("CW-NONE")).isFalse();
    assertThat(incidents.exists("CW-2022-XTRADER")).isFalse();
  }

  @Test
  void incident_reimportWithTheSameId_replacesIt() {
    Incident first = incident("CW-2023-3CX", LocalDate.of(2023, 3, 29), "CW-2022-XTRADER");
    importFile("advisory-1", ADVISORY, t -> t.incident(first));
    Incident second = new Incident("CW-2023-3CX", "3CX compromise (updated)", LocalDate.of(2023, 3, 30), null, null,
        List.of(ProductVersions.of("3CX", "3CX Desktop App", Platform.WINDOWS, VersionSet.parse("vers:generic/18.12.416"))),
        List.of(), List.of(), List.of(), List.of(), List.of(new Indicator("domain", "raw.githubusercontent.com")), List.of());
    importFile("advisory-2", ADVISORY, t -> t.incident(second));

    assertThat(incidents.find("CW-2023-3CX")).contains(second);
    assertThat(incidents.list()).containsExactly(second);
    assertThat(incidents.causedBy("CW-2022-XTRADER")).isEmpty();
  }

  @Test
  void causedBy_listsTheIncidentsThatNameTheCause_evenBeforeTheCauseIsImported() {
    importFile("advisory-1", ADVISORY, t -> {
      t.incident(incident("CW-2023-3CX", LocalDate.of(2023, 3, 29), "CW-2022-XTRADER"));
      t.incident(incident("CW-2023-3CX-MAC", LocalDate.of(2023, 3, 30), "CW-2022-XTRADER"));
      t.incident(incident("CW-2023-OTHER", LocalDate.of(2023, 5, 1), null));
    });

    assertThat(incidents.causedBy("CW-2022-XTRADER")).containsExactly("CW-2023-3CX", "CW-2023-3CX-MAC");

    importFile("advisory-2", ADVISORY, t -> t.incident(incident("CW-2022-XTRADER", LocalDate.of(2023, 4, 20), null)));

    assertThat(incidents.causedBy("CW-2022-XTRADER")).containsExactly("CW-2023-3CX", "CW-2023-3CX-MAC");
    assertThat(incidents.causedBy("CW-2023-3CX")).isEmpty();
    assertThat(incidents.causedBy("CW-UNKNOWN")).isEmpty();
  }

  @Test
  void list_ordersByDisclosureDate_thenId_undatedLast() {
    importFile("advisories", ADVISORY, t -> {
      t.incident(incident("CW-C", LocalDate.of(2023, 3, 29), null));
      t.incident(incident("CW-UNDATED", null, null));
      t.incident(incident("CW-B", LocalDate.of(2023, 3, 29), null));
      t.incident(incident("CW-A", LocalDate.of(2024, 1, 1), null));
      t.incident(incident("CW-Z", LocalDate.of(2022, 12, 31), null));
      t.incident(incident("CW-0-UNDATED", null, null));
    });

    assertThat(incidents.list()).extracting(Incident::id)
        .containsExactly("CW-Z", "CW-B", "CW-C", "CW-A", "CW-0-UNDATED", "CW-UNDATED");
  }

  // --- Trust graph ---

  static TrustEdge edge(String from, String relation, String to, int confidence) {
    return new TrustEdge(NodeRef.parse(from), Relation.parse(relation).orElseThrow(), NodeRef.parse(to), confidence, null, null, null);
  }

  @Test
  void trustEdges_roundTripExactly_andAreFoundFromBothEnds_byHierarchy() {
    TrustEdge staff = new TrustEdge(NodeRef.parse("vendor:3CX"), Relation.STAFF_USE, NodeRef.parse("product:Trading Technologies/X_TRADER"),
        80, LocalDate.of(2022, 4, 1), null, "Mandiant 2023-04-20");
    TrustEdge bundles = new TrustEdge(NodeRef.parse("release:3CX/3CX Desktop App@18.12.416#windows"), Relation.BUNDLES,
        NodeRef.parse("release:Electron/Electron@19.0.0"), 100, null, LocalDate.of(2023, 3, 29), null);
    TrustEdge other = edge("vendor:Someone", "hosted-by", "vendor:Elsewhere", 10);
    importFile("edges", GRAPH, t -> {
      t.trustEdge(staff);
      t.trustEdge(bundles);
      t.trustEdge(other);
    });
    SqlTrustGraphRepository graph = new SqlTrustGraphRepository(db);

    assertThat(graph.edgesInto(List.of(NodeRef.parse("release:Trading Technologies International, Inc/X_TRADER@7.17.90p608#windows")))).containsExactly(staff);
    assertThat(graph.edgesInto(List.of(NodeRef.parse("vendor:Trading Technologies")))).containsExactly(staff);
    assertThat(graph.edgesInto(List.of(NodeRef.parse("product:Trading Technologies/Other")))).isEmpty();
    assertThat(graph.edgesInto(List.of(NodeRef.parse("release:Electron/Electron@19.0.0#macos")))).containsExactly(bundles);
    assertThat(graph.edgesInto(List.of(NodeRef.parse("release:Electron/Electron@20.0.0")))).isEmpty();
    assertThat(graph.edgesOutOf(List.of(NodeRef.parse("vendor:3CX Ltd")))).containsExactly(staff, bundles);
    assertThat(graph.edgesOutOf(List.of(NodeRef.parse("product:3CX/3CX Desktop App"), NodeRef.parse("vendor:Someone")))).containsExactly(staff, bundles, other);
    assertThat(graph.edgesOutOf(List.of(NodeRef.parse("release:3CX/3CX Desktop App@18.12.407")))).containsExactly(staff);
  }

  @Test
  void trustEdges_sameEdgeAgain_replacesItsValues_andRollbackLeavesNone() throws SQLException {
    importFile("edges-1", GRAPH, t -> t.trustEdge(edge("vendor:A", "bundles", "vendor:B", 50)));
    importFile("edges-2", GRAPH, t -> t.trustEdge(edge("vendor:A Ltd", "bundles", "vendor:b", 70)));
    try (ImportTransaction t = store.begin(provenance("edges-3", GRAPH))) {
      t.trustEdge(edge("vendor:C", "bundles", "vendor:B", 50));
    }

    assertThat(count("trust_edge")).isEqualTo(1);
    assertThat(new SqlTrustGraphRepository(db).edgesInto(List.of(NodeRef.vendor("B")))).containsExactly(edge("vendor:A Ltd", "bundles", "vendor:b", 70));
    assertThat(text("SELECT f.file_name FROM trust_edge e JOIN import_file f ON f.id = e.import_id")).isEqualTo("edges-2.csv");
  }

  @Test
  void trustEdges_repeatedWithinOneBatch_lastWins_andManyEdgesAreAnsweredAcrossQueryChunks() {
    importFile("edges", GRAPH, t -> {
      t.trustEdge(edge("vendor:A", "bundles", "vendor:B", 50));
      t.trustEdge(edge("vendor:A Ltd", "bundles", "vendor:B", 60));
      // More edges than one insert batch (1,000) and more asked nodes than one query chunk (500).
      for (int i = 0; i < 1_200; i++) t.trustEdge(edge("release:V" + i + "/App@1", "bundles", "product:W" + i + "/Lib", 90));
    });
    SqlTrustGraphRepository graph = new SqlTrustGraphRepository(db);
    assertThat(graph.edgesInto(List.of(NodeRef.vendor("B")))).containsExactly(edge("vendor:A Ltd", "bundles", "vendor:B", 60));
    List<NodeRef> asked = new ArrayList<>();
    for (int i = 0; i < 1_200; i += 2) asked.add(NodeRef.parse("release:W" + i + "/Lib@2"));
    for (int i = 1; i < 1_200; i += 2) asked.add(NodeRef.parse("vendor:W" + i));
    assertThat(graph.edgesInto(asked)).hasSize(1_200);
    assertThat(graph.edgesOutOf(List.of(NodeRef.parse("product:V7/App"), NodeRef.parse("vendor:V1100")))).extracting(e -> e.to().toString())
        .containsExactly("product:W7/Lib", "product:W1100/Lib");
  }

  @Test
  void trustGraph_compactSearch_findsTheSamePathsAsTheKeyedSearch() {
    // A seeded graph with hierarchy, legal-name variants, cycles, confidence 0 and validity windows: the int-id search
    // (Gate.ALL) must give what the keyed search gives (any other gate), node for node, path for path, in order.
    java.util.Random random = new java.util.Random(42);
    List<String> nodes = new ArrayList<>();
    for (int v = 0; v < 8; v++) {
      nodes.add("vendor:V" + v);
      nodes.add("vendor:V" + v + " Ltd");
      for (int p = 0; p < 2; p++) {
        nodes.add("product:V" + v + "/P" + p);
        for (int r = 1; r <= 2; r++) nodes.add("release:V" + v + "/P" + p + "@" + r + (r == 2 ? "#windows" : ""));
      }
    }
    importFile("edges", GRAPH, t -> {
      for (int i = 0; i < 220; i++) {
        String from = nodes.get(random.nextInt(nodes.size()));
        String to = nodes.get(random.nextInt(nodes.size()));
        if (NodeRef.parse(from).key().equals(NodeRef.parse(to).key())) continue;
        LocalDate start = random.nextInt(4) == 0 ? LocalDate.of(2023, 1 + random.nextInt(12), 1) : null;
        LocalDate end = random.nextInt(4) == 0 ? LocalDate.of(2024, 1 + random.nextInt(12), 1) : null;
        String relation = Relation.values()[random.nextInt(Relation.values().length)].wireName();
        t.trustEdge(new TrustEdge(NodeRef.parse(from), Relation.parse(relation).orElseThrow(), NodeRef.parse(to),
            random.nextInt(6) == 0 ? 0 : new int[] {100, 90, 80, 50, 40, 25}[random.nextInt(6)], start, end, null));
      }
    });
    SqlTrustGraphRepository graph = new SqlTrustGraphRepository(db);
    io.chainwatch.graph.TrustPathSearch search = new io.chainwatch.graph.TrustPathSearch(graph);
    io.chainwatch.graph.TrustPathSearch.Gate every = (r, e) -> true;
    List<NodeRef> subjects = List.of(NodeRef.parse("vendor:V1"), NodeRef.parse("product:V2/P0"), NodeRef.parse("release:V3/P1@1"),
        NodeRef.parse("vendor:V4 Ltd"), NodeRef.parse("vendor:Nobody"));
    for (NodeRef subject : subjects) {
      for (CompromiseWindow window : java.util.Arrays.asList(null, new CompromiseWindow(LocalDate.of(2023, 6, 1), LocalDate.of(2023, 7, 1)))) {
        for (int hops : new int[] {2, 10}) {
          var fast = search.reach(List.of(subject), window, hops);
          var keyed = search.reach(List.of(subject), window, hops, every);
          assertThat(List.copyOf(fast.keySet())).as("%s %s %d", subject, window, hops).isEqualTo(List.copyOf(keyed.keySet()));
          fast.forEach((key, r) -> {
            var k = keyed.get(key);
            assertThat(tuple(r.confidence(), r.hops(), r.nodes(), r.edges())).as("%s from %s", key, subject)
                .isEqualTo(tuple(k.confidence(), k.hops(), k.nodes(), k.edges()));
          });
        }
      }
    }
    assertThat(search.reach(List.of(NodeRef.parse("vendor:V1")), null, 10)).hasSizeGreaterThan(5);
  }

  @Test
  void trustGraph_aRepositoryKeepsWhatItRead_untilAnImportChangesTheGraph() throws SQLException {
    importFile("edges-1", GRAPH, t -> t.trustEdge(edge("vendor:A", "bundles", "vendor:B", 50)));
    long version = Long.parseLong(text("SELECT CAST(version AS TEXT) FROM trust_graph_version"));
    SqlTrustGraphRepository graph = new SqlTrustGraphRepository(db);
    assertThat(graph.edgesInto(List.of(NodeRef.vendor("B")))).containsExactly(edge("vendor:A", "bundles", "vendor:B", 50));

    importFile("customers", CUSTOMERS, t -> t.customer(new Customer("Acme", "energy", "DE", 5)));
    assertThat(text("SELECT CAST(version AS TEXT) FROM trust_graph_version")).isEqualTo(Long.toString(version));
    importFile("edges-2", GRAPH, t -> {
      t.trustEdge(edge("vendor:C", "bundles", "vendor:B", 60));
      t.trustEdge(edge("vendor:A Ltd", "bundles", "vendor:B", 70));
    });

    assertThat(text("SELECT CAST(version AS TEXT) FROM trust_graph_version")).isEqualTo(Long.toString(version + 1));
    assertThat(count("trust_node")).isEqualTo(3);
    assertThat(graph.edgesInto(List.of(NodeRef.vendor("B"))))
        .containsExactly(edge("vendor:A Ltd", "bundles", "vendor:B", 70), edge("vendor:C", "bundles", "vendor:B", 60));
    assertThat(graph.edgesOutOf(List.of(NodeRef.vendor("C")))).containsExactly(edge("vendor:C", "bundles", "vendor:B", 60));
  }

  @Test
  void trustGraph_edgesStoredBeforeV8_keepTheirNodesAndValues() throws SQLException {
    db.close();
    org.flywaydb.core.api.configuration.FluentConfiguration flyway = org.flywaydb.core.Flyway.configure().dataSource(url, null, null)
        .locations(url.startsWith("jdbc:sqlite:") ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql")
        .cleanDisabled(false);
    flyway.load().clean();
    flyway.target("7").load().migrate();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
      s.execute("INSERT INTO import_file (file_name, sha256, parser, parser_version, imported_at) VALUES ('e.csv', 'x', 'p', '1', '2023-01-01T00:00:00Z')");
      NodeKey from = NodeRef.vendor("3CX").key();
      NodeKey to = NodeRef.parse("product:Trading Technologies/X_TRADER").key();
      try (java.sql.PreparedStatement p = c.prepareStatement("INSERT INTO trust_edge (id, from_node, relation, to_node, confidence,"
          + " valid_from, valid_to, source, from_key, to_key, from_word, from_product, to_word, to_product, import_id)"
          + " VALUES (7, 'vendor:3CX', 'staff-use', 'product:Trading Technologies/X_TRADER', 80, '2022-04-01', NULL, 'Mandiant',"
          + " ?, ?, ?, ?, ?, ?, (SELECT max(id) FROM import_file))")) {
        p.setString(1, SqlTrustNodes.keyText(from));
        p.setString(2, SqlTrustNodes.keyText(to));
        p.setString(3, SqlTrustGraphRepository.word(from));
        p.setString(4, from.product());
        p.setString(5, SqlTrustGraphRepository.word(to));
        p.setString(6, to.product());
        p.executeUpdate();
      }
    }
    open();
    assertThat(graph().edgesInto(List.of(NodeRef.parse("vendor:Trading Technologies")))).containsExactly(new TrustEdge(NodeRef.vendor("3CX"),
        Relation.STAFF_USE, NodeRef.parse("product:Trading Technologies/X_TRADER"), 80, LocalDate.of(2022, 4, 1), null, "Mandiant"));
    importFile("more", GRAPH, t -> t.trustEdge(edge("vendor:3CX", "bundles", "vendor:Electron", 90)));
    assertThat(graph().edgesOutOf(List.of(NodeRef.vendor("3CX")))).extracting(e -> e.to().toString())
        .containsExactly("product:Trading Technologies/X_TRADER", "vendor:Electron");
  }

  @Test
  void forEachCurrent_manyProductKeys_findTheSameInstallationsAsFew() {
    importFile("inventory", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX Ltd", "3CX Desktop App", "18.12.416"));
      t.installation(install("Acme", "pc-2", "Trading Technologies International, Inc", "X_TRADER", "7.17.90"));
      t.installation(install("Acme", "pc-3", "Trading Post", "X_TRADER", "1"));
    });
    Set<ProductKey> many = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) many.add(ProductKey.of("Vendor " + i, "Product " + i));
    many.add(ProductKey.of("3CX", "3CX Desktop App"));
    many.add(ProductKey.of("Trading Technologies", "X_TRADER"));
    List<String> assets = new ArrayList<>();
    portfolio.forEachCurrent(new ProductQuery(many, Set.of(), Set.of()), null, r -> assets.add(r.asset()));
    assertThat(assets).containsExactlyInAnyOrder("pc-1", "pc-2");
    assertThat(current(products("Trading Technologies", "X_TRADER"), null)).extracting(InstalledRelease::asset).containsExactly("pc-2");
  }

  private SqlTrustGraphRepository graph() {
    return new SqlTrustGraphRepository(db);
  }

  @Test
  void forEachCurrentOfVendors_findsEveryProductOfTheVendor_byLegalNameToo_notOtherVendors() {
    importFile("inventory", INVENTORY, t -> {
      t.installation(install("Acme", "pc-1", "3CX Ltd", "3CX Desktop App", "18.12.416"));
      t.installation(install("Acme", "pbx", "3CX", "3CX Phone System", "18.0"));
      t.installation(install("Beta", "pc-2", "Trading Technologies International, Inc", "X_TRADER", "7.17.90"));
      t.installation(install("Beta", "pc-3", "Trading Post", "Till", "1"));
      t.installation(install("Beta", "pc-4", "", "Unnamed", "1"));
    });
    List<String> assets = new ArrayList<>();
    portfolio.forEachCurrentOfVendors(Set.of("3cx", "trading technologies"), null, r -> assets.add(r.asset()));
    assertThat(assets).containsExactlyInAnyOrder("pc-1", "pbx", "pc-2");
    assets.clear();
    portfolio.forEachCurrentOfVendors(Set.of("3cx"), "Beta", r -> assets.add(r.asset()));
    assertThat(assets).isEmpty();
    portfolio.forEachCurrentOfCustomer("Beta", r -> assets.add(r.asset()));
    assertThat(assets).containsExactlyInAnyOrder("pc-2", "pc-3", "pc-4");
  }

  // --- Helpers ---

  record Imported(Provenance provenance, ImportCounts counts) {}

  Imported importFile(String name, String parser, Consumer<ImportTransaction> records) {
    return importFile(provenance(name, parser), records);
  }

  Imported importFile(Provenance p, Consumer<ImportTransaction> records) {
    try (ImportTransaction t = store.begin(p)) {
      records.accept(t);
      return new Imported(p, t.commit());
    }
  }

  /** A file's provenance; each import a minute after the one before, as a clock would give. */
  Provenance provenance(String name, String parser) {
    return new Provenance(name + ".csv", sha256(name), parser, "1.0", FIRST_IMPORT.plusSeconds(60L * imports++));
  }

  static Installation install(String customer, String asset, String vendor, String product, String version) {
    return new Installation(customer, asset, Platform.WINDOWS, vendor, product, version, null, null, null, null, null, null);
  }

  static Incident incident(String id, @Nullable LocalDate disclosed, @Nullable String causedBy) {
    return new Incident(id, "Incident " + id, disclosed, causedBy, null,
        List.of(ProductVersions.of("3CX", "3CX Desktop App", Platform.WINDOWS, VersionSet.parse("vers:generic/18.12.407|18.12.416"))),
        List.of(ProductVersions.of("3CX", "3CX Desktop App", Platform.WINDOWS, VersionSet.parse("vers:generic/18.12.422"))),
        List.of(), List.of(), List.of(new Attribution("Lazarus Group", List.of("UNC4736"), 85, "Mandiant", null)),
        List.of(new Indicator("domain", "akamaicontainer.com")), List.of("https://www.3cx.com/blog/"));
  }

  static ProductQuery products(String vendor, String product) {
    return new ProductQuery(Set.of(ProductKey.of(vendor, product)), Set.of(), Set.of());
  }

  List<InstalledRelease> current(ProductQuery query, @Nullable String customer) {
    List<InstalledRelease> out = new ArrayList<>();
    portfolio.forEachCurrent(query, customer, out::add);
    out.sort(Comparator.comparingLong(InstalledRelease::id));
    return out;
  }

  static InstalledRelease only(List<InstalledRelease> releases) {
    assertThat(releases).hasSize(1);
    return releases.get(0);
  }

  @Test
  void releaseLedger_feedRowsAndObservations_areStoredOnceAndFound() {
    io.chainwatch.verify.ledger.ReleaseRecord feed = io.chainwatch.verify.ledger.ReleaseRecord.published("3CX", "Desktop App",
        "18.12.416", "windows", "app.msi", "a".repeat(64), "b".repeat(40), LocalDate.of(2023, 3, 13), "vendor-feed");
    importFile("r1", "ledger/releases-csv", t -> t.release(feed));
    importFile("r2", "ledger/releases-csv", t -> t.release(feed));
    SqlReleaseLedger ledger = new SqlReleaseLedger(db);
    io.chainwatch.verify.ledger.ReleaseRecord seen = new io.chainwatch.verify.ledger.ReleaseRecord("", "", "", "", "ffmpeg.dll",
        "c".repeat(64), null, LocalDate.of(2026, 11, 26), "customer:Acme", "unsigned", 0L, true);
    ledger.add(List.of(seen));
    ledger.add(List.of(seen));
    assertThat(ledger.all()).containsExactly(feed, seen);
    assertThat(ledger.publishedByVendor("a".repeat(64))).isTrue();
    assertThat(ledger.publishedByVendor("c".repeat(64))).isFalse();
    assertThat(ledger.identify("d".repeat(64), "APP.msi")).contains(feed);
    assertThat(ledger.identify("d".repeat(64), "other.msi")).isEmpty();
  }

  @Test
  void hashIndicators_matchIncidentIndicatorsCaseInsensitively() {
    Incident incident = new Incident("X-1", "t", null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(new Indicator("sha256", "AB".repeat(32)), new Indicator("domain", "example.com")), List.of());
    importFile("x1", "advisory/native", t -> t.incident(incident));
    SqlHashIndicators indicators = new SqlHashIndicators(db);
    assertThat(indicators.incidentsNaming("sha256", "ab".repeat(32))).containsExactly("X-1");
    assertThat(indicators.incidentsNaming("md5", "ab".repeat(16))).isEmpty();
  }

  @Test
  void sourceFiles_ofIncidentPortfolioAndGraph_nameTheFilesWithTheirSha256_andACustomersOnlyItsOwn() {
    Imported advisory = importFile("3cx.yaml", "advisory/native", t -> t.incident(incident("3CX-2023-03", LocalDate.of(2023, 3, 29), null)));
    Imported intel = importFile("bundle.json", "intel/stix", t -> t.intel(new io.chainwatch.intel.IndicatorStatement(
        new Indicator("domain", "msstorageazure.com"), "x", "indicator--2", "3CX-2023-03", true, null, false, null, null, null)));
    importFile("other.yaml", "advisory/native", t -> t.incident(incident("OTHER-1", null, null)));
    Imported acme = importFile("acme-inventory", INVENTORY, t -> t.installation(install("Acme", "acme-pc", "3CX", "3CX Desktop App", "18.12.416")));
    Imported beta = importFile("beta-inventory", INVENTORY, t -> t.installation(install("Beta", "beta-pc", "3CX", "3CX Desktop App", "18.12.407")));
    Imported graph = importFile("edges", GRAPH, t -> t.trustEdge(edge("vendor:3CX", "staff-use", "product:Trading Technologies/X_TRADER", 90)));
    SqlSourceFiles files = new SqlSourceFiles(db);
    assertThat(files.ofIncident("3CX-2023-03")).containsExactly(advisory.provenance(), intel.provenance());
    assertThat(files.ofIncident("NONE")).isEmpty();
    assertThat(files.ofPortfolio(null)).containsExactly(acme.provenance(), beta.provenance());
    assertThat(files.ofPortfolio("Beta")).containsExactly(beta.provenance());
    assertThat(files.ofTrustGraph()).containsExactly(graph.provenance());
  }

  long count(String table) throws SQLException {
    try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Nullable String text(String sql) throws SQLException {
    try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
      assertThat(r.next()).as(sql).isTrue();
      return r.getString(1);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
