package io.chainwatch.formats.authenticode;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.verify.FileReport;
import io.chainwatch.verify.SignatureStatus;
import io.chainwatch.verify.VerifyService;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every signature verdict cross-checked against {@code osslsigncode verify} on PE files built and signed in the test:
 * signed (SHA-256 and SHA-1), tampered, padded inside the certificate table, extended after it, and unsigned.
 */
class AuthenticodeCrossCheckTest {
  @TempDir static Path dir;
  static Path unsigned;
  static Path signed;
  static final VerifyService service = new VerifyService(new BouncyCastleSignatureDecoder(), new JsignMsiReader(),
      (type, hex) -> Set.of(), sha256 -> false);

  @BeforeAll
  static void signOnce() throws Exception {
    TestFiles.assumeTools();
    TestFiles.makeCertificate(dir, "/CN=Chainwatch Test Signer/O=Chainwatch Tests");
    unsigned = Files.write(dir.resolve("app.exe"), TestFiles.minimalPe(1));
    signed = TestFiles.sign(dir, unsigned, "app-signed.exe", "sha256");
  }

  private static FileReport verify(Path file) {
    return service.inspect(file);
  }

  @Test
  void signed_isValid_asOsslsigncodeSays() throws Exception {
    FileReport r = verify(signed);
    assertThat(TestFiles.osslsigncodeAccepts(dir, signed)).isTrue();
    assertThat(r.signature().status()).as(r.signature().problems().toString()).isEqualTo(SignatureStatus.VALID);
    assertThat(r.signature().padding().appendedBytes()).isZero();
    assertThat(r.signature().padding().isFinding()).isFalse();
  }

  @Test
  void signed_reportsSignerSubjectSerialThumbprintAndTime() throws Exception {
    FileReport r = verify(signed);
    X509Certificate cert;
    try (var in = Files.newInputStream(dir.resolve("cert.pem"))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    var signer = r.signature().signature().signer();
    assertThat(signer.subject()).isEqualTo("O=Chainwatch Tests,CN=Chainwatch Test Signer");
    assertThat(signer.serial()).isEqualTo(cert.getSerialNumber().toString(16).toUpperCase());
    assertThat(signer.thumbprint()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded())));
    assertThat(r.signature().signature().signingTime()).isNotNull();
    assertThat(r.signature().validAtSigningTime()).isTrue();
    assertThat(r.signature().signature().digestAlgorithm()).isEqualTo("SHA-256");
  }

  @Test
  void signedWithSha1_isValid_asOsslsigncodeSays() throws Exception {
    Path sha1 = TestFiles.sign(dir, unsigned, "app-sha1.exe", "sha1");
    assertThat(TestFiles.osslsigncodeAccepts(dir, sha1)).isTrue();
    FileReport r = verify(sha1);
    assertThat(r.signature().status()).isEqualTo(SignatureStatus.VALID);
    assertThat(r.signature().signature().digestAlgorithm()).isEqualTo("SHA-1");
  }

  @Test
  void tampered_byteFlippedInSection_isInvalid_asOsslsigncodeSays() throws Exception {
    byte[] bytes = Files.readAllBytes(signed);
    bytes[0x250] ^= 1;
    Path tampered = Files.write(dir.resolve("tampered.exe"), bytes);
    assertThat(TestFiles.osslsigncodeAccepts(dir, tampered)).isFalse();
    FileReport r = verify(tampered);
    assertThat(r.signature().status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(r.signature().problems()).anySatisfy(p -> assertThat(p).contains("modified after signing"));
  }

  @Test
  void padded_insideCertificateTable_staysValid_withAppendedBytes() throws Exception {
    byte[] extra = new byte[256];
    new Random(6).nextBytes(extra);
    extra[40] = (byte) 0xFE;
    extra[41] = (byte) 0xED;
    extra[42] = (byte) 0xFA;
    extra[43] = (byte) 0xCE;
    Path padded = Files.write(dir.resolve("padded.exe"), TestFiles.padded(Files.readAllBytes(signed), extra));
    assertThat(TestFiles.osslsigncodeAccepts(dir, padded)).isTrue();
    FileReport r = verify(padded);
    assertThat(r.signature().status()).isEqualTo(SignatureStatus.VALID);
    // the 256 bytes plus the up to 7 alignment bytes osslsigncode left after the PKCS#7, now part of the slack
    assertThat(r.signature().padding().appendedBytes()).isBetween(256L, 263L);
    assertThat(r.signature().padding().markers()).containsExactly("FEEDFACE");
    assertThat(r.signature().padding().entropy()).isGreaterThan(6.0);
  }

  @Test
  void dataAfterCertificateTable_isInvalid_asOsslsigncodeSays() throws Exception {
    byte[] bytes = Files.readAllBytes(signed);
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 16);
    Path after = Files.write(dir.resolve("after.exe"), longer);
    assertThat(TestFiles.osslsigncodeAccepts(dir, after)).isFalse();
    FileReport r = verify(after);
    assertThat(r.signature().status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(r.signature().padding().dataAfterTable()).isEqualTo(16);
  }

  @Test
  void unsigned_isUnsigned_andOsslsigncodeFindsNoSignature() throws Exception {
    TestFiles.Result r = TestFiles.run(dir, "osslsigncode", "verify", "-in", unsigned.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.output()).contains("No signature found");
    assertThat(verify(unsigned).signature().status()).isEqualTo(SignatureStatus.UNSIGNED);
  }

  @Test
  void malformedPkcs7_isInvalid_notACrash() throws Exception {
    byte[] bytes = Files.readAllBytes(signed);
    int[] table = TestFiles.certificateTable(bytes);
    for (int i = table[0] + 8 + 30; i < table[0] + 8 + 60; i++) bytes[i] = (byte) 0xFF;
    Path broken = Files.write(dir.resolve("broken-pkcs7.exe"), bytes);
    assertThat(TestFiles.osslsigncodeAccepts(dir, broken)).isFalse();
    FileReport r = verify(broken);
    assertThat(r.signature().status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(r.error()).isNull();
  }

  @Test
  void securityDirectoryOutsideFile_isInvalid_asOsslsigncodeSays() throws Exception {
    byte[] bytes = Files.readAllBytes(signed);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(TestFiles.CERT_DIRECTORY, 0x7FFF0000);
    Path outside = Files.write(dir.resolve("outside.exe"), bytes);
    assertThat(TestFiles.osslsigncodeAccepts(dir, outside)).isFalse();
    FileReport r = verify(outside);
    assertThat(r.signature().status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(r.signature().problems()).anySatisfy(p -> assertThat(p).contains("points outside the file"));
  }

  @Test
  void truncatedPeHeaders_areInvalid_notACrash() throws Exception {
    byte[] bytes = java.util.Arrays.copyOf(Files.readAllBytes(signed), 0x60);
    Path truncated = Files.write(dir.resolve("truncated.exe"), bytes);
    assertThat(TestFiles.osslsigncodeAccepts(dir, truncated)).isFalse();
    FileReport r = verify(truncated);
    assertThat(r.signature().status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(r.signature().problems()).anySatisfy(p -> assertThat(p).contains("truncated"));
  }

  /**
   * Every kind of bad input in one folder, walked in one run: each is reported on its own (an invalid signature or an
   * error naming the file) and the good file beside them is still verified. An unreadable file is made with chmod 000;
   * root reads through that, so as root a link to /proc/self/mem (a file whose reads fail) stands in for it.
   */
  @Test
  void badInputsInOneFolder_eachReportedOnItsOwn_theRunContinues() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("bad-inputs"));
    Files.copy(signed, folder.resolve("a-good.exe"));
    byte[] bytes = Files.readAllBytes(signed);
    Files.write(folder.resolve("b-truncated.exe"), java.util.Arrays.copyOf(bytes, 0x60));
    byte[] outside = bytes.clone();
    ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putInt(TestFiles.CERT_DIRECTORY, 0x7FFF0000);
    Files.write(folder.resolve("c-outside.exe"), outside);
    byte[] broken = bytes.clone();
    int[] table = TestFiles.certificateTable(broken);
    broken[table[0] + 8] = 0x04; // not a SEQUENCE: no PKCS#7 at all
    Files.write(folder.resolve("d-pkcs7.exe"), broken);
    Path unreadable = folder.resolve("e-unreadable.exe");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/mem")), "no /proc to stand in for an unreadable file");
      Files.createSymbolicLink(unreadable, Path.of("/proc/self/mem"));
    } else {
      Files.write(unreadable, bytes);
      Files.setPosixFilePermissions(unreadable, Set.of());
    }
    Files.createSymbolicLink(folder.resolve("f-loop"), folder);
    java.util.Map<String, FileReport> reports = new java.util.TreeMap<>();
    try {
      service.verify(java.util.List.of(folder), r -> reports.put(r.path().getFileName().toString(), r));
    } finally {
      if (!root) Files.setPosixFilePermissions(unreadable, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
          java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
    }
    assertThat(reports.keySet()).containsExactly("a-good.exe", "b-truncated.exe", "c-outside.exe", "d-pkcs7.exe",
        "e-unreadable.exe", "f-loop");
    assertThat(reports.get("a-good.exe").signature().status()).isEqualTo(SignatureStatus.VALID);
    assertThat(reports.get("b-truncated.exe").signature().problems()).anySatisfy(p -> assertThat(p).contains("truncated"));
    assertThat(reports.get("c-outside.exe").signature().problems()).anySatisfy(p -> assertThat(p).contains("points outside the file"));
    assertThat(reports.get("d-pkcs7.exe").signature().status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(reports.get("d-pkcs7.exe").signature().problems()).anySatisfy(p -> assertThat(p).contains("malformed PKCS#7"));
    for (String name : new String[] {"b-truncated.exe", "c-outside.exe", "d-pkcs7.exe"}) {
      assertThat(reports.get(name).signature().status()).as(name).isEqualTo(SignatureStatus.INVALID);
      assertThat(reports.get(name).error()).as(name).isNull();
      assertThat(reports.get(name).digests()).as(name).isNotNull();
    }
    assertThat(reports.get("e-unreadable.exe").error()).startsWith("cannot read the file");
    assertThat(reports.get("e-unreadable.exe").digests()).isNull();
    assertThat(reports.get("f-loop").error()).contains("already walked");
  }

  /** 3CX's shape: a signed application folder shipping an unsigned module; a folder of signed files alone is no finding. */
  @Test
  void signedFolderWithUnsignedModule_isABundleFinding_withTheModuleList() throws Exception {
    Path app = Files.createDirectories(dir.resolve("bundle/3CXDesktopApp"));
    Files.copy(signed, app.resolve("3CXDesktopApp.exe"));
    Files.createDirectories(app.resolve("resources"));
    Files.write(app.resolve("resources/ffmpeg.dll"), TestFiles.minimalPe(7));
    Files.writeString(app.resolve("resources/app.asar"), "not a PE");
    Path clean = Files.createDirectories(dir.resolve("bundle-clean"));
    Files.copy(signed, clean.resolve("only-signed.exe"));
    io.chainwatch.verify.VerifyRun run = service.verify(java.util.List.of(app, clean), r -> { });
    assertThat(run.bundles()).hasSize(1);
    io.chainwatch.verify.BundleReport b = run.bundles().get(0);
    assertThat(b.root()).isEqualTo(app);
    assertThat(b.signed()).containsExactly(app.resolve("3CXDesktopApp.exe"));
    assertThat(b.unsignedModules()).containsExactly(app.resolve("resources/ffmpeg.dll"));
  }
}
