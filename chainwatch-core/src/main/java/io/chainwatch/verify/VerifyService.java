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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
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

  /** Verifies every file under {@code paths}, handing each report to {@code each} as it is done. */
  public VerifyRun verify(List<Path> paths, Consumer<FileReport> each) {
    List<BundleReport> bundles = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        missing.add(path.toString());
        continue;
      }
      if (Files.isDirectory(path)) {
        List<Path> signed = new ArrayList<>();
        List<Path> unsignedModules = new ArrayList<>();
        walk(path, 0, seen, report -> {
          each.accept(report);
          if (report.isPe() || "authenticode-msi".equals(report.signature().format())) {
            if (report.signature().status() == SignatureStatus.VALID) signed.add(report.path());
            else if (report.isPe() && report.signature().status() == SignatureStatus.UNSIGNED) unsignedModules.add(report.path());
          }
        });
        if (!signed.isEmpty() && !unsignedModules.isEmpty()) bundles.add(new BundleReport(path, signed, unsignedModules));
      } else {
        visitFile(path, seen, each);
      }
    }
    return new VerifyRun(bundles, missing);
  }

  private void walk(Path dir, int depth, Set<Path> seen, Consumer<FileReport> each) {
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      each.accept(FileReport.failed(dir, "cannot resolve the folder: " + describe(e)));
      return;
    }
    if (!seen.add(real)) {
      each.accept(FileReport.failed(dir, "a symbolic link back to " + real + ", already walked (a link loop or a second link to it); not followed"));
      return;
    }
    if (depth > MAX_DEPTH) {
      each.accept(FileReport.failed(dir, "folders nest deeper than " + MAX_DEPTH + " levels; not walked"));
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (Path p : stream) entries.add(p);
    } catch (IOException e) {
      each.accept(FileReport.failed(dir, "cannot list the folder: " + describe(e)));
      return;
    }
    entries.sort(null);
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) walk(entry, depth + 1, seen, each);
      else visitFile(entry, seen, each);
    }
  }

  private void visitFile(Path file, Set<Path> seen, Consumer<FileReport> each) {
    if (!Files.exists(file)) {
      each.accept(FileReport.failed(file, "a broken symbolic link"));
      return;
    }
    if (!Files.isRegularFile(file)) {
      each.accept(FileReport.failed(file, "not a regular file; skipped"));
      return;
    }
    try {
      if (!seen.add(file.toRealPath())) return; // the same file reached twice through links
    } catch (IOException e) {
      each.accept(FileReport.failed(file, "cannot resolve the file: " + describe(e)));
      return;
    }
    each.accept(inspect(file));
  }

  /** One file's report; never throws for a bad or unreadable file. */
  public FileReport inspect(Path file) {
    try {
      FileDigests digests = Digester.digest(file);
      long size;
      SignatureReport signature;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        size = ch.size();
        signature = signature(file, ch);
      }
      Set<String> incidents = new TreeSet<>();
      incidents.addAll(indicators.incidentsNaming("sha256", digests.sha256()));
      incidents.addAll(indicators.incidentsNaming("sha1", digests.sha1()));
      incidents.addAll(indicators.incidentsNaming("md5", digests.md5()));
      Verdict verdict;
      if (!incidents.isEmpty()) verdict = Verdict.KNOWN_BAD;
      else if (releases.publishedByVendor(digests.sha256())) verdict = Verdict.KNOWN_GOOD;
      else verdict = Verdict.UNKNOWN;
      return new FileReport(file, size, digests, verdict, List.copyOf(incidents), signature, null);
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
