package io.chainwatch.triage;

import io.chainwatch.hunt.HuntFollowUp;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.Sighting;
import io.chainwatch.intel.IndicatorFilter;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.intel.NormalisedIndicator;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.PortfolioRepository;
import io.chainwatch.triage.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Cases and their lifecycle. A hunt's sightings open a case per (customer, incident), or join the open one; each
 * change is audited. A case moves {@code new} → {@code investigating} (when assigned) → {@code resolved} (with a
 * disposition); a resolved case can be reopened. Resolving as {@code false-positive} suppresses the case's
 * (indicator, host) pairs in later hunts; reopening lifts that.
 */
public final class TriageService implements TriageReadModel {
  private final TriageRepository store;
  private final PortfolioRepository portfolio;
  private final IntelRepository intel;
  private final AuditLog audit;
  private final Clock clock;

  public TriageService(TriageRepository store, PortfolioRepository portfolio, IntelRepository intel, AuditLog audit,
      Clock clock) {
    this.store = store;
    this.portfolio = portfolio;
    this.intel = intel;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public List<CaseSummary> cases(String incidentId, Optional<String> customer) {
    return store.cases(new CaseFilter(customer.orElse(null), incidentId, null, null));
  }

  @Override
  public List<RemediationProgress> remediation(String incidentId, Optional<String> customer) {
    return store.remediation(incidentId, customer);
  }

  /** The incident's remediation tasks at one customer. */
  public List<RemediationTask> tasks(String incidentId, String customer) {
    return store.tasks(incidentId, customer);
  }

  public List<CaseSummary> list(CaseFilter filter) {
    return store.cases(filter);
  }

  public CaseDetail show(long id) {
    CaseSummary c = find(id);
    return new CaseDetail(c, store.sightings(id), store.notes(id), store.tasks(c.incident(), c.customer()));
  }

  /** Assigns the case; a new case becomes {@code investigating}: somebody now works on it. */
  public CaseSummary assign(long id, String who) {
    CaseSummary c = find(id);
    if (who.isBlank()) throw new IllegalTransition("the assignee is empty");
    CaseState state = c.state() == CaseState.NEW ? CaseState.INVESTIGATING : c.state();
    store.updateCase(id, state, c.disposition(), c.severity(), who, clock.instant());
    audit.append("case.assign", subject(id), details(c, Map.of("assignee", who, "state", state.label())));
    return find(id);
  }

  public CaseSummary note(long id, String text) {
    CaseSummary c = find(id);
    if (text.isBlank()) throw new IllegalTransition("the note is empty");
    Instant at = clock.instant();
    store.addNote(id, new CaseNote(at, audit.actor(), text));
    store.updateCase(id, c.state(), c.disposition(), c.severity(), c.assignee(), at);
    audit.append("case.note", subject(id), details(c, Map.of("text", text)));
    return find(id);
  }

  /**
   * Resolves the case with a disposition (its label, as typed).
   *
   * @throws IllegalTransition for an unknown disposition or a case already resolved
   */
  public CaseSummary resolve(long id, String dispositionLabel, @Nullable String note) {
    Disposition d = Disposition.parse(dispositionLabel).orElseThrow(() -> new IllegalTransition(
        "unknown disposition '" + dispositionLabel + "'; use one of: " + Disposition.labels()));
    CaseSummary c = find(id);
    requireTransition(c, CaseState.RESOLVED, "resolve");
    Instant at = clock.instant();
    if (note != null && !note.isBlank()) store.addNote(id, new CaseNote(at, audit.actor(), note));
    store.updateCase(id, CaseState.RESOLVED, d, c.severity(), c.assignee(), at);
    Map<String, Object> more = new LinkedHashMap<>();
    more.put("disposition", d.label());
    if (d == Disposition.FALSE_POSITIVE) more.put("suppressed_pairs", (long) store.suppress(id, at));
    audit.append("case.resolve", subject(id), details(c, more));
    return find(id);
  }

  /** Reopens a resolved case as {@code investigating}, lifting its suppressions. */
  public CaseSummary reopen(long id, @Nullable String note) {
    CaseSummary c = find(id);
    requireTransition(c, CaseState.INVESTIGATING, "reopen");
    Instant at = clock.instant();
    if (note != null && !note.isBlank()) store.addNote(id, new CaseNote(at, audit.actor(), note));
    int lifted = store.unsuppress(id);
    store.updateCase(id, CaseState.INVESTIGATING, null, c.severity(), c.assignee(), at);
    audit.append("case.reopen", subject(id), details(c, Map.of("was", c.disposition() == null ? "" : c.disposition().label(),
        "lifted_suppressions", (long) lifted)));
    return find(id);
  }

  private static void requireTransition(CaseSummary c, CaseState to, String verb) {
    if (!c.state().next().contains(to)) {
      List<String> legal = c.state().next().stream().sorted().map(s -> switch (s) {
        case INVESTIGATING -> c.state() == CaseState.RESOLVED ? "reopen" : "assign";
        case RESOLVED -> "resolve";
        case NEW -> "none";
      }).toList();
      throw new IllegalTransition("case " + c.caseId() + " is " + c.state().label() + " and cannot be " + past(verb)
          + "; from " + c.state().label() + " the legal changes are: " + String.join(", ", legal));
    }
  }

  private static String past(String verb) {
    return verb.endsWith("e") ? verb + "d" : verb + "ed";
  }

  private CaseSummary find(long id) {
    return store.findCase(id).orElseThrow(() -> new UnknownCase(Long.toString(id)));
  }

  private static String subject(long id) {
    return "case:" + id;
  }

  private static Map<String, Object> details(CaseSummary c, Map<String, ?> more) {
    Map<String, Object> d = new TreeMap<>(more);
    d.put("customer", c.customer());
    d.put("incident", c.incident());
    return d;
  }

  /** The hunt's side: suppression and case opening, run by the hunt service. */
  public HuntFollowUp huntFollowUp() {
    Set<String> suppressed = store.suppressions();
    return new HuntFollowUp() {
      @Override
      public boolean suppressed(Sighting s) {
        return suppressed.contains(TriageRepository.suppressionKey(s.indicatorType(), s.indicatorValue(), s.host()));
      }

      @Override
      public void stored(HuntResult hunt) {
        triage(hunt);
      }
    };
  }

  /**
   * Opens or joins cases from a stored hunt, in the transaction that stores it. A sighting belongs to the hunt's
   * incident, or else to the incidents its indicator came with; a sighting with no customer or no incident (a Sigma
   * rule in a hunt for no incident) stays in the hunt only. A resolved case that new sightings join is reopened: what
   * was judged has changed.
   */
  void triage(HuntResult hunt) {
    Instant at = clock.instant();
    Map<String, NormalisedIndicator> indicators = new HashMap<>();
    // The indicators (for their incidents and sources) only when an indicator sighting names a customer: the hunt's
    // incident's set, as the hunt itself read it, or all when it hunted for all.
    if (hunt.sightings().stream().anyMatch(s -> s.customer() != null && s.detector().equals("ioc"))) {
      for (NormalisedIndicator n : intel.indicators(new IndicatorFilter(hunt.parameters().incident(), null, null))) {
        indicators.put(n.indicator().type() + '\u0000' + n.indicator().value(), n);
      }
    }
    Map<List<String>, List<Integer>> byCase = new LinkedHashMap<>();
    Map<List<String>, Integer> strength = new HashMap<>();
    for (int i = 0; i < hunt.sightings().size(); i++) {
      Sighting s = hunt.sightings().get(i);
      if (s.customer() == null) continue;
      NormalisedIndicator n = indicators.get(s.indicatorType() + '\u0000' + s.indicatorValue());
      List<String> incidents = hunt.parameters().incident() != null ? List.of(hunt.parameters().incident())
          : s.detector().equals("ioc") && n != null ? n.incidents() : List.of();
      int st = SeverityRules.strength(s, n == null ? 0 : n.sourceFiles().size());
      for (String incident : incidents) {
        List<String> key = List.of(s.customer(), incident);
        byCase.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        strength.merge(key, st, Math::max);
      }
    }
    for (Map.Entry<List<String>, List<Integer>> e : byCase.entrySet()) {
      String customer = e.getKey().get(0);
      String incident = e.getKey().get(1);
      int criticality = portfolio.customer(customer).map(Customer::criticality).orElse(Customer.DEFAULT_CRITICALITY);
      Severity severity = SeverityRules.severity(strength.get(e.getKey()), criticality);
      Optional<CaseSummary> existing = store.findCase(customer, incident);
      Map<String, Object> d = new TreeMap<>();
      d.put("customer", customer);
      d.put("incident", incident);
      d.put("hunt", hunt.id());
      d.put("sightings", (long) e.getValue().size());
      if (existing.isEmpty()) {
        long id = store.openCase(customer, incident, severity, at);
        store.addSightings(id, hunt.id(), e.getValue());
        d.put("severity", severity.label());
        audit.append("case.open", subject(id), d);
      } else {
        CaseSummary c = existing.get();
        store.addSightings(c.caseId(), hunt.id(), e.getValue());
        Severity raised = severity.compareTo(c.severity()) > 0 ? severity : c.severity();
        boolean reopen = c.state() == CaseState.RESOLVED;
        if (reopen) {
          store.addNote(c.caseId(), new CaseNote(at, audit.actor(), "reopened by hunt " + hunt.id() + ": "
              + e.getValue().size() + " new sightings after it was resolved as " + c.disposition().label()));
        }
        store.updateCase(c.caseId(), reopen ? CaseState.INVESTIGATING : c.state(), reopen ? null : c.disposition(),
            raised, c.assignee(), at);
        d.put("severity", raised.label());
        if (reopen) d.put("reopened_from", c.disposition().label());
        audit.append(reopen ? "case.reopen" : "case.join", subject(c.caseId()), d);
      }
    }
    Map<String, Object> h = new TreeMap<>();
    h.put("incident", hunt.parameters().incident());
    h.put("customer", hunt.parameters().customer());
    h.put("sightings", (long) hunt.sightings().size());
    h.put("suppressed", (long) hunt.suppressed().size());
    h.put("files", hunt.stats().files());
    h.put("events", hunt.stats().events());
    h.put("cases", (long) byCase.size());
    audit.append("hunt", "hunt:" + hunt.id(), h);
  }
}
