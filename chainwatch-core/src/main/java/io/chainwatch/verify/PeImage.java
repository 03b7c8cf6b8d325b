package io.chainwatch.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The parts of a PE file's headers that Authenticode needs, every offset checked against the file size.
 *
 * <p>Implementation notes (Microsoft PE format; "Windows Authenticode Portable Executable Signature Format"): the
 * DOS header's {@code e_lfanew} (offset 0x3C) points to {@code PE\0\0}, then the 20-byte COFF header, then the
 * optional header whose {@code Magic} is 0x10B (PE32) or 0x20B (PE32+). {@code CheckSum} is at optional-header offset
 * 64; data directory 4, the certificate table, at 128 (PE32) or 144 (PE32+), present only when
 * {@code NumberOfRvaAndSizes} is above 4. The certificate table's address is a file offset, not an RVA.
 *
 * @param fileSize the file's length
 * @param pe32Plus whether the optional header is PE32+
 * @param checksumOffset file offset of the 4-byte CheckSum
 * @param certDirectoryOffset file offset of the 8-byte certificate-table directory entry, or -1 when absent
 * @param certTableOffset the certificate table's file offset (0 when unsigned)
 * @param certTableSize the certificate table's size (0 when unsigned)
 * @param sizeOfHeaders the optional header's SizeOfHeaders
 */
public record PeImage(long fileSize, boolean pe32Plus, long checksumOffset, long certDirectoryOffset,
    long certTableOffset, long certTableSize, long sizeOfHeaders) {

  private static final int MAX_SECTIONS = 96;

  public boolean hasCertificateTable() {
    return certDirectoryOffset >= 0 && (certTableOffset != 0 || certTableSize != 0);
  }

  /** Whether the file starts like a PE: "MZ" and, where e_lfanew points, "PE\0\0". */
  static boolean looksLikePe(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size < 64) return false;
    ByteBuffer dos = Bytes.read(ch, 0, 64);
    if (dos.get(0) != 'M' || dos.get(1) != 'Z') return false;
    long lfanew = Bytes.u32(dos, 0x3C);
    if (lfanew + 4 > size) return true; // an MZ file whose PE header is cut off: a truncated PE, reported as such
    ByteBuffer sig = Bytes.read(ch, lfanew, 4);
    return sig.getInt(0) == 0x00004550;
  }

  public static PeImage read(FileChannel ch) throws IOException, MalformedFile {
    long size = ch.size();
    if (size < 64) throw new MalformedFile("the DOS header is truncated (" + size + " bytes)");
    ByteBuffer dos = Bytes.read(ch, 0, 64);
    long lfanew = Bytes.u32(dos, 0x3C);
    if (lfanew + 24 > size) throw new MalformedFile("the PE header at " + lfanew + " lies beyond the end of the file (" + size + " bytes)");
    ByteBuffer coff = Bytes.read(ch, lfanew, 24);
    if (coff.getInt(0) != 0x00004550) throw new MalformedFile("there is no PE signature at offset " + lfanew);
    int sections = Bytes.u16(coff, 6);
    int optionalSize = Bytes.u16(coff, 20);
    long optional = lfanew + 24;
    if (optional + 2 > size) throw new MalformedFile("the optional header is truncated");
    int magic = Bytes.u16(Bytes.read(ch, optional, 2), 0);
    boolean plus;
    if (magic == 0x10B) plus = false;
    else if (magic == 0x20B) plus = true;
    else throw new MalformedFile("the optional header has magic 0x" + Integer.toHexString(magic) + ", neither PE32 nor PE32+");
    int fixed = plus ? 112 : 96; // the optional header before its data directories
    if (optionalSize < fixed) throw new MalformedFile("the optional header is " + optionalSize + " bytes, shorter than the " + fixed + " its magic requires");
    if (optional + optionalSize > size) throw new MalformedFile("the optional header is truncated: it needs " + optionalSize + " bytes at " + optional + " in a file of " + size);
    if (sections > MAX_SECTIONS) throw new MalformedFile("the header declares " + sections + " sections, more than the " + MAX_SECTIONS + " a PE may have");
    if (optional + optionalSize + 40L * sections > size) throw new MalformedFile("the section table is truncated");
    ByteBuffer opt = Bytes.read(ch, optional, optionalSize);
    long sizeOfHeaders = Bytes.u32(opt, 60);
    long directories = Bytes.u32(opt, plus ? 108 : 92);
    long certDir = -1;
    long tableOffset = 0;
    long tableSize = 0;
    int certAt = fixed + 4 * 8;
    if (directories > 4 && optionalSize >= certAt + 8) {
      certDir = optional + certAt;
      tableOffset = Bytes.u32(opt, certAt);
      tableSize = Bytes.u32(opt, certAt + 4);
    }
    return new PeImage(size, plus, optional + 64, certDir, tableOffset, tableSize, sizeOfHeaders);
  }
}
