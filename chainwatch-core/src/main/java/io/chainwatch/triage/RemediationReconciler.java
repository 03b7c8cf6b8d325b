package io.chainwatch.triage;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.IncidentRepository;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.exposure.ExposureService;
import io.chainwatch.ingest.ImportFollowUp;
import io.chainwatch.ingest.ImportedFile;
import io.chainwatch.triage.audit.AuditLog;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Settles, inside each import's transaction, what the file means for remediation, and audits the import.
 *
 * <p>An advisory reconciles its own incidents; an inventory or SBOM that changed installations reconciles every
 * incident (a new installation of an affected release needs a task, an upgraded one closes its task). Each incident's
 * affected installations are found by the exposure service's version-level verdicts (judged once per distinct
 * release), then handed to the store as one set: tasks are opened, closed and regressed by a few set-based statements
 * whatever their number, and the audit log gets one entry per import and one per incident whose tasks changed, with
 * the counts; never one per task.
 */
public final class RemediationReconciler implements ImportFollowUp {
  private final TriageRepository store;
  private final IncidentRepository incidents;
  private final ExposureService exposure;
  private final AuditLog audit;

  public RemediationReconciler(TriageRepository store, IncidentRepository incidents, ExposureService exposure,
      AuditLog audit) {
    this.store = store;
    this.incidents = incidents;
    this.exposure = exposure;
    this.audit = audit;
  }

  @Override
  public void settle(ImportedFile file) {
    Map<String, Object> d = new TreeMap<>();
    d.put("sha256", file.provenance().sha256());
    d.put("parser", file.provenance().parser());
    d.put("counts", new TreeMap<>(file.counts().asMap()));
    Set<String> ids = new TreeSet<>();
    // An incident's affected set includes those of the incidents it caused: a new 3CX advisory changes X_TRADER's.
    for (String id : file.incidents()) {
      String at = id;
      while (at != null && ids.add(at)) at = incidents.find(at).map(Incident::causedBy).orElse(null);
    }
    if (file.portfolioChanged()) {
      for (Incident i : incidents.list()) ids.add(i.id());
      ids.addAll(store.remediatedIncidents());
    }
    Map<String, Object> remediation = new TreeMap<>();
    for (String id : ids) {
      Optional<Incident> incident = incidents.find(id);
      if (incident.isEmpty()) continue;
      RemediationChange change = reconcile(incident.get(), file);
      if (change.any()) {
        remediation.put(id, Map.of("opened", change.opened(), "done", change.done(), "regressed", change.regressed()));
      }
    }
    if (!remediation.isEmpty()) d.put("remediation", remediation);
    audit.append("import", "file:" + file.provenance().fileName(), d);
    remediation.forEach((id, counts) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = new TreeMap<>((Map<String, Object>) counts);
      c.put("file", file.provenance().fileName());
      c.put("import", file.importId());
      audit.append("remediation.reconcile", "incident:" + id, c);
    });
  }

  private RemediationChange reconcile(Incident incident, ImportedFile file) {
    long[] affected = exposure.affectedInstallations(incident.id());
    String target = incident.fixed().isEmpty() ? null
        : incident.fixed().stream().map(RemediationReconciler::describe).distinct().collect(Collectors.joining("; "));
    return store.reconcile(incident.id(), affected, target == null ? "remove" : "upgrade", target, file.importId(),
        file.provenance().importedAt());
  }

  private static String describe(ProductVersions p) {
    return p.vendor() + " " + p.product() + " " + p.versionsText() + " (" + p.platform().wireName() + ")";
  }
}
