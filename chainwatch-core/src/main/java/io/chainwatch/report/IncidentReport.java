package io.chainwatch.report;

import io.chainwatch.advisory.Incident;
import io.chainwatch.exposure.ExposureReport;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.ingest.Provenance;
import io.chainwatch.intel.ActorCluster;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.threatmodel.ThreatModel;
import io.chainwatch.verify.ledger.Anomaly;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a report on one incident says, whatever it is written as (Markdown, HTML, JSON, VEX). Built by
 * {@link IncidentReportService}; each section is complete on its own and empty when there is nothing to say, which
 * the renderers then say plainly.
 *
 * @param customer the customer the report is for (it then holds nothing of other customers), or null for the
 *     provider's own report across the portfolio
 * @param exposure every installation of the incident's products with its verdict, {@code fixed} and
 *     {@code not-affected} included (VEX needs them)
 * @param sources the imported files behind the report, with their SHA-256
 */
public record IncidentReport(Instant generated, @Nullable String customer, Summary summary, ExposureReport exposure,
    Verification verification, Hunts hunts, Triage triage, Threat threat, List<Provenance> sources) {
  public IncidentReport {
    sources = List.copyOf(sources);
  }

  /**
   * What happened.
   *
   * @param upstream the incidents that caused this one, nearest first (3CX: X_TRADER)
   * @param downstream the incidents this one caused, directly or not
   * @param releases affected and fixed releases per product and platform
   * @param findings the key facts in one sentence each, most important first
   */
  public record Summary(Incident incident, List<String> upstream, List<String> downstream, List<Releases> releases,
      List<IncidentIntel.Attribution> attributions, List<ActorCluster> actors, List<NormalisedIndicator> indicators,
      List<String> findings) {
    public Summary {
      upstream = List.copyOf(upstream);
      downstream = List.copyOf(downstream);
      releases = List.copyOf(releases);
      attributions = List.copyOf(attributions);
      actors = List.copyOf(actors);
      indicators = List.copyOf(indicators);
      findings = List.copyOf(findings);
    }
  }

  /**
   * What the advisory says of one product on one platform; each list holds the version sets as the source wrote them.
   */
  public record Releases(String vendor, String product, String platform, List<String> affected, List<String> fixed,
      List<String> notAffected, List<String> underInvestigation) {
    public Releases {
      affected = List.copyOf(affected);
      fixed = List.copyOf(fixed);
      notAffected = List.copyOf(notAffected);
      underInvestigation = List.copyOf(underInvestigation);
    }
  }

  /**
   * Files verified in customers' fleets ({@code verify --record customer:NAME}) that belong to the incident's products
   * or carry its hashes, and the release-ledger anomalies of those products.
   */
  public record Verification(List<Observation> observations, List<Anomaly> anomalies) {
    public Verification {
      observations = List.copyOf(observations);
      anomalies = List.copyOf(anomalies);
    }
  }

  /**
   * One verified file.
   *
   * @param knownBad its SHA-256 is one of the incident's indicators
   * @param signatureStatus {@code valid}, {@code invalid}, {@code unsigned}, {@code not-applicable}, or null
   */
  public record Observation(String customer, String vendor, String product, String version, String platform, String file,
      String sha256, @Nullable String signatureStatus, @Nullable Long appendedBytes, boolean knownBad,
      @Nullable LocalDate observed) {}

  /**
   * Hunts for the incident's indicators and what they found, and sightings that intelligence files reported for
   * portfolio customers.
   */
  public record Hunts(List<Hunt> hunts, List<IncidentIntel.CustomerSighting> reported) {
    public Hunts {
      hunts = List.copyOf(hunts);
      reported = List.copyOf(reported);
    }

    public long sightingCount() {
      return hunts.stream().mapToLong(h -> h.sightings().size()).sum();
    }
  }

  /**
   * One stored hunt.
   *
   * @param logs the paths hunted, empty when they are withheld (a customer's report of a hunt over several customers)
   * @param sightings its sightings of this incident (of the report's customer only, in a customer's report)
   */
  public record Hunt(long id, Instant started, Instant finished, @Nullable String customer, List<String> logs, long files,
      long events, long bytes, List<Sighting> sightings) {
    public Hunt {
      logs = List.copyOf(logs);
      sightings = List.copyOf(sightings);
    }
  }

  /** @param recorded whether triage is recorded at all (a report says so when it is not) */
  public record Triage(boolean recorded, List<ReportCase> cases, List<ReportRemediation> remediation) {
    public Triage {
      cases = List.copyOf(cases);
      remediation = List.copyOf(remediation);
    }
  }

  /**
   * The threat-model section: for a customer's report, that customer's model (capable actors, suppliers with
   * incidents); for the provider's report, the actors behind this incident and what else they did.
   */
  public record Threat(List<ThreatModel.Actor> actors, List<ThreatModel.Supplier> suppliers) {
    public Threat {
      actors = List.copyOf(actors);
      suppliers = List.copyOf(suppliers);
    }
  }
}
