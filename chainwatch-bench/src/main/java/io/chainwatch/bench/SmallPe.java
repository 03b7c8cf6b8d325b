package io.chainwatch.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A small PE32 DLL for the verification bench: DOS header, PE header, one {@code .text} section of 4 to 36 KiB whose
 * bytes depend on the seed (so that every file has its own digest). Just enough structure for osslsigncode to sign it
 * and for Authenticode to cover every byte.
 */
final class SmallPe {
  private static final int HEADERS = 0x400;
  private static final int PE = 0x80;

  private SmallPe() {}

  static byte[] build(int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int text = 0x1000 * (1 + random.nextInt(9));
    ByteBuffer b = ByteBuffer.allocate(HEADERS + text).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) 0x5A4D).putInt(0x3C, PE);
    b.putInt(PE, 0x4550);
    // COFF: i386, one section, optional header of 0xE0 bytes, characteristics executable | 32-bit | DLL.
    b.putShort(PE + 4, (short) 0x14C).putShort(PE + 6, (short) 1).putShort(PE + 20, (short) 0xE0).putShort(PE + 22, (short) 0x2102);
    int opt = PE + 24;
    b.putShort(opt, (short) 0x10B);
    b.putInt(opt + 4, text).putInt(opt + 16, 0x1000).putInt(opt + 20, 0x1000);
    b.putInt(opt + 28, 0x10000000).putInt(opt + 32, 0x1000).putInt(opt + 36, 0x200);
    b.putShort(opt + 40, (short) 6).putShort(opt + 48, (short) 6);
    b.putInt(opt + 56, 0x1000 + text).putInt(opt + 60, HEADERS);
    b.putShort(opt + 68, (short) 2).putInt(opt + 72, 0x100000).putInt(opt + 76, 0x1000).putInt(opt + 80, 0x100000).putInt(opt + 84, 0x1000);
    b.putInt(opt + 92, 16);
    int section = opt + 0xE0;
    b.put(section, ".text\0\0\0".getBytes(StandardCharsets.US_ASCII));
    b.putInt(section + 8, text).putInt(section + 12, 0x1000).putInt(section + 16, text).putInt(section + 20, HEADERS);
    b.putInt(section + 36, 0x60000020);
    for (int i = HEADERS; i < HEADERS + text; i += 8) b.putLong(i, random.nextLong());
    b.put(HEADERS, (byte) 0xC3);
    return b.array();
  }
}
