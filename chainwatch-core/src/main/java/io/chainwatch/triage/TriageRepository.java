package io.chainwatch.triage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The store's side of triage. Writes join the caller's open transaction when there is one (a hunt being stored, an
 * import being committed), else run in their own.
 */
public interface TriageRepository {
  Optional<CaseSummary> findCase(String customer, String incident);

  Optional<CaseSummary> findCase(long id);

  /** Opens a case in state {@code new}, returning its id. */
  long openCase(String customer, String incident, Severity severity, Instant at);

  /** Links a stored hunt's sightings (by position) to the case. */
  void addSightings(long caseId, long huntId, List<Integer> positions);

  void updateCase(long caseId, CaseState state, @Nullable Disposition disposition, Severity severity,
      @Nullable String assignee, Instant at);

  void addNote(long caseId, CaseNote note);

  List<CaseSummary> cases(CaseFilter filter);

  List<CaseSighting> sightings(long caseId);

  List<CaseNote> notes(long caseId);

  /** Suppresses every (indicator, host) pair of the case's sightings; returns how many pairs are new. */
  int suppress(long caseId, Instant at);

  /** Lifts the suppressions the case made; returns how many. */
  int unsuppress(long caseId);

  /** Every suppressed pair, as {@code type value host} keys ({@link #suppressionKey}). */
  Set<String> suppressions();

  static String suppressionKey(String type, String value, String host) {
    return type + '\u0000' + value + '\u0000' + host;
  }

  /**
   * Reconciles the incident's remediation tasks with the installations it affects now, set-based: opens a task per
   * (asset, product) newly affected, closes open and regressed tasks whose asset runs no affected release of the
   * product any more, reopens as regressed closed ones whose affected release came back. Each change is recorded
   * with the import that caused it.
   */
  RemediationChange reconcile(String incident, long[] affectedInstallations, String action, @Nullable String target,
      long importId, Instant at);

  /** The incidents that have remediation tasks. */
  Set<String> remediatedIncidents();

  List<RemediationProgress> remediation(String incident, Optional<String> customer);

  List<RemediationTask> tasks(String incident, String customer);
}
