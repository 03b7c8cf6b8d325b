package io.chainwatch.app;

import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.exposure.BlastRadiusService;
import io.chainwatch.exposure.ExposureService;
import io.chainwatch.graph.FourthParties;
import io.chainwatch.graph.TrustGraphRepository;
import io.chainwatch.formats.Formats;
import io.chainwatch.formats.authenticode.BouncyCastleSignatureDecoder;
import io.chainwatch.formats.authenticode.JsignMsiReader;
import io.chainwatch.ingest.ImportService;
import io.chainwatch.portfolio.PortfolioRepository;
import io.chainwatch.store.Database;
import io.chainwatch.store.SqlHashIndicators;
import io.chainwatch.store.SqlImportStore;
import io.chainwatch.store.SqlIncidentRepository;
import io.chainwatch.store.SqlIntelRepository;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.store.SqlPortfolioRepository;
import io.chainwatch.report.IncidentIntelService;
import io.chainwatch.store.SqlTrustGraphRepository;
import io.chainwatch.store.SqlReleaseLedger;
import io.chainwatch.verify.VerifyService;
import io.chainwatch.verify.ledger.LedgerRepository;
import io.chainwatch.formats.telemetry.Telemetry;
import io.chainwatch.hunt.HuntRepository;
import io.chainwatch.hunt.HuntService;
import io.chainwatch.store.SqlAssetDirectory;
import io.chainwatch.store.SqlHuntRepository;
import io.chainwatch.threatmodel.ThreatModelService;
import io.chainwatch.store.SqlAuditRepository;
import io.chainwatch.store.SqlTriageRepository;
import io.chainwatch.triage.RemediationReconciler;
import io.chainwatch.triage.TriageService;
import io.chainwatch.triage.audit.AuditLog;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * One Chainwatch instance over one database: every service the edges (CLI, HTTP) call, built by hand. There is no
 * dependency-injection container; the constructor calls below are the whole wiring.
 */
public final class Chainwatch implements AutoCloseable {
  public static final String DEFAULT_DB = "jdbc:sqlite:chainwatch.db";

  private final Database db;
  private final IncidentRepository incidents;
  private final PortfolioRepository portfolio;
  private final TrustGraphRepository graph;
  private final Clock clock;
  private final ExposureService exposure;
  private @Nullable ImportService imports;
  /** Who the audit log names: the OS user on the command line, {@code token:NAME} behind the HTTP API. */
  private String actor = AuditLog.osActor();

  private Chainwatch(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.incidents = new SqlIncidentRepository(db);
    this.portfolio = new SqlPortfolioRepository(db);
    this.graph = new SqlTrustGraphRepository(db);
    this.exposure = new ExposureService(incidents, portfolio, graph);
  }

  /** Opens (creating or migrating as needed) the database at {@code url}. */
  public static Chainwatch open(String url, Clock clock) {
    return new Chainwatch(Database.open(url), clock);
  }

  /** The database in use, without credentials. */
  public String describeDatabase() {
    return db.describe();
  }

  public IncidentRepository incidents() {
    return incidents;
  }

  public IntelRepository intel() {
    return new SqlIntelRepository(db);
  }

  public PortfolioRepository portfolio() {
    return portfolio;
  }

  /** Built on first use: the parsers and their libraries are loaded only by the commands that import. */
  public ImportService imports() {
    if (imports == null) {
      RemediationReconciler remediation = new RemediationReconciler(new SqlTriageRepository(db), incidents, exposure, audit());
      imports = new ImportService(Formats.registry(), new SqlImportStore(db), clock, remediation);
    }
    return imports;
  }

  /** Acts as {@code actor} from now on (the HTTP API: {@code token:NAME}); audit entries name it. */
  public Chainwatch actingAs(String actor) {
    this.actor = actor;
    this.imports = null;
    return this;
  }

  public AuditLog audit() {
    return new AuditLog(new SqlAuditRepository(db), clock, actor);
  }

  /** Cases and remediation; also the read model reports use ({@link io.chainwatch.triage.TriageReadModel}). */
  public TriageService triage() {
    return new TriageService(new SqlTriageRepository(db), portfolio, intel(), audit(), clock);
  }

  public ExposureService exposure() {
    return exposure;
  }

  /** The trust graph as stored (the bench times the path search on it alone). */
  public TrustGraphRepository trustGraph() {
    return graph;
  }

  public BlastRadiusService blastRadius() {
    return new BlastRadiusService(portfolio, graph);
  }

  /** The hunt service over the telemetry readers, the stored intel and the inventory's addresses. */
  public HuntService hunts() {
    return hunts(java.util.List.of());
  }

  /** @param first readers tried before the built-in ones (a {@code --mapping} reader) */
  public HuntService hunts(java.util.List<io.chainwatch.hunt.TelemetryReader> first) {
    java.util.List<io.chainwatch.hunt.TelemetryReader> readers = new java.util.ArrayList<>(first);
    readers.addAll(Telemetry.readers());
    return new HuntService(readers, intel(), new SqlAssetDirectory(db), huntRepository(), clock, triage().huntFollowUp());
  }

  /** Downstream-effect monitoring over the telemetry readers and the inventory's install paths and addresses. */
  public io.chainwatch.downstream.DownstreamService downstream() {
    return new io.chainwatch.downstream.DownstreamService(Telemetry.readers(), new io.chainwatch.store.SqlProductFootprints(db));
  }

  public HuntRepository huntRepository() {
    return new SqlHuntRepository(db);
  }

  public FourthParties fourthParties() {
    return new FourthParties(portfolio, graph);
  }

  public LedgerRepository ledger() {
    return new SqlReleaseLedger(db);
  }

  /** Built per call: the crypto libraries are loaded only by the commands that verify. */
  public VerifyService verify() {
    return new VerifyService(new BouncyCastleSignatureDecoder(), new JsignMsiReader(), new SqlHashIndicators(db), ledger());
  }

  public Clock clock() {
    return clock;
  }

  public IncidentIntelService incidentIntel() {
    return new IncidentIntelService(incidents, intel(), portfolio);
  }

  public ThreatModelService threatModel() {
    return new ThreatModelService(portfolio, incidents, intel(), fourthParties(), exposure);
  }

  /** Where reports read triage (cases, remediation) from: the triage store, through the report's own seam. */
  public io.chainwatch.report.ReportTriageSource reportTriage() {
    return new TriageReportSource(triage());
  }

  /** The imported files behind reports, with their SHA-256. */
  public io.chainwatch.report.SourceFiles sourceFiles() {
    return new io.chainwatch.store.SqlSourceFiles(db);
  }

  /** Reports on one incident (Markdown, HTML, JSON, VEX are rendered from what this builds). */
  public io.chainwatch.report.IncidentReportService incidentReports() {
    return new io.chainwatch.report.IncidentReportService(incidents, incidentIntel(), exposure, ledger(), huntRepository(),
        threatModel(), reportTriage(), sourceFiles(), clock);
  }

  /** The provider's report across every imported incident. */
  public io.chainwatch.report.PortfolioReportService portfolioReport() {
    return new io.chainwatch.report.PortfolioReportService(incidents, incidentIntel(), intel(), exposure, portfolio,
        huntRepository(), reportTriage(), sourceFiles(), clock);
  }

  @Override
  public void close() {
    db.close();
  }
}
