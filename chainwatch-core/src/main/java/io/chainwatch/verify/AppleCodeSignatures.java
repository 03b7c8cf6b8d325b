package io.chainwatch.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * macOS code signatures of Mach-O binaries (thin and universal) and DMG disk images: identity (identifier, Team ID),
 * whether a certificate signed it (a CMS blob) or it is ad hoc, and whether the code still matches the CodeDirectory's
 * page hashes. The CMS signature's cryptography and notarisation are out of scope (see docs/verification.md).
 *
 * <p>Implementation notes (Apple's {@code <mach-o/loader.h>}, {@code cs_blobs.h}; indygreg/apple-platform-rs
 * {@code apple-codesign}): a Mach-O's {@code LC_CODE_SIGNATURE} (0x1D) load command gives the file offset and size of
 * an embedded-signature SuperBlob (big-endian, magic 0xfade0cc0) whose index lists blobs by slot: CodeDirectories
 * (slot 0 and alternates 0x1000-0x1004, magic 0xfade0c02), requirements (slot 2), entitlements (5, and 7 in DER) and
 * the CMS wrapper (slot 0x10000, magic 0xfade0b01). CodeDirectory fields: version at 8, flags at 12 (0x2 ad hoc),
 * hashOffset 16, identOffset 20, nSpecialSlots 24, nCodeSlots 28, codeLimit 32, hashSize 36, hashType 37, pageSize
 * 39 (log2; 0 means one page), from 0x20200 teamOffset 48, from 0x20300 codeLimit64 at 56. Code slot {@code i} is the
 * hash of bytes {@code [i*page, min((i+1)*page, codeLimit))} from the start of the slice; special slot {@code n} is at
 * {@code hashOffset - n*hashSize} and hashes the whole blob of slot {@code n}. A hash is truncated to hashSize. A
 * universal binary (magic 0xcafebabe, or 0xcafebabf with 64-bit offsets) signs each slice on its own: every slice is
 * checked. A DMG ends in a 512-byte "koly" trailer whose code-signature offset and size are at bytes 296 and 304; its
 * CodeDirectory hashes the image from offset 0.
 */
public final class AppleCodeSignatures {
  private static final int LC_CODE_SIGNATURE = 0x1D;
  private static final int SUPERBLOB = 0xfade0cc0;
  private static final int CODE_DIRECTORY = 0xfade0c02;
  private static final int CMS_WRAPPER = 0xfade0b01;
  private static final int MAX_BLOB = 64 << 20;
  private static final int MAX_COMMANDS_SIZE = 16 << 20;
  private static final int MAX_SLICES = 32;
  private static final int MAX_PROBLEMS = 5;
  /** Special slots whose blob sits in the SuperBlob itself, so their hash can be checked: requirements, entitlements. */
  private static final int[] CHECKED_SPECIAL_SLOTS = {2, 5, 7};

  private AppleCodeSignatures() {}

  /** What the first bytes say: a Mach-O (thin or universal) or not. */
  static boolean isMachO(FileChannel ch) throws IOException {
    if (ch.size() < 8) return false;
    ByteBuffer head = Bytes.read(ch, 0, 8).order(ByteOrder.BIG_ENDIAN);
    int magic = head.getInt(0);
    if (magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe) return true;
    // 0xcafebabe is also a Java class file; there the next word is the class version (45 and up), here the count of
    // slices (a handful): the rule file(1) uses.
    return (magic == 0xcafebabe || magic == 0xcafebabf) && Integer.compareUnsigned(head.getInt(4), 20) < 0;
  }

  /** Whether the file ends in a DMG's "koly" trailer. */
  static boolean isDmg(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < 512) return false;
    ByteBuffer trailer = Bytes.read(ch, size - 512, 4);
    return trailer.get(0) == 'k' && trailer.get(1) == 'o' && trailer.get(2) == 'l' && trailer.get(3) == 'y';
  }

  /** The Mach-O's signature, or null when no slice is signed. */
  public static @Nullable AppleSignature machO(FileChannel ch) throws IOException, MalformedFile {
    ByteBuffer head = Bytes.read(ch, 0, 8).order(ByteOrder.BIG_ENDIAN);
    int magic = head.getInt(0);
    if (magic != 0xcafebabe && magic != 0xcafebabf) return thin(ch, 0, ch.size());
    boolean wide = magic == 0xcafebabf;
    int slices = head.getInt(4);
    if (slices < 1 || slices > MAX_SLICES) throw new MalformedFile("the universal binary declares " + Integer.toUnsignedString(slices) + " slices");
    int entry = wide ? 32 : 20;
    ByteBuffer arches = read(ch, 8, slices * entry).order(ByteOrder.BIG_ENDIAN);
    List<AppleSignature> signed = new ArrayList<>();
    int unsigned = 0;
    for (int i = 0; i < slices; i++) {
      int at = i * entry;
      long offset = wide ? arches.getLong(at + 8) : Integer.toUnsignedLong(arches.getInt(at + 8));
      long size = wide ? arches.getLong(at + 16) : Integer.toUnsignedLong(arches.getInt(at + 12));
      if (offset < 0 || size < 0 || offset + size > ch.size()) throw new MalformedFile("slice " + i + " of the universal binary lies outside the file");
      AppleSignature s;
      try {
        s = thin(ch, offset, size);
      } catch (MalformedFile e) {
        throw new MalformedFile("slice " + i + ": " + e.getMessage());
      }
      if (s == null) unsigned++;
      else signed.add(withSlice(s, i, slices));
    }
    if (signed.isEmpty()) return null;
    AppleSignature first = signed.get(0);
    List<String> problems = new ArrayList<>();
    String kind = first.kind();
    int directories = 0;
    long pages = 0;
    for (AppleSignature s : signed) {
      problems.addAll(s.problems());
      directories += s.codeDirectories();
      pages += s.pagesChecked();
      if (s.adHoc()) kind = "ad-hoc"; // one ad-hoc slice makes the binary not certificate-signed as a whole
      if (!java.util.Objects.equals(s.teamId(), first.teamId())) {
        problems.add("the slices name different Team IDs: " + first.teamId() + " and " + s.teamId());
      }
    }
    if (unsigned > 0) problems.add(unsigned + " of the " + slices + " slices carry no code signature");
    return new AppleSignature(kind, first.identifier(), first.teamId(), first.hashType(), directories, pages, signed.size(), problems);
  }

  private static AppleSignature withSlice(AppleSignature s, int slice, int of) {
    if (of == 1 || s.problems().isEmpty()) return s;
    List<String> p = new ArrayList<>();
    for (String x : s.problems()) p.add("slice " + slice + ": " + x);
    return new AppleSignature(s.kind(), s.identifier(), s.teamId(), s.hashType(), s.codeDirectories(), s.pagesChecked(), s.slices(), p);
  }

  private static @Nullable AppleSignature thin(FileChannel ch, long base, long sliceSize) throws IOException, MalformedFile {
    ByteBuffer header = read(ch, base, 32);
    int magic = header.order(ByteOrder.BIG_ENDIAN).getInt(0);
    ByteOrder order;
    boolean is64;
    switch (magic) {
      case 0xfeedface -> { order = ByteOrder.BIG_ENDIAN; is64 = false; }
      case 0xfeedfacf -> { order = ByteOrder.BIG_ENDIAN; is64 = true; }
      case 0xcefaedfe -> { order = ByteOrder.LITTLE_ENDIAN; is64 = false; }
      case 0xcffaedfe -> { order = ByteOrder.LITTLE_ENDIAN; is64 = true; }
      default -> throw new MalformedFile("no Mach-O header at offset " + base);
    }
    header.order(order);
    long commands = Integer.toUnsignedLong(header.getInt(16));
    long commandsSize = Integer.toUnsignedLong(header.getInt(20));
    if (commandsSize > MAX_COMMANDS_SIZE) throw new MalformedFile("the load commands claim " + commandsSize + " bytes");
    long start = base + (is64 ? 32 : 28);
    ByteBuffer cmds = read(ch, start, (int) commandsSize).order(order);
    int at = 0;
    for (long i = 0; i < commands; i++) {
      if (at + 8 > commandsSize) throw new MalformedFile("load command " + i + " runs past the load commands");
      int cmd = cmds.getInt(at);
      long cmdSize = Integer.toUnsignedLong(cmds.getInt(at + 4));
      if (cmdSize < 8 || at + cmdSize > commandsSize) throw new MalformedFile("load command " + i + " has size " + cmdSize);
      if (cmd == LC_CODE_SIGNATURE) {
        if (cmdSize < 16) throw new MalformedFile("LC_CODE_SIGNATURE is too short");
        long dataOff = Integer.toUnsignedLong(cmds.getInt(at + 8));
        long dataSize = Integer.toUnsignedLong(cmds.getInt(at + 12));
        if (dataOff + dataSize > sliceSize) {
          throw new MalformedFile("LC_CODE_SIGNATURE points outside the slice (offset " + dataOff + ", " + dataSize + " bytes)");
        }
        return superBlob(ch, base, base + dataOff, dataSize, "LC_CODE_SIGNATURE");
      }
      at += (int) cmdSize;
    }
    return null;
  }

  /** A DMG's trailer and signature. */
  public record Dmg(@Nullable AppleSignature signature) {}

  /** The DMG's signature (null inside when unsigned); call only when {@link #isDmg} holds. */
  public static Dmg dmg(FileChannel ch) throws IOException, MalformedFile {
    ByteBuffer trailer = read(ch, ch.size() - 512, 512).order(ByteOrder.BIG_ENDIAN);
    long offset = trailer.getLong(296);
    long size = trailer.getLong(304);
    if (size == 0) return new Dmg(null);
    return new Dmg(superBlob(ch, 0, offset, size, "the DMG trailer"));
  }

  private static AppleSignature superBlob(FileChannel ch, long base, long offset, long size, String from)
      throws IOException, MalformedFile {
    if (offset < 0 || size < 12 || size > MAX_BLOB || offset + size > ch.size()) {
      throw new MalformedFile(from + " points outside the file (offset " + offset + ", " + size + " bytes)");
    }
    ByteBuffer blob = read(ch, offset, (int) size).order(ByteOrder.BIG_ENDIAN);
    if (blob.getInt(0) != SUPERBLOB) throw new MalformedFile("the code signature is not a SuperBlob (magic 0x" + Integer.toHexString(blob.getInt(0)) + ")");
    int count = blob.getInt(8);
    if (count < 0 || 12L + 8L * count > size) throw new MalformedFile("the code signature's index is truncated");
    int[] slots = new int[count];
    int[] starts = new int[count];
    int[] lengths = new int[count];
    for (int i = 0; i < count; i++) {
      slots[i] = blob.getInt(12 + 8 * i);
      int at = blob.getInt(16 + 8 * i);
      if (at < 12 || at + 8L > size) throw new MalformedFile("blob " + i + " of the code signature lies outside it");
      int length = blob.getInt(at + 4);
      if (length < 8 || at + (long) length > size) throw new MalformedFile("blob " + i + " of the code signature is truncated");
      starts[i] = at;
      lengths[i] = length;
    }
    String identifier = null;
    String team = null;
    String hashType = null;
    int bestType = -1;
    boolean cms = false;
    boolean adHocFlag = false;
    int directories = 0;
    long pages = 0;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int at = starts[i];
      int magic = blob.getInt(at);
      int slot = slots[i];
      if (magic == CODE_DIRECTORY && (slot == 0 || slot >= 0x1000 && slot < 0x1005)) {
        CodeDirectory cd = CodeDirectory.parse(blob, at, lengths[i]);
        directories++;
        if (identifier == null) {
          identifier = cd.identifier;
          team = cd.team;
        }
        adHocFlag |= (cd.flags & 0x2) != 0;
        if (cd.hashType > bestType) {
          bestType = cd.hashType;
          hashType = hashName(cd.hashType);
        }
        pages += cd.checkPages(ch, base, problems);
        cd.checkSpecialSlots(blob, slots, starts, lengths, problems);
      } else if (magic == CMS_WRAPPER && lengths[i] > 8) {
        cms = true;
      }
    }
    if (directories == 0) throw new MalformedFile("the code signature has no CodeDirectory");
    if (problems.size() > MAX_PROBLEMS) {
      int more = problems.size() - MAX_PROBLEMS;
      problems.subList(MAX_PROBLEMS, problems.size()).clear();
      problems.add("and " + more + " more");
    }
    return new AppleSignature(adHocFlag || !cms ? "ad-hoc" : "cms", identifier, team, hashType, directories, pages, 1, problems);
  }

  private static String hashName(int type) {
    return switch (type) {
      case 1 -> "sha1";
      case 2 -> "sha256";
      case 3 -> "sha256-truncated";
      case 4 -> "sha384";
      default -> "type-" + type;
    };
  }

  /** One CodeDirectory's fields, bounds-checked against its blob. */
  private static final class CodeDirectory {
    /** The CodeDirectory's own bytes, where the hash slots are. */
    final byte[] stored;
    final int flags;
    final int hashOffset;
    final int specialSlots;
    final int codeSlots;
    final long codeLimit;
    final int hashSize;
    final int hashType;
    final int pageShift;
    final @Nullable String identifier;
    final @Nullable String team;

    private CodeDirectory(ByteBuffer blob, int at, int length) throws MalformedFile {
      if (length < 40) throw new MalformedFile("a CodeDirectory is " + length + " bytes, too short");
      stored = new byte[length];
      blob.get(at, stored);
      int version = blob.getInt(at + 8);
      flags = blob.getInt(at + 12);
      hashOffset = blob.getInt(at + 16);
      specialSlots = blob.getInt(at + 24);
      codeSlots = blob.getInt(at + 28);
      long limit = Integer.toUnsignedLong(blob.getInt(at + 32));
      if (version >= 0x20300 && length >= 64 && blob.getLong(at + 56) != 0) limit = blob.getLong(at + 56);
      codeLimit = limit;
      hashSize = blob.get(at + 36) & 0xFF;
      hashType = blob.get(at + 37) & 0xFF;
      pageShift = blob.get(at + 39) & 0xFF;
      identifier = string(blob, at, length, blob.getInt(at + 20));
      String t = null;
      if (version >= 0x20200 && length >= 52) {
        int teamOffset = blob.getInt(at + 48);
        if (teamOffset != 0) t = string(blob, at, length, teamOffset);
      }
      team = t;
      if (specialSlots < 0 || codeSlots < 0 || hashSize == 0 || hashSize > 64 || hashOffset < 0
          || (long) hashOffset + (long) codeSlots * hashSize > length || hashOffset - (long) specialSlots * hashSize < 40) {
        throw new MalformedFile("a CodeDirectory's hash slots lie outside it");
      }
      if (pageShift != 0 && (pageShift < 9 || pageShift > 24)) throw new MalformedFile("a CodeDirectory has page size 2^" + pageShift);
      if (codeLimit < 0) throw new MalformedFile("a CodeDirectory's code limit is negative");
    }

    static CodeDirectory parse(ByteBuffer blob, int at, int length) throws MalformedFile {
      return new CodeDirectory(blob, at, length);
    }

    MessageDigest digest() throws MalformedFile {
      return switch (hashType) {
        case 1 -> Digester.md("SHA-1");
        case 2, 3 -> Digester.md("SHA-256");
        case 4 -> Digester.md("SHA-384");
        default -> throw new MalformedFile("a CodeDirectory uses hash type " + hashType + ", not one Apple defines");
      };
    }

    /** Compares every code page's hash with the file; the number of pages checked. */
    long checkPages(FileChannel ch, long base, List<String> problems) throws IOException, MalformedFile {
      long page = pageShift == 0 ? Math.max(codeLimit, 1) : 1L << pageShift;
      long expected = codeLimit == 0 ? 0 : (codeLimit + page - 1) / page;
      if (expected != codeSlots) {
        problems.add("the " + hashName(hashType) + " CodeDirectory has " + codeSlots + " code slots for " + codeLimit
            + " bytes of code in pages of " + page + " (" + expected + " expected)");
        return 0;
      }
      if (base + codeLimit > ch.size()) {
        problems.add("the " + hashName(hashType) + " CodeDirectory covers " + codeLimit + " bytes of code, beyond the end of the file");
        return 0;
      }
      MessageDigest md = digest();
      int mismatched = 0;
      long firstBad = -1;
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(page, 1 << 24));
      for (int i = 0; i < codeSlots; i++) {
        long from = base + i * page;
        long to = base + Math.min((i + 1) * page, codeLimit);
        md.reset();
        for (long p = from; p < to; ) {
          buf.clear().limit((int) Math.min(buf.capacity(), to - p));
          int n = ch.read(buf, p);
          if (n <= 0) throw new MalformedFile("the file ended inside its code");
          md.update(buf.array(), 0, n);
          p += n;
        }
        byte[] actual = md.digest();
        int slot = blobHash(i);
        if (!Arrays.equals(actual, 0, hashSize, stored, slot, slot + hashSize)) {
          mismatched++;
          if (firstBad < 0) firstBad = i;
        }
      }
      if (mismatched > 0) {
        problems.add(mismatched + " of " + codeSlots + " code pages differ from the " + hashName(hashType)
            + " CodeDirectory's hashes, first page " + firstBad + " (offset " + (firstBad * page) + "): the code was modified after signing");
      }
      return codeSlots;
    }

    /** Special slots whose blobs are in the SuperBlob: their hashes must match those blobs. */
    void checkSpecialSlots(ByteBuffer blob, int[] slots, int[] starts, int[] lengths, List<String> problems) throws MalformedFile {
      for (int special : CHECKED_SPECIAL_SLOTS) {
        if (special > specialSlots) continue;
        int slot = hashOffset - special * hashSize;
        boolean empty = true;
        for (int k = 0; k < hashSize; k++) if (stored[slot + k] != 0) empty = false;
        for (int i = 0; i < slots.length; i++) {
          if (slots[i] != special) continue;
          MessageDigest md = digest();
          byte[] b = new byte[lengths[i]];
          blob.get(starts[i], b);
          md.update(b);
          byte[] actual = md.digest();
          if (empty || !Arrays.equals(actual, 0, hashSize, stored, slot, slot + hashSize)) {
            problems.add("the " + (special == 2 ? "requirements" : "entitlements") + " blob differs from its hash in the "
                + hashName(hashType) + " CodeDirectory");
          }
        }
      }
    }

    /** Offset of code slot {@code i} in {@link #stored}. */
    private int blobHash(int i) {
      return hashOffset + i * hashSize;
    }
  }

  private static @Nullable String string(ByteBuffer blob, int base, int length, int offset) throws MalformedFile {
    if (offset <= 0 || offset >= length) return null;
    int end = base + offset;
    while (end < base + length && blob.get(end) != 0) end++;
    if (end == base + length) throw new MalformedFile("a string in the CodeDirectory is not terminated");
    byte[] b = new byte[end - base - offset];
    blob.get(base + offset, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static ByteBuffer read(FileChannel ch, long offset, int n) throws IOException, MalformedFile {
    if (offset < 0 || offset + n > ch.size()) throw new MalformedFile("the file is truncated: " + n + " bytes needed at offset " + offset + " of " + ch.size());
    return Bytes.read(ch, offset, n);
  }
}
