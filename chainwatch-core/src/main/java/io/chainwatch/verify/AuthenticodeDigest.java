package io.chainwatch.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * The Authenticode digest of a PE file: every byte in file order except the CheckSum (4 bytes), the certificate-table
 * directory entry (8 bytes) and the certificate table itself. Bytes after the table are included, so data appended to
 * a signed file after its table changes the digest; bytes inside the table do not (ebourg/jsign
 * {@code PEFile.computeDigest}; Microsoft's Authenticode PE specification, "Calculating the PE Image Hash").
 */
public final class AuthenticodeDigest {
  private AuthenticodeDigest() {}

  /** The digest with {@code algorithm} (a JDK name such as SHA-256). */
  public static byte[] compute(FileChannel ch, PeImage pe, String algorithm) throws IOException {
    MessageDigest md = Digester.md(algorithm);
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    long size = pe.fileSize();
    if (pe.certDirectoryOffset() < 0) {
      hash(ch, md, buf, 0, pe.checksumOffset());
      hash(ch, md, buf, pe.checksumOffset() + 4, size);
    } else {
      hash(ch, md, buf, 0, pe.checksumOffset());
      hash(ch, md, buf, pe.checksumOffset() + 4, pe.certDirectoryOffset());
      long dirEnd = pe.certDirectoryOffset() + 8;
      if (pe.hasCertificateTable()) {
        hash(ch, md, buf, dirEnd, pe.certTableOffset());
        hash(ch, md, buf, pe.certTableOffset() + pe.certTableSize(), size);
      } else {
        hash(ch, md, buf, dirEnd, size);
      }
    }
    return md.digest();
  }

  private static void hash(FileChannel ch, MessageDigest md, ByteBuffer buf, long from, long to) throws IOException {
    long at = from;
    while (at < to) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), to - at));
      int n = ch.read(buf, at);
      if (n < 0) break;
      buf.flip();
      md.update(buf);
      at += n;
    }
  }
}
