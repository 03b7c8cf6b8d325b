package io.chainwatch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * macOS code signatures built here byte by byte (cs_blobs.h layouts): CodeDirectories whose page hashes are computed
 * over the file as codesign would, with and without a CMS blob, in thin and universal binaries and in a DMG.
 */
class AppleCodeSignaturesTest {
  static final int PAGE_SHIFT = 12;
  static final int SHA1 = 1;
  static final int SHA256 = 2;
  static final byte[] REQUIREMENTS = ByteBuffer.allocate(12).putInt(0xfade0c01).putInt(12).putInt(0).array();

  @TempDir Path dir;

  private final VerifyService service = new VerifyService(der -> { throw new MalformedSignature("unused"); },
      new MsiReader() {
        @Override public byte[] signature(Path file) { return null; }
        @Override public byte[] digest(Path file, String algorithm) { return new byte[0]; }
      }, (t, h) -> Set.of(), h -> false);

  /** What to sign and how. */
  record Spec(String identifier, String team, boolean cms, boolean adHocFlag, byte[] requirements) {
    static Spec developerId() {
      return new Spec("com.electron.3cx-desktop-app", "33CF4654HL", true, false, REQUIREMENTS);
    }
  }

  static byte[] hash(int type, byte[] data, int from, int to) throws Exception {
    MessageDigest md = MessageDigest.getInstance(type == SHA1 ? "SHA-1" : "SHA-256");
    md.update(data, from, to - from);
    return md.digest();
  }

  /** A CodeDirectory (version 0x20400) over {@code code[0, codeLimit)}, with special slots 1 and 2 (requirements). */
  static byte[] codeDirectory(byte[] code, int codeLimit, int type, Spec spec) throws Exception {
    byte[] id = (spec.identifier() + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] tm = (spec.team() + "\0").getBytes(StandardCharsets.UTF_8);
    int hashSize = type == SHA1 ? 20 : 32;
    int page = 1 << PAGE_SHIFT;
    int slots = (codeLimit + page - 1) / page;
    int special = 2;
    int hashOffset = 88 + id.length + tm.length + special * hashSize;
    int length = hashOffset + slots * hashSize;
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0, 0xfade0c02).putInt(4, length).putInt(8, 0x20400).putInt(12, spec.adHocFlag() ? 0x2 : 0)
        .putInt(16, hashOffset).putInt(20, 88).putInt(24, special).putInt(28, slots).putInt(32, codeLimit);
    b.put(36, (byte) hashSize).put(37, (byte) type).put(39, (byte) PAGE_SHIFT).putInt(48, 88 + id.length);
    b.put(88, id).put(88 + id.length, tm);
    b.put(hashOffset - 2 * hashSize, hash(type, spec.requirements(), 0, spec.requirements().length), 0, hashSize);
    for (int i = 0; i < slots; i++) {
      b.put(hashOffset + i * hashSize, hash(type, code, i * page, Math.min((i + 1) * page, codeLimit)), 0, hashSize);
    }
    return b.array();
  }

  /** SuperBlob: SHA-1 CodeDirectory (slot 0), requirements (2), SHA-256 alternate (0x1000), CMS (0x10000) if wanted. */
  static byte[] superBlob(byte[] code, int codeLimit, Spec spec) throws Exception {
    List<int[]> index = new ArrayList<>();
    List<byte[]> blobs = new ArrayList<>();
    blobs.add(codeDirectory(code, codeLimit, SHA1, spec));
    index.add(new int[] {0});
    blobs.add(REQUIREMENTS);
    index.add(new int[] {2});
    blobs.add(codeDirectory(code, codeLimit, SHA256, spec));
    index.add(new int[] {0x1000});
    if (spec.cms()) {
      blobs.add(ByteBuffer.allocate(24).putInt(0xfade0b01).putInt(24).putInt(0x30800000).array());
      index.add(new int[] {0x10000});
    }
    int header = 12 + 8 * blobs.size();
    int total = header;
    for (byte[] x : blobs) total += x.length;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0xfade0cc0).putInt(total).putInt(blobs.size());
    int at = header;
    for (int i = 0; i < blobs.size(); i++) {
      b.putInt(index.get(i)[0]).putInt(at);
      at += blobs.get(i).length;
    }
    for (byte[] x : blobs) b.put(x);
    return b.array();
  }

  /** A thin little-endian 64-bit Mach-O of about {@code codeBytes} of code, signed as {@code spec} says. */
  static byte[] machO(int codeBytes, Spec spec) throws Exception {
    int codeLimit = (48 + codeBytes + 15) & ~15;
    byte[] code = new byte[codeLimit];
    for (int i = 48; i < codeLimit; i++) code[i] = (byte) (i * 31 + 7);
    int sigLength = superBlob(code, codeLimit, spec).length; // its length does not depend on the code's content
    ByteBuffer h = ByteBuffer.wrap(code).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0xfeedfacf).putInt(0x01000007).putInt(3).putInt(2).putInt(1).putInt(16).putInt(0).putInt(0);
    h.putInt(0x1D).putInt(16).putInt(codeLimit).putInt(sigLength);
    byte[] sig = superBlob(code, codeLimit, spec);
    byte[] file = Arrays.copyOf(code, codeLimit + sig.length);
    System.arraycopy(sig, 0, file, codeLimit, sig.length);
    return file;
  }

  static byte[] fat(byte[]... slices) {
    int offset = 4096;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer head = ByteBuffer.allocate(8 + 20 * slices.length).order(ByteOrder.BIG_ENDIAN);
    head.putInt(0xcafebabe).putInt(slices.length);
    int at = offset;
    for (byte[] s : slices) {
      head.putInt(0x01000007).putInt(3).putInt(at).putInt(s.length).putInt(12);
      at += (s.length + 4095) & ~4095;
    }
    out.writeBytes(head.array());
    out.writeBytes(new byte[offset - head.capacity()]);
    for (byte[] s : slices) {
      out.writeBytes(s);
      out.writeBytes(new byte[((s.length + 4095) & ~4095) - s.length]);
    }
    return out.toByteArray();
  }

  SignatureReport check(String name, byte[] file) throws Exception {
    return service.inspect(Files.write(dir.resolve(name), file)).signature();
  }

  @Test
  void developerIdSigned_thin_isValid_withTeamIdentifierAndHashType_everyPageChecked() throws Exception {
    SignatureReport s = check("app", machO(10_000, Spec.developerId()));
    assertThat(s.problems()).isEmpty();
    assertThat(s.status()).isEqualTo(SignatureStatus.VALID);
    assertThat(s.format()).isEqualTo("macho");
    assertThat(s.apple().kind()).isEqualTo("cms");
    assertThat(s.apple().teamId()).isEqualTo("33CF4654HL");
    assertThat(s.apple().identifier()).isEqualTo("com.electron.3cx-desktop-app");
    assertThat(s.apple().hashType()).isEqualTo("sha256");
    assertThat(s.apple().codeDirectories()).isEqualTo(2);
    assertThat(s.apple().pagesChecked()).isEqualTo(6); // 10,064 bytes = 3 pages, in each of two CodeDirectories
  }

  @Test
  void oneByteChangedInTheCode_isInvalid_namingThePage() throws Exception {
    byte[] file = machO(10_000, Spec.developerId());
    file[5000] ^= 1;
    SignatureReport s = check("tampered", file);
    assertThat(s.status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(s.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("1 of 3 code pages differ").contains("first page 1 (offset 4096)"));
    assertThat(s.apple().teamId()).isEqualTo("33CF4654HL");
  }

  @Test
  void changedRequirementsBlob_isInvalid() throws Exception {
    byte[] file = machO(3_000, Spec.developerId());
    // the requirements blob's count word (its last 4 bytes): find the blob by its magic and change the count
    int at = indexOf(file, new byte[] {(byte) 0xfa, (byte) 0xde, 0x0c, 0x01});
    file[at + 11] = 1;
    SignatureReport s = check("req", file);
    assertThat(s.status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains("requirements blob differs"));
  }

  @Test
  void adHoc_withoutCms_isUnsigned_withKindAdHoc_andAdHocFlagAlone_too() throws Exception {
    SignatureReport noCms = check("adhoc", machO(5_000, new Spec("a.out", "", false, false, REQUIREMENTS)));
    assertThat(noCms.status()).isEqualTo(SignatureStatus.UNSIGNED);
    assertThat(noCms.apple().kind()).isEqualTo("ad-hoc");
    assertThat(noCms.apple().identifier()).isEqualTo("a.out");
    SignatureReport flagged = check("flag", machO(5_000, new Spec("x", "T", true, true, REQUIREMENTS)));
    assertThat(flagged.status()).isEqualTo(SignatureStatus.UNSIGNED);
    assertThat(flagged.apple().adHoc()).isTrue();
  }

  @Test
  void universal_everySliceChecked_oneTamperedSliceMakesItInvalid() throws Exception {
    byte[] a = machO(9_000, Spec.developerId());
    byte[] b = machO(6_000, Spec.developerId());
    SignatureReport ok = check("fat", fat(a, b));
    assertThat(ok.status()).isEqualTo(SignatureStatus.VALID);
    assertThat(ok.apple().slices()).isEqualTo(2);
    assertThat(ok.apple().teamId()).isEqualTo("33CF4654HL");
    byte[] bad = b.clone();
    bad[100] ^= 0x40;
    SignatureReport tampered = check("fat-bad", fat(a, bad));
    assertThat(tampered.status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(tampered.problems()).allSatisfy(p -> assertThat(p).startsWith("slice 1: 1 of 2 code pages differ"));
  }

  static byte[] dmg(int dataBytes, boolean signed) throws Exception {
    byte[] data = new byte[dataBytes];
    for (int i = 0; i < dataBytes; i++) data[i] = (byte) (i ^ (i >> 8));
    byte[] sig = signed ? superBlob(data, dataBytes, new Spec("com.3cx.dmg", "33CF4654HL", true, false, REQUIREMENTS)) : new byte[0];
    ByteBuffer b = ByteBuffer.allocate(dataBytes + sig.length + 512).order(ByteOrder.BIG_ENDIAN);
    b.put(data).put(sig);
    int trailer = dataBytes + sig.length;
    b.put(trailer, "koly".getBytes(StandardCharsets.US_ASCII)).putInt(trailer + 4, 4).putInt(trailer + 8, 512);
    b.putLong(trailer + 296, signed ? dataBytes : 0).putLong(trailer + 304, sig.length);
    return b.array();
  }

  @Test
  void dmg_signatureFromKolyTrailer_isValid_tamperedIsInvalid_unsignedIsUnsigned() throws Exception {
    SignatureReport s = check("app.dmg", dmg(20_000, true));
    assertThat(s.format()).isEqualTo("dmg");
    assertThat(s.status()).isEqualTo(SignatureStatus.VALID);
    assertThat(s.apple().teamId()).isEqualTo("33CF4654HL");
    byte[] bad = dmg(20_000, true);
    bad[19_999] ^= 1;
    assertThat(check("bad.dmg", bad).status()).isEqualTo(SignatureStatus.INVALID);
    SignatureReport unsigned = check("plain.dmg", dmg(2_000, false));
    assertThat(unsigned.format()).isEqualTo("dmg");
    assertThat(unsigned.status()).isEqualTo(SignatureStatus.UNSIGNED);
  }

  @Test
  void machO_withoutSignature_isUnsigned_truncatedOrOutsideIsInvalid() throws Exception {
    byte[] thin = machO(1_000, Spec.developerId());
    ByteBuffer.wrap(thin).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 0x2); // LC_SYMTAB instead of LC_CODE_SIGNATURE
    assertThat(check("u", thin).status()).isEqualTo(SignatureStatus.UNSIGNED);
    byte[] cut = Arrays.copyOf(machO(1_000, Spec.developerId()), 60);
    assertThat(check("c", cut).status()).isEqualTo(SignatureStatus.INVALID);
    byte[] outside = machO(1_000, Spec.developerId());
    ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 1 << 30);
    SignatureReport s = check("o", outside);
    assertThat(s.status()).isEqualTo(SignatureStatus.INVALID);
    assertThat(s.problems().get(0)).contains("points outside");
  }

  @Test
  void javaClassFile_isNotMistakenForAUniversalBinary() throws Exception {
    byte[] cls = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 0};
    assertThat(check("A.class", cls).status()).isEqualTo(SignatureStatus.NOT_APPLICABLE);
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new AssertionError("not found");
  }
}
