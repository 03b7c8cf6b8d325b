package io.chainwatch.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chainwatch.app.Chainwatch;
import io.chainwatch.verify.BundleReport;
import io.chainwatch.verify.DecodedSignature;
import io.chainwatch.verify.FileReport;
import io.chainwatch.verify.SignatureReport;
import io.chainwatch.verify.VerifyRun;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = "Verify installers and binaries: hashes, Authenticode (PE, MSI), macOS code "
    + "signatures, padding inside signatures, unsigned modules in signed bundles, and a verdict from indicators and "
    + "the release ledger.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (walked recursively).")
  List<Path> paths;

  @Option(names = "--format", description = "table or json (default: table)", defaultValue = "table")
  OutputFormat format;

  @Option(names = "--record", paramLabel = "SOURCE",
      description = "Add every verified file to the release ledger as an observation by SOURCE, e.g. customer:Acme.")
  @Nullable String record;

  @Override
  public Integer call() throws IOException {
    if (format == OutputFormat.csv) throw new UsageProblem("verify has no csv format; use table or json");
    if (record != null && (record.isBlank() || record.equals("vendor-feed"))) {
      throw new UsageProblem("--record needs a source such as customer:NAME (and an observation is not a vendor feed)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<FileReport> kept = new ArrayList<>();
    VerifyRun run;
    try (Chainwatch cw = main.open()) {
      var service = cw.verify();
      if (format == OutputFormat.json) {
        try (JsonGenerator g = Json.generator(out)) {
          g.writeStartObject();
          g.writeArrayFieldStart("files");
          run = service.verify(paths, r -> {
            try {
              writeFile(g, r);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            afterEach(r, err, kept);
          });
          g.writeEndArray();
          g.writeArrayFieldStart("bundles");
          for (BundleReport b : run.bundles()) writeBundle(g, b);
          g.writeEndArray();
          g.writeEndObject();
        }
        out.println();
      } else {
        TextTable table = new TextTable("PATH", "VERDICT", "SIGNATURE", "SIGNER", "APPENDED", "SHA-256");
        List<String> notes = new ArrayList<>();
        run = service.verify(paths, r -> {
          SignatureReport s = r.signature();
          DecodedSignature d = s.signature();
          String signer = d != null && d.signer() != null ? d.signer().subject()
              : s.apple() != null ? (s.apple().adHoc() ? "ad hoc" : "")
              + (s.apple().teamId() == null ? (s.apple().adHoc() ? "" : "no Team ID") : (s.apple().adHoc() ? ", " : "") + "Team ID " + s.apple().teamId()) : "";
          table.row(r.path(), r.verdict().wireName() + (r.incidents().isEmpty() ? "" : " " + r.incidents()),
              r.error() != null ? "error" : s.status().wireName(), signer,
              s.padding().appendedBytes() > 0 ? s.padding().appendedBytes() : "",
              r.digests() == null ? "" : r.digests().sha256());
          for (String p : s.problems()) notes.add(r.path() + ": " + p);
          afterEach(r, err, kept);
        });
        table.print(out, "");
        for (BundleReport b : run.bundles()) {
          out.println();
          out.println("Signed bundle " + b.root() + " ships " + b.unsignedModules().size() + " unsigned PE module(s):");
          for (Path m : b.unsignedModules()) out.println("  " + m);
        }
        if (!notes.isEmpty()) {
          out.println();
          for (String n : notes) out.println(n);
        }
      }
      if (record != null) cw.ledger().add(observations(cw, kept, run));
    }
    for (String m : run.missing()) err.println("chainwatch: " + m + ": no such file or folder");
    return run.missing().isEmpty() ? ExitCodes.OK : ExitCodes.REJECTED;
  }

  private void afterEach(FileReport r, PrintWriter err, List<FileReport> kept) {
    if (r.error() != null) err.println("chainwatch: " + r.path() + ": " + r.error());
    else if (record != null) kept.add(r);
  }

  private List<ReleaseRecord> observations(Chainwatch cw, List<FileReport> reports, VerifyRun run) {
    Set<Path> inBundle = new HashSet<>();
    for (BundleReport b : run.bundles()) inBundle.addAll(b.unsignedModules());
    LocalDate today = LocalDate.now(cw.clock());
    List<ReleaseRecord> rows = new ArrayList<>();
    for (FileReport r : reports) {
      if (r.digests() == null) continue;
      String name = r.path().getFileName() == null ? r.path().toString() : r.path().getFileName().toString();
      Optional<ReleaseRecord> known = cw.ledger().identify(r.digests().sha256(), name);
      SignatureReport s = r.signature();
      String thumbprint = s.signature() != null && s.signature().signer() != null ? s.signature().signer().thumbprint() : null;
      rows.add(new ReleaseRecord(known.map(ReleaseRecord::vendor).orElse(""), known.map(ReleaseRecord::product).orElse(""),
          known.map(ReleaseRecord::version).orElse(""), known.map(ReleaseRecord::platform).orElse(""), name,
          r.digests().sha256(), thumbprint, today, record, s.status().wireName(), s.padding().appendedBytes(),
          inBundle.contains(r.path())));
    }
    return rows;
  }

  static void writeFile(JsonGenerator g, FileReport r) throws IOException {
    g.writeStartObject();
    g.writeStringField("path", r.path().toString());
    if (r.size() >= 0) g.writeNumberField("size", r.size());
    else g.writeNullField("size");
    g.writeStringField("sha256", r.digests() == null ? null : r.digests().sha256());
    g.writeStringField("sha1", r.digests() == null ? null : r.digests().sha1());
    g.writeStringField("md5", r.digests() == null ? null : r.digests().md5());
    g.writeStringField("verdict", r.verdict().wireName());
    g.writeArrayFieldStart("incidents");
    for (String i : r.incidents()) g.writeString(i);
    g.writeEndArray();
    writeSignature(g, r.signature());
    g.writeStringField("error", r.error());
    g.writeEndObject();
  }

  private static void writeSignature(JsonGenerator g, SignatureReport s) throws IOException {
    g.writeObjectFieldStart("signature");
    g.writeStringField("status", s.status().wireName());
    g.writeStringField("format", s.format());
    DecodedSignature d = s.signature();
    var signer = d == null ? null : d.signer();
    g.writeStringField("signer", signer == null ? null : signer.subject());
    g.writeStringField("issuer", signer == null ? null : signer.issuer());
    g.writeStringField("serial", signer == null ? null : signer.serial());
    g.writeStringField("thumbprint", signer == null ? null : signer.thumbprint());
    g.writeStringField("not_before", signer == null ? null : signer.notBefore().toString());
    g.writeStringField("not_after", signer == null ? null : signer.notAfter().toString());
    g.writeStringField("signing_time", d == null || d.signingTime() == null ? null : d.signingTime().toString());
    if (d != null && d.timestamp() != null) {
      g.writeObjectFieldStart("timestamp");
      g.writeStringField("kind", d.timestamp().kind());
      g.writeStringField("time", d.timestamp().time().toString());
      g.writeStringField("signer", d.timestamp().signer());
      g.writeBooleanField("verifies", d.timestamp().verifies());
      g.writeEndObject();
    } else {
      g.writeNullField("timestamp");
    }
    if (s.validAtSigningTime() == null) g.writeNullField("valid_at_signing_time");
    else g.writeBooleanField("valid_at_signing_time", s.validAtSigningTime());
    g.writeStringField("digest_algorithm", d == null ? null : d.digestAlgorithm());
    g.writeStringField("signed_digest", d == null ? null : d.signedDigestHex());
    g.writeStringField("computed_digest", s.computedDigest());
    if (d != null) g.writeNumberField("nested_signatures", d.nestedSignatures());
    g.writeNumberField("appended_bytes", s.padding().appendedBytes());
    g.writeNumberField("extra_entries", s.padding().extraEntries());
    g.writeNumberField("data_after_table", s.padding().dataAfterTable());
    g.writeNumberField("appended_entropy", s.padding().entropy());
    g.writeArrayFieldStart("markers");
    for (String m : s.padding().markers()) g.writeString(m);
    g.writeEndArray();
    if (s.apple() != null) {
      g.writeStringField("team_id", s.apple().teamId());
      g.writeStringField("identifier", s.apple().identifier());
      g.writeBooleanField("ad_hoc", s.apple().adHoc());
      g.writeStringField("signature_kind", s.apple().kind());
      g.writeStringField("hash_type", s.apple().hashType());
      g.writeNumberField("code_directories", s.apple().codeDirectories());
      g.writeNumberField("pages_checked", s.apple().pagesChecked());
      g.writeNumberField("slices", s.apple().slices());
    }
    if ("dmg".equals(s.format())) {
      g.writeBooleanField("dmg_trailer", true);
    }
    g.writeArrayFieldStart("problems");
    for (String p : s.problems()) g.writeString(p);
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeBundle(JsonGenerator g, BundleReport b) throws IOException {
    g.writeStartObject();
    g.writeStringField("root", b.root().toString());
    g.writeArrayFieldStart("signed");
    for (Path p : b.signed()) g.writeString(p.toString());
    g.writeEndArray();
    g.writeArrayFieldStart("unsigned_modules");
    for (Path p : b.unsignedModules()) g.writeString(p.toString());
    g.writeEndArray();
    g.writeEndObject();
  }
}
