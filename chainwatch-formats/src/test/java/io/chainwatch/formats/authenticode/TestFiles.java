package io.chainwatch.formats.authenticode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test PE files built here (no binaries from elsewhere), a test certificate made with openssl at test time, and
 * osslsigncode as the signer and the oracle.
 */
final class TestFiles {
  static final int CERT_DIRECTORY = 0x58 + 128;

  private TestFiles() {}

  /** A minimal valid PE32: headers, one 512-byte .text section holding {@code ret} and a seed-dependent filler. */
  static byte[] minimalPe(int seed) {
    ByteBuffer f = ByteBuffer.allocate(0x400).order(ByteOrder.LITTLE_ENDIAN);
    f.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3C, 0x40);
    f.putInt(0x40, 0x00004550);
    f.putShort(0x44, (short) 0x14C).putShort(0x46, (short) 1).putShort(0x54, (short) 0xE0).putShort(0x56, (short) 0x102);
    int o = 0x58;
    f.putShort(o, (short) 0x10B).put(o + 2, (byte) 14);
    f.putInt(o + 4, 0x200).putInt(o + 16, 0x1000).putInt(o + 20, 0x1000).putInt(o + 24, 0x1000);
    f.putInt(o + 28, 0x400000).putInt(o + 32, 0x1000).putInt(o + 36, 0x200);
    f.putShort(o + 40, (short) 6).putShort(o + 48, (short) 6);
    f.putInt(o + 56, 0x2000).putInt(o + 60, 0x200);
    f.putShort(o + 68, (short) 3).putShort(o + 70, (short) 0x8140);
    f.putInt(o + 72, 0x100000).putInt(o + 76, 0x1000).putInt(o + 80, 0x100000).putInt(o + 84, 0x1000);
    f.putInt(o + 92, 16);
    int s = o + 0xE0;
    f.put(s, ".text".getBytes(StandardCharsets.US_ASCII));
    f.putInt(s + 8, 0x200).putInt(s + 12, 0x1000).putInt(s + 16, 0x200).putInt(s + 20, 0x200).putInt(s + 36, 0x60000020);
    f.put(0x200, (byte) 0xC3);
    for (int i = 0x201; i < 0x400; i++) f.put(i, (byte) (i * 7 + seed * 31));
    return f.array();
  }

  /** The certificate table's offset and size from a signed PE built by {@link #minimalPe}. */
  static int[] certificateTable(byte[] pe) {
    ByteBuffer b = ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN);
    return new int[] {b.getInt(CERT_DIRECTORY), b.getInt(CERT_DIRECTORY + 4)};
  }

  /** The signed file with {@code extra} bytes placed after the signature inside its entry, directory sizes fixed up. */
  static byte[] padded(byte[] signed, byte[] extra) {
    int[] table = certificateTable(signed);
    byte[] out = new byte[signed.length + extra.length];
    System.arraycopy(signed, 0, out, 0, signed.length);
    System.arraycopy(extra, 0, out, signed.length, extra.length);
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(CERT_DIRECTORY + 4, table[1] + extra.length);
    b.putInt(table[0], b.getInt(table[0]) + extra.length);
    return out;
  }

  static boolean toolsPresent() {
    return onPath("osslsigncode") && onPath("openssl");
  }

  /** osslsigncode and openssl are Debian packages; CI installs them and sets CHAINWATCH_REQUIRE_OSSLSIGNCODE. */
  static void assumeTools() {
    if (toolsPresent()) return;
    if (System.getenv("CHAINWATCH_REQUIRE_OSSLSIGNCODE") != null) throw new AssertionError("osslsigncode or openssl is missing");
    Assumptions.abort("osslsigncode or openssl is not installed");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }

  record Result(int exit, String output) {}

  static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  /** A self-signed code-signing key and certificate, {@code key.pem} and {@code cert.pem} in {@code dir}. */
  static void makeCertificate(Path dir, String subject) throws IOException, InterruptedException {
    Result r = run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
        "-days", "30", "-subj", subject, "-addext", "extendedKeyUsage=codeSigning");
    assertThat(r.exit()).as(r.output()).isZero();
  }

  static Path sign(Path dir, Path in, String out, String hash) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("osslsigncode", "sign", "-certs", "cert.pem", "-key", "key.pem", "-h", hash,
        "-n", "Chainwatch test", "-in", in.toString(), "-out", out));
    Result r = run(dir, cmd.toArray(String[]::new));
    assertThat(r.exit()).as(r.output()).isZero();
    return dir.resolve(out);
  }

  /** osslsigncode's verdict: true when it verifies the signature against our test certificate. */
  static boolean osslsigncodeAccepts(Path dir, Path file) throws IOException, InterruptedException {
    Result r = run(dir, "osslsigncode", "verify", "-in", file.toString(), "-CAfile", "cert.pem");
    return r.exit() == 0 && r.output().contains("Signature verification: ok");
  }
}
