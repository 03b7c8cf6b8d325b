package io.chainwatch.ingest;

import io.chainwatch.advisory.Incident;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.intel.IntelRecord;
import io.chainwatch.common.CountingInputStream;
import io.chainwatch.common.Hashes;
import io.chainwatch.common.Progress;
import io.chainwatch.portfolio.Customer;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Imports files: detects each file's format from its content, parses it on one thread while the store writes on
 * another, and commits one transaction per file. A file whose exact content was imported before changes nothing.
 */
public final class ImportService {
  private static final int MAX_WARNINGS = 100;

  private final List<Parser> registry;
  private final FormatDetector detector;
  private final ImportStore store;
  private final Clock clock;
  private final ImportFollowUp followUp;

  /** @param registry the parsers, in the order detection and listings use */
  public ImportService(List<Parser> registry, ImportStore store, Clock clock) {
    this(registry, store, clock, ImportFollowUp.NONE);
  }

  /** @param followUp settles, within each file's transaction, what the file implies elsewhere (remediation, audit) */
  public ImportService(List<Parser> registry, ImportStore store, Clock clock, ImportFollowUp followUp) {
    this.followUp = followUp;
    this.registry = List.copyOf(registry);
    this.detector = new FormatDetector(this.registry);
    this.store = store;
    this.clock = clock;
  }

  public List<Parser> parsers() {
    return registry;
  }

  public ImportResult importFile(Path file, ImportOptions options) throws IOException {
    return importFile(file, options, Progress.NONE);
  }

  /** Imports one file, telling {@code progress} how many of its bytes have been parsed. */
  public ImportResult importFile(Path file, ImportOptions options, Progress progress) throws IOException {
    String name = file.toString();
    if (!Files.isRegularFile(file)) throw new InputRejected(name, null, "is not a readable file");
    if (!Files.isReadable(file)) throw new InputRejected(name, null, "cannot be read (permission denied)");
    String sha256 = Hashes.sha256(file);
    long size = Files.size(file);
    try (InputStream in = new BufferedInputStream(
        new CountingInputStream(Files.newInputStream(file), progress, name, size), 1 << 16)) {
      in.mark(Head.SIZE + 1);
      byte[] head = in.readNBytes(Head.SIZE);
      in.reset();
      Parser parser = detector.detect(new Head(file.getFileName().toString(), head), name, options.format());
      Source source = new Source(name, in, options);
      WarningCollector warnings;
      if (options.dryRun()) {
        CountingSink counter = new CountingSink();
        warnings = new WarningCollector(counter);
        PipelinedSink.run(parser, source, warnings);
        return new ImportResult(name, parser.name(), ImportResult.Outcome.VALIDATED, counter.counts, warnings.messages);
      }
      Optional<ImportStore.PriorImport> prior = store.findImport(sha256);
      if (prior.isPresent()) {
        return new ImportResult(name, prior.get().parser(), ImportResult.Outcome.UNCHANGED, new ImportCounts(), List.of());
      }
      try (ImportTransaction tx = store.begin(new Provenance(file.getFileName().toString(), sha256, parser.name(), parser.version(), clock.instant()))) {
        warnings = new WarningCollector(tx);
        PipelinedSink.run(parser, source, warnings);
        ImportCounts counts = tx.commit(followUp);
        return new ImportResult(name, parser.name(), ImportResult.Outcome.IMPORTED, counts, warnings.messages);
      }
    }
  }

  /** Passes records through and keeps the first warnings for the result. */
  private static final class WarningCollector implements ImportSink {
    private final ImportSink target;
    private final List<String> messages = new ArrayList<>();

    WarningCollector(ImportSink target) {
      this.target = target;
    }

    @Override public void customer(Customer c) { target.customer(c); }
    @Override public void installation(Installation i) { target.installation(i); }
    @Override public void incident(Incident i) { target.incident(i); }
    @Override public void trustEdge(TrustEdge e) { target.trustEdge(e); }
    @Override public void intel(IntelRecord r) { target.intel(r); }
    @Override public void release(ReleaseRecord r) { target.release(r); }

    @Override
    public void warning(String message) {
      if (messages.size() < MAX_WARNINGS) messages.add(message);
      else if (messages.size() == MAX_WARNINGS) messages.add("(further warnings omitted)");
    }
  }

  /** A dry run's sink: counts what would be imported. */
  private static final class CountingSink implements ImportSink {
    final ImportCounts counts = new ImportCounts();

    @Override public void customer(Customer c) { counts.increment("customers"); }
    @Override public void installation(Installation i) { counts.increment("installations"); }
    @Override public void incident(Incident i) { counts.increment("incidents"); }
    @Override public void trustEdge(TrustEdge e) { counts.increment("trust edges"); }
    @Override public void intel(IntelRecord r) { counts.increment(IntelCounts.kind(r)); }
    @Override public void release(ReleaseRecord r) { counts.increment("releases"); }
    @Override public void warning(String message) {}
  }
}
