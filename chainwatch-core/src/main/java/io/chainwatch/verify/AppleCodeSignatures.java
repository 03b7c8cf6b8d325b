package io.chainwatch.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * macOS code signatures of Mach-O binaries (thin and universal) and DMG disk images: whether one is present, and its
 * identifier and Team ID. The cryptography (CMS, page hashes, notarisation) is out of scope.
 *
 * <p>Implementation notes (Apple's {@code <mach-o/loader.h>}, {@code cs_blobs.h}; indygreg/apple-platform-rs
 * {@code apple-codesign}): a Mach-O's {@code LC_CODE_SIGNATURE} (0x1D) load command gives the file offset and size of
 * an embedded-signature SuperBlob (big-endian, magic 0xfade0cc0) whose index lists blobs by slot: the CodeDirectory
 * (slot 0 or 0x1000+, magic 0xfade0c02) and the CMS wrapper (slot 0x10000, magic 0xfade0b01). The CodeDirectory has
 * {@code identOffset} at byte 20 and, from version 0x20200, {@code teamOffset} at byte 48, both NUL-terminated
 * strings. A universal binary (magic 0xcafebabe, or 0xcafebabf with 64-bit offsets) signs each slice on its own; the
 * first signed slice is reported. A DMG ends in a 512-byte "koly" trailer whose code-signature offset and size are at
 * bytes 296 and 304.
 */
public final class AppleCodeSignatures {
  private static final int LC_CODE_SIGNATURE = 0x1D;
  private static final int SUPERBLOB = 0xfade0cc0;
  private static final int CODE_DIRECTORY = 0xfade0c02;
  private static final int CMS_WRAPPER = 0xfade0b01;
  private static final int MAX_BLOB = 64 << 20;
  private static final int MAX_COMMANDS_SIZE = 16 << 20;
  private static final int MAX_SLICES = 32;

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

  static boolean isDmg(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < 512) return false;
    ByteBuffer trailer = Bytes.read(ch, size - 512, 4);
    return trailer.get(0) == 'k' && trailer.get(1) == 'o' && trailer.get(2) == 'l' && trailer.get(3) == 'y';
  }

  /** The Mach-O's signature, or null when unsigned. */
  public static @Nullable AppleSignature machO(FileChannel ch) throws IOException, MalformedFile {
    ByteBuffer head = Bytes.read(ch, 0, 8).order(ByteOrder.BIG_ENDIAN);
    int magic = head.getInt(0);
    if (magic == 0xcafebabe || magic == 0xcafebabf) {
      boolean wide = magic == 0xcafebabf;
      int slices = head.getInt(4);
      if (slices < 1 || slices > MAX_SLICES) throw new MalformedFile("the universal binary declares " + Integer.toUnsignedString(slices) + " slices");
      int entry = wide ? 32 : 20;
      ByteBuffer arches = read(ch, 8, slices * entry).order(ByteOrder.BIG_ENDIAN);
      for (int i = 0; i < slices; i++) {
        int at = i * entry;
        long offset = wide ? arches.getLong(at + 8) : Integer.toUnsignedLong(arches.getInt(at + 8));
        long size = wide ? arches.getLong(at + 16) : Integer.toUnsignedLong(arches.getInt(at + 12));
        if (offset < 0 || size < 0 || offset + size > ch.size()) throw new MalformedFile("slice " + i + " of the universal binary lies outside the file");
        AppleSignature s = thin(ch, offset);
        if (s != null) return s;
      }
      return null;
    }
    return thin(ch, 0);
  }

  private static @Nullable AppleSignature thin(FileChannel ch, long base) throws IOException, MalformedFile {
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
        return superBlob(ch, base + dataOff, dataSize, "LC_CODE_SIGNATURE");
      }
      at += (int) cmdSize;
    }
    return null;
  }

  /** The DMG's signature, or null when unsigned. */
  public static @Nullable AppleSignature dmg(FileChannel ch) throws IOException, MalformedFile {
    ByteBuffer trailer = read(ch, ch.size() - 512, 512).order(ByteOrder.BIG_ENDIAN);
    long offset = trailer.getLong(296);
    long size = trailer.getLong(304);
    if (size == 0) return null;
    return superBlob(ch, offset, size, "the DMG trailer");
  }

  private static AppleSignature superBlob(FileChannel ch, long offset, long size, String from) throws IOException, MalformedFile {
    if (offset < 0 || size < 12 || size > MAX_BLOB || offset + size > ch.size()) {
      throw new MalformedFile(from + " points outside the file (offset " + offset + ", " + size + " bytes)");
    }
    ByteBuffer blob = read(ch, offset, (int) size).order(ByteOrder.BIG_ENDIAN);
    if (blob.getInt(0) != SUPERBLOB) throw new MalformedFile("the code signature is not a SuperBlob (magic 0x" + Integer.toHexString(blob.getInt(0)) + ")");
    int count = blob.getInt(8);
    if (count < 0 || 12L + 8L * count > size) throw new MalformedFile("the code signature's index is truncated");
    String identifier = null;
    String team = null;
    boolean cms = false;
    boolean adHocFlag = false;
    for (int i = 0; i < count; i++) {
      int slot = blob.getInt(12 + 8 * i);
      int at = blob.getInt(16 + 8 * i);
      if (at < 0 || at + 8L > size) throw new MalformedFile("blob " + i + " of the code signature lies outside it");
      int magic = blob.getInt(at);
      int length = blob.getInt(at + 4);
      if (length < 8 || at + (long) length > size) throw new MalformedFile("blob " + i + " of the code signature is truncated");
      if (magic == CODE_DIRECTORY && identifier == null && (slot == 0 || slot >= 0x1000 && slot < 0x2000)) {
        int version = blob.getInt(at + 8);
        adHocFlag = (blob.getInt(at + 12) & 0x2) != 0;
        identifier = string(blob, at, length, blob.getInt(at + 20));
        if (version >= 0x20200 && length >= 52) {
          int teamOffset = blob.getInt(at + 48);
          if (teamOffset != 0) team = string(blob, at, length, teamOffset);
        }
      } else if (magic == CMS_WRAPPER && length > 8) {
        cms = true;
      }
    }
    if (identifier == null) throw new MalformedFile("the code signature has no CodeDirectory");
    return new AppleSignature(identifier, team, adHocFlag || !cms);
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
