package io.chainwatch.cli;

import io.chainwatch.app.Chainwatch;
import io.chainwatch.verify.ledger.Anomaly;
import io.chainwatch.verify.ledger.LedgerAnomalies;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "anomalies", description = "Release-ledger anomalies: hash-mismatch, signer-change, rollback, "
    + "out-of-cadence, padded-signature, unsigned-module; each with its explanation and the rows behind it.")
final class LedgerAnomaliesCommand implements Callable<Integer> {
  @ParentCommand LedgerCommand ledger;
  @Spec CommandSpec spec;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Override
  public Integer call() {
    if (format == OutputFormat.csv) throw new UsageProblem("ledger anomalies has no csv format; use table or json");
    PrintWriter out = spec.commandLine().getOut();
    List<Anomaly> anomalies;
    try (Chainwatch cw = ledger.main.open()) {
      anomalies = LedgerAnomalies.find(cw.ledger().all());
    }
    if (format == OutputFormat.json) {
      List<Object> list = new ArrayList<>();
      for (Anomaly a : anomalies) list.add(json(a));
      Json.write(out, Map.of("anomalies", list));
    } else if (anomalies.isEmpty()) {
      out.println("No anomalies in the release ledger.");
    } else {
      TextTable t = new TextTable("KIND", "VENDOR", "PRODUCT", "VERSION", "PLATFORM", "DETAIL");
      for (Anomaly a : anomalies) t.row(a.kind(), a.vendor(), a.product(), a.version(), a.platform(), a.detail());
      t.print(out, "");
    }
    return ExitCodes.OK;
  }

  private static Map<String, Object> json(Anomaly a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", a.kind());
    m.put("vendor", a.vendor());
    m.put("product", a.product());
    m.put("version", a.version());
    m.put("platform", a.platform());
    m.put("detail", a.detail());
    List<Object> rows = new ArrayList<>();
    for (ReleaseRecord r : a.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("vendor", r.vendor());
      row.put("product", r.product());
      row.put("version", r.version());
      row.put("platform", r.platform());
      row.put("file", r.file());
      row.put("sha256", r.sha256());
      row.put("signer_thumbprint", r.signerThumbprint());
      row.put("published", r.published() == null ? null : r.published().toString());
      row.put("source", r.source());
      row.put("signature_status", r.signatureStatus());
      row.put("appended_bytes", r.appendedBytes());
      row.put("in_signed_bundle", r.inSignedBundle());
      rows.add(row);
    }
    m.put("rows", rows);
    return m;
  }
}
