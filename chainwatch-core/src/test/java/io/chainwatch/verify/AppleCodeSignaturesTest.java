package io.chainwatch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppleCodeSignaturesTest {
  @TempDir Path dir;

  private final VerifyService service = new VerifyService(der -> { throw new MalformedSignature("unused"); },
      new MsiReader() {
        @Override public byte[] signature(Path file) { return null; }
        @Override public byte[] digest(Path file, String algorithm) { return new byte[0]; }
      }, (t, h) -> Set.of(), h -> false);

  /** A SuperBlob with a CodeDirectory (version 0x20400) naming an identifier and a Team ID, and a CMS blob. */
  static byte[] superBlob(String identifier, String team) {
    byte[] id = (identifier + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] tm = (team + "\0").getBytes(StandardCharsets.UTF_8);
    int cdLength = 88 + id.length + tm.length;
    int cmsLength = 16;
    ByteBuffer b = ByteBuffer.allocate(12 + 16 + cdLength + cmsLength).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0xfade0cc0).putInt(b.capacity()).putInt(2);
    b.putInt(0).putInt(28).putInt(0x10000).putInt(28 + cdLength);
    int cd = 28;
    b.putInt(cd, 0xfade0c02).putInt(cd + 4, cdLength).putInt(cd + 8, 0x20400).putInt(cd + 20, 88).putInt(cd + 48, 88 + id.length);
    b.put(cd + 88, id).put(cd + 88 + id.length, tm);
    b.putInt(cd + cdLength, 0xfade0b01).putInt(cd + cdLength + 4, cmsLength);
    return b.array();
  }

  /** A thin little-endian 64-bit Mach-O with one LC_CODE_SIGNATURE, optionally inside a universal binary. */
  static byte[] machO(byte[] signature) {
    int headerAndCommands = 32 + 16;
    ByteBuffer b = ByteBuffer.allocate(headerAndCommands + signature.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xfeedfacf).putInt(0x01000007).putInt(3).putInt(2).putInt(1).putInt(16).putInt(0).putInt(0);
    b.putInt(0x1D).putInt(16).putInt(headerAndCommands).putInt(signature.length);
    b.put(headerAndCommands, signature);
    return b.array();
  }

  static byte[] fat(byte[] slice) {
    int offset = 4096;
    ByteBuffer b = ByteBuffer.allocate(offset + slice.length).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0xcafebabe).putInt(1).putInt(0x01000007).putInt(3).putInt(offset).putInt(slice.length).putInt(12);
    b.put(offset, slice);
    return b.array();
  }

  @Test
  void machO_thinAndFat_reportTeamIdAndIdentifier() throws Exception {
    byte[] thin = machO(superBlob("com.electron.3cx-desktop-app", "33CF4654HL"));
    for (byte[] file : List.of(thin, fat(thin))) {
      Path f = Files.write(dir.resolve("app" + file.length), file);
      SignatureReport s = service.inspect(f).signature();
      assertThat(s.status()).isEqualTo(SignatureStatus.PRESENT);
      assertThat(s.apple().teamId()).isEqualTo("33CF4654HL");
      assertThat(s.apple().identifier()).isEqualTo("com.electron.3cx-desktop-app");
      assertThat(s.apple().adHoc()).isFalse();
    }
  }

  @Test
  void dmg_signatureFromKolyTrailer_reportsTeamId() throws Exception {
    byte[] sig = superBlob("com.3cx.dmg", "33CF4654HL");
    ByteBuffer b = ByteBuffer.allocate(1024 + sig.length + 512).order(ByteOrder.BIG_ENDIAN);
    b.put(1024, sig);
    int trailer = 1024 + sig.length;
    b.put(trailer, "koly".getBytes(StandardCharsets.US_ASCII)).putInt(trailer + 4, 4).putInt(trailer + 8, 512);
    b.putLong(trailer + 296, 1024).putLong(trailer + 304, sig.length);
    Path f = Files.write(dir.resolve("app.dmg"), b.array());
    SignatureReport s = service.inspect(f).signature();
    assertThat(s.format()).isEqualTo("dmg");
    assertThat(s.apple().teamId()).isEqualTo("33CF4654HL");
  }

  @Test
  void machO_withoutSignature_isUnsigned_andTruncatedIsInvalid() throws Exception {
    byte[] thin = machO(superBlob("x", "T"));
    ByteBuffer.wrap(thin).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 0x2); // LC_SYMTAB instead of LC_CODE_SIGNATURE
    assertThat(service.inspect(Files.write(dir.resolve("u"), thin)).signature().status()).isEqualTo(SignatureStatus.UNSIGNED);
    byte[] cut = java.util.Arrays.copyOf(machO(superBlob("x", "T")), 60);
    assertThat(service.inspect(Files.write(dir.resolve("c"), cut)).signature().status()).isEqualTo(SignatureStatus.INVALID);
  }

  @Test
  void javaClassFile_isNotMistakenForAUniversalBinary() throws Exception {
    byte[] cls = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 0};
    assertThat(service.inspect(Files.write(dir.resolve("A.class"), cls)).signature().status()).isEqualTo(SignatureStatus.NOT_APPLICABLE);
  }
}
