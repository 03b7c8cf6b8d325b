package io.chainwatch.verify;

import io.chainwatch.verify.ledger.VendorReleases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code verify PATH...}: every file under the paths gets its digests, its signature finding and a verdict. A file
 * that cannot be read or parsed is reported on its own and the run goes on.
 *
 * <p>Folders are walked depth-first in name order, following symbolic links; each folder's real path is remembered, so
 * a link that leads back to a folder already walked (a loop) is reported once and not followed.
 */
public final class VerifyService {
  private static final int MAX_DEPTH = 128;
  /** Threads that read and check files: the machine's cores, at most four (more only queue on the disk). */
  static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  /** Files analysed ahead of the oldest not yet delivered: enough to keep the workers busy, few enough to bound memory. */
  private static final int AHEAD = 4 * WORKERS;
  private static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

  private final SignatureDecoder decoder;
  private final MsiReader msi;
  private final HashIndicators indicators;
  private final VendorReleases releases;

  public VerifyService(SignatureDecoder decoder, MsiReader msi, HashIndicators indicators, VendorReleases releases) {
    this.decoder = decoder;
    this.msi = msi;
    this.indicators = indicators;
    this.releases = releases;
  }

  /**
   * Verifies every file under {@code paths}, handing each report to {@code each} as it is done, in walk order. Files
   * are read and checked on {@link #WORKERS} threads; the verdict's database look-ups and {@code each} run on the
   * calling thread.
   */
  public VerifyRun verify(List<Path> paths, Consumer<FileReport> each) {
    List<BundleReport> bundles = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS, r -> {
      Thread t = new Thread(r, "verify");
      t.setDaemon(true);
      return t;
    });
    try {
      for (Path path : paths) {
        if (!Files.exists(path)) {
          missing.add(path.toString());
          continue;
        }
        if (Files.isDirectory(path)) {
          List<Path> signed = new ArrayList<>();
          List<Path> unsignedModules = new ArrayList<>();
          Ordered ordered = new Ordered(pool, report -> {
            each.accept(report);
            if (report.isPe() || "authenticode-msi".equals(report.signature().format())) {
              if (report.signature().status() == SignatureStatus.VALID) signed.add(report.path());
              else if (report.isPe() && report.signature().status() == SignatureStatus.UNSIGNED) unsignedModules.add(report.path());
            }
          });
          walk(path, 0, seen, ordered);
          ordered.drain(true);
          if (!signed.isEmpty() && !unsignedModules.isEmpty()) bundles.add(new BundleReport(path, signed, unsignedModules));
        } else {
          Ordered ordered = new Ordered(pool, each);
          visitFile(path, seen, ordered);
          ordered.drain(true);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new VerifyRun(bundles, missing);
  }

  /**
   * Reports in walk order: files are analysed on the pool, at most {@link #AHEAD} ahead of the oldest not yet
   * delivered; each is judged (database look-ups) and delivered on the calling thread.
   */
  private final class Ordered {
    private final ExecutorService pool;
    private final Consumer<FileReport> each;
    private final ArrayDeque<Future<FileReport>> queue = new ArrayDeque<>();

    Ordered(ExecutorService pool, Consumer<FileReport> each) {
      this.pool = pool;
      this.each = each;
    }

    void failed(FileReport report) {
      queue.add(CompletableFuture.completedFuture(report));
      drain(false);
    }

    void inspect(Path file) {
      queue.add(pool.submit(() -> analyse(file)));
      drain(false);
    }

    void drain(boolean all) {
      while (!queue.isEmpty() && (all || queue.size() > AHEAD || queue.peek().isDone())) {
        FileReport r;
        try {
          r = queue.poll().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) throw re;
          if (e.getCause() instanceof Error err) throw err;
          throw new IllegalStateException(e.getCause());
        }
        each.accept(judge(r));
      }
    }
  }

  private void walk(Path dir, int depth, Set<Path> seen, Ordered each) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      each.failed(FileReport.failed(dir, "cannot resolve the folder: " + describe(e)));
      return;
    }
    if (!seen.add(real)) {
      each.failed(FileReport.failed(dir, "a symbolic link back to " + real + ", already walked (a link loop or a second link to it); not followed"));
      return;
    }
    if (depth > MAX_DEPTH) {
      each.failed(FileReport.failed(dir, "folders nest deeper than " + MAX_DEPTH + " levels; not walked"));
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) entries.add(p);
    } catch (IOException e) {
      each.failed(FileReport.failed(dir, "cannot list the folder: " + describe(e)));
      return;
    }
    entries.sort(null);
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) walk(entry, depth + 1, seen, each);
      else visitFile(entry, seen, each);
    }
  }

  private void visitFile(Path file, Set<Path> seen, Ordered each) {
    if (!Files.exists(file)) {
      each.failed(FileReport.failed(file, "a broken symbolic link"));
      return;
    }
    if (!Files.isRegularFile(file)) {
      each.failed(FileReport.failed(file, "not a regular file; skipped"));
      return;
    }
    try {
      if (!seen.add(file.toRealPath())) return; // the same file reached twice through links
    } catch (IOException e) {
      each.failed(FileReport.failed(file, "cannot resolve the file: " + describe(e)));
      return;
    }
    each.inspect(file);
  }

  /** One file's report; never throws for a bad or unreadable file. */
  public FileReport inspect(Path file) {
    return judge(analyse(file));
  }

  /** The verdict from the indicators and the ledger (database look-ups: on the calling thread only). */
  private FileReport judge(FileReport r) {
    FileDigests digests = r.digests();
    if (digests == null) return r;
    Set<String> incidents = new TreeSet<>();
    incidents.addAll(indicators.incidentsNaming("sha256", digests.sha256()));
    incidents.addAll(indicators.incidentsNaming("sha1", digests.sha1()));
    incidents.addAll(indicators.incidentsNaming("md5", digests.md5()));
    Verdict verdict;
    if (!incidents.isEmpty()) verdict = Verdict.KNOWN_BAD;
    else if (releases.publishedByVendor(digests.sha256())) verdict = Verdict.KNOWN_GOOD;
    else verdict = Verdict.UNKNOWN;
    return new FileReport(r.path(), r.size(), digests, verdict, List.copyOf(incidents), r.signature(), null);
  }

  /** Digests and signature, without the verdict: touches only the file, so it runs on any thread. */
  private FileReport analyse(Path file) {
    try {
      FileDigests digests = Digester.digest(file);
      long size;
      SignatureReport signature;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        size = ch.size();
        signature = signature(file, ch);
      }
      return new FileReport(file, size, digests, Verdict.UNKNOWN, List.of(), signature, null);
    } catch (IOException e) {
      return FileReport.failed(file, "cannot read the file: " + describe(e));
    }
  }

  /** The signature finding by the file's content: PE, MSI, Mach-O, DMG, else not applicable. */
  SignatureReport signature(Path file, FileChannel ch) throws IOException {
    if (PeImage.looksLikePe(ch)) return pe(ch);
    if (isOle(ch) && isMsiName(file)) return msi(file);
    if (AppleCodeSignatures.isMachO(ch)) return apple("macho", ch, false);
    if (AppleCodeSignatures.isDmg(ch)) return apple("dmg", ch, true);
    return SignatureReport.notApplicable();
  }

  private SignatureReport pe(FileChannel ch) throws IOException {
    String format = "authenticode-pe";
    PeImage pe;
    CertificateTable table;
    try {
      pe = PeImage.read(ch);
      if (!pe.hasCertificateTable()) return SignatureReport.unsigned(format);
      table = CertificateTable.read(ch, pe);
    } catch (MalformedFile e) {
      return SignatureReport.invalid(format, e.getMessage());
    }
    if (table.firstEntryType() != 2) {
      return new SignatureReport(SignatureStatus.INVALID, format,
          List.of("the first certificate entry has type " + table.firstEntryType() + ", not PKCS#7 SignedData (2)"),
          null, null, null, table.padding(), null);
    }
    ByteBuffer der = Bytes.read(ch, table.signatureOffset(), table.signatureLength());
    return judge(format, der.array(), algorithm -> AuthenticodeDigest.compute(ch, pe, algorithm), table.padding());
  }

  private SignatureReport msi(Path file) throws IOException {
    String format = "authenticode-msi";
    byte[] der;
    try {
      der = msi.signature(file);
    } catch (MalformedFile e) {
      return SignatureReport.invalid(format, e.getMessage());
    }
    if (der == null) return SignatureReport.unsigned(format);
    return judge(format, der, algorithm -> {
      try {
        return msi.digest(file, algorithm);
      } catch (MalformedFile e) {
        throw new IOException(e.getMessage(), e);
      }
    }, Padding.NONE);
  }

  private interface DigestOf {
    byte[] compute(String algorithm) throws IOException;
  }

  private SignatureReport judge(String format, byte[] der, DigestOf digestOf, Padding padding) throws IOException {
    DecodedSignature sig;
    try {
      sig = decoder.decode(der);
    } catch (MalformedSignature e) {
      return new SignatureReport(SignatureStatus.INVALID, format, List.of("malformed PKCS#7: " + e.getMessage()), null, null,
          null, padding, null);
    }
    byte[] computed = digestOf.compute(sig.digestAlgorithm());
    List<String> problems = new ArrayList<>();
    if (!Arrays.equals(computed, sig.signedDigest())) {
      problems.add("the file's " + sig.digestAlgorithm() + " Authenticode digest differs from the signed one: the file was "
          + "modified after signing" + (padding.dataAfterTable() > 0 ? " (" + padding.dataAfterTable() + " bytes follow the certificate table)" : ""));
    }
    if (!sig.cmsVerifies()) problems.add("the signature itself does not verify: " + sig.problem());
    Boolean validAtSigning = null;
    if (sig.signer() != null && sig.judgedAt() != null) {
      validAtSigning = sig.signer().validAt(sig.judgedAt());
    }
    return new SignatureReport(problems.isEmpty() ? SignatureStatus.VALID : SignatureStatus.INVALID, format, problems, sig,
        HexFormat.of().formatHex(computed), validAtSigning, padding, null);
  }

  /**
   * A macOS signature's status: {@code valid} when a certificate signed it (a CMS blob) and every code hash matches the
   * file; {@code invalid} when a hash does not; {@code unsigned} when there is none or it is ad hoc (no certificate
   * vouches for an ad-hoc signature; its identity is still reported).
   */
  private static SignatureReport apple(String format, FileChannel ch, boolean dmg) throws IOException {
    try {
      AppleSignature s = dmg ? AppleCodeSignatures.dmg(ch).signature() : AppleCodeSignatures.machO(ch);
      if (s == null) return SignatureReport.unsigned(format);
      SignatureStatus status = !s.problems().isEmpty() ? SignatureStatus.INVALID
          : s.adHoc() ? SignatureStatus.UNSIGNED : SignatureStatus.VALID;
      return new SignatureReport(status, format, s.problems(), null, null, null, Padding.NONE, s);
    } catch (MalformedFile e) {
      return SignatureReport.invalid(format, e.getMessage());
    }
  }

  private static boolean isOle(FileChannel ch) throws IOException {
    if (ch.size() < 512) return false;
    return Arrays.equals(Bytes.read(ch, 0, 8).array(), OLE);
  }

  private static boolean isMsiName(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".msi") || n.endsWith(".msp") || n.endsWith(".msm");
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file";
    @Nullable String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
