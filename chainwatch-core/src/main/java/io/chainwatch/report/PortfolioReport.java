package io.chainwatch.report;

import io.chainwatch.ingest.Provenance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The provider's view across every imported incident: how exposed the portfolio is to each, who is behind them, and
 * which customers need attention where. For leadership rather than analysts.
 *
 * @param actors supply-chain capable actors: those attributed an incident, and those intel says use T1195
 */
public record PortfolioReport(Instant generated, List<IncidentLine> incidents, List<ActorLine> actors,
    List<CustomerLine> customers, List<Provenance> sources) {
  public PortfolioReport {
    incidents = List.copyOf(incidents);
    actors = List.copyOf(actors);
    customers = List.copyOf(customers);
    sources = List.copyOf(sources);
  }

  /**
   * One incident.
   *
   * @param assets assets needing attention by status wire name ({@code affected}, {@code potential}, {@code unknown})
   * @param customers customers with at least one asset needing attention
   * @param sightings sightings of its indicators in stored hunts
   * @param openCases cases not resolved, or -1 when triage is not recorded
   */
  public record IncidentLine(String id, String title, @Nullable LocalDate disclosed, @Nullable String causedBy,
      List<String> actors, int customers, Map<String, Long> assets, long sightings, int openCases) {
    public IncidentLine {
      actors = List.copyOf(actors);
      assets = Map.copyOf(assets);
    }

    public long assetsNeedingAttention() {
      return assets.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** @param incidents the imported incidents attributed to it (by any source) */
  public record ActorLine(String name, List<String> aliases, boolean supplyChain, List<String> incidents) {
    public ActorLine {
      aliases = List.copyOf(aliases);
      incidents = List.copyOf(incidents);
    }
  }

  /**
   * One customer's exposure across incidents.
   *
   * @param exposure per incident id, the statuses of its assets needing attention and how many assets have each
   */
  public record CustomerLine(String customer, int criticality, @Nullable String sector,
      Map<String, Map<String, Long>> exposure) {
    public CustomerLine {
      exposure = Map.copyOf(exposure);
    }
  }
}
