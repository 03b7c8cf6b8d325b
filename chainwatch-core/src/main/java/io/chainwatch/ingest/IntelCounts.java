package io.chainwatch.ingest;

import io.chainwatch.intel.ActorStatement;
import io.chainwatch.intel.AttributionStatement;
import io.chainwatch.intel.IncidentLink;
import io.chainwatch.intel.IndicatorStatement;
import io.chainwatch.intel.IntelRecord;
import io.chainwatch.intel.SightingStatement;
import io.chainwatch.intel.TechniqueStatement;
import io.chainwatch.intel.Warninglist;

/** The name an intel record is counted under in an import's summary. */
public final class IntelCounts {
  private IntelCounts() {}

  public static String kind(IntelRecord r) {
    if (r instanceof IndicatorStatement) return "indicators";
    if (r instanceof ActorStatement) return "actors";
    if (r instanceof AttributionStatement) return "attributions";
    if (r instanceof SightingStatement) return "sightings";
    if (r instanceof Warninglist) return "warninglists";
    if (r instanceof TechniqueStatement) return "techniques";
    if (r instanceof IncidentLink) return "incident links";
    throw new IllegalArgumentException("unknown intel record " + r.getClass().getSimpleName());
  }
}
