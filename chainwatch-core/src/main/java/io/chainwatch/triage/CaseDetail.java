package io.chainwatch.triage;

import java.util.List;

/** A case with everything {@code cases show} prints. */
public record CaseDetail(CaseSummary summary, List<CaseSighting> sightings, List<CaseNote> notes,
    List<RemediationTask> installations) {
  public CaseDetail {
    sightings = List.copyOf(sightings);
    notes = List.copyOf(notes);
    installations = List.copyOf(installations);
  }
}
