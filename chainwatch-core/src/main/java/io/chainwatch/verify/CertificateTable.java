package io.chainwatch.verify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The WIN_CERTIFICATE entries of a PE's certificate table, walked without cryptography.
 *
 * <p>Implementation notes: each entry is {@code dwLength} (u32, including its 8-byte header), {@code wRevision}
 * (0x0200), {@code wCertificateType} (2 = PKCS#7 SignedData), then the blob; entries start on 8-byte boundaries. The
 * DER length of the blob's outer SEQUENCE says where the PKCS#7 ends; anything between its end and the end of the entry,
 * and between the last entry and the end of the table, is slack. Up to 7 zero bytes of slack are alignment; more, or
 * any non-zero byte, is what Windows' opt-in {@code EnableCertPaddingCheck} rejects (CVE-2013-3900) and is counted as
 * appended. Bytes after the table's end are covered by the digest, so they are reported apart from padding.
 *
 * @param signatureOffset file offset of the first entry's PKCS#7 blob
 * @param signatureLength DER length of that blob
 * @param firstEntryType the first entry's wCertificateType
 */
public record CertificateTable(long signatureOffset, int signatureLength, int firstEntryType, Padding padding) {
  /** Larger signatures than this are refused: real ones are tens of kilobytes. */
  static final int MAX_SIGNATURE = 16 << 20;

  public static CertificateTable read(FileChannel ch, PeImage pe) throws IOException, MalformedFile {
    long start = pe.certTableOffset();
    long end = start + pe.certTableSize();
    long size = pe.fileSize();
    if (end > size || start < Math.min(pe.sizeOfHeaders(), 64)) {
      throw new MalformedFile("the security directory points outside the file: table at " + start + ", " + pe.certTableSize()
          + " bytes, in a file of " + size + " bytes");
    }
    if (pe.certTableSize() < 8) throw new MalformedFile("the certificate table is " + pe.certTableSize() + " bytes, too short for one entry");
    Slack slack = new Slack();
    long offset = start;
    long signatureOffset = -1;
    int signatureLength = 0;
    int firstType = 0;
    int entries = 0;
    long lastEnd = start;
    while (offset + 8 <= end) {
      ByteBuffer header = Bytes.read(ch, offset, 8);
      long length = Bytes.u32(header, 0);
      int revision = Bytes.u16(header, 4);
      int type = Bytes.u16(header, 6);
      if (length < 8 || offset + length > end) {
        if (entries == 0) throw new MalformedFile("the first certificate entry claims " + length + " bytes, beyond the table's " + pe.certTableSize());
        break; // leftover bytes after the entries; measured as slack below
      }
      entries++;
      if (entries == 1) {
        if (revision != 0x0200 && revision != 0x0100) throw new MalformedFile("the first certificate entry has revision 0x" + Integer.toHexString(revision));
        firstType = type;
        signatureOffset = offset + 8;
        signatureLength = derLength(ch, signatureOffset, length - 8);
        slack.add(ch, signatureOffset + signatureLength, offset + length);
      }
      lastEnd = offset + length;
      offset = lastEnd + ((8 - (lastEnd & 7)) & 7);
    }
    slack.add(ch, lastEnd, end);
    Padding padding = new Padding(slack.appended, Math.max(0, entries - 1), size - end, slack.entropy(), slack.markers);
    return new CertificateTable(signatureOffset, signatureLength, firstType, padding);
  }

  /** The full encoded length (tag, length octets, content) of the DER SEQUENCE at {@code at}, within {@code limit}. */
  static int derLength(FileChannel ch, long at, long limit) throws IOException, MalformedFile {
    if (limit < 2) throw new MalformedFile("the signature entry is empty");
    ByteBuffer head = Bytes.read(ch, at, (int) Math.min(limit, 6));
    if ((head.get(0) & 0xFF) != 0x30) throw new MalformedFile("the signature is not a DER SEQUENCE (malformed PKCS#7)");
    int first = head.get(1) & 0xFF;
    long content;
    int headerLength;
    if (first < 0x80) {
      content = first;
      headerLength = 2;
    } else if (first == 0x80) {
      throw new MalformedFile("the signature uses an indefinite length (malformed PKCS#7)");
    } else {
      int octets = first & 0x7F;
      if (octets > 4 || head.limit() < 2 + octets) throw new MalformedFile("the signature's length is malformed (malformed PKCS#7)");
      content = 0;
      for (int i = 0; i < octets; i++) content = (content << 8) | (head.get(2 + i) & 0xFF);
      headerLength = 2 + octets;
    }
    long total = headerLength + content;
    if (total > limit) throw new MalformedFile("the PKCS#7 blob claims " + total + " bytes but its entry holds " + limit + " (malformed PKCS#7)");
    if (total > MAX_SIGNATURE) throw new MalformedFile("the PKCS#7 blob is " + total + " bytes, more than the " + MAX_SIGNATURE + " accepted");
    return (int) total;
  }

  /** Slack regions: counted when longer than alignment or not zero; with a byte histogram and marker search. */
  private static final class Slack {
    private static final byte[] FEEDFACE = {(byte) 0xFE, (byte) 0xED, (byte) 0xFA, (byte) 0xCE};
    long appended;
    final long[] histogram = new long[256];
    final List<String> markers = new ArrayList<>();

    void add(FileChannel ch, long from, long to) throws IOException {
      long n = to - from;
      if (n <= 0) return;
      long[] local = new long[256];
      boolean zero = true;
      int matched = 0;
      boolean feedface = false;
      for (long at = from; at < to; ) {
        int chunk = (int) Math.min(1 << 20, to - at);
        ByteBuffer b = Bytes.read(ch, at, chunk);
        for (int i = 0; i < chunk; i++) {
          byte v = b.get(i);
          local[v & 0xFF]++;
          if (v != 0) zero = false;
          matched = v == FEEDFACE[matched] ? matched + 1 : (v == FEEDFACE[0] ? 1 : 0);
          if (matched == FEEDFACE.length) {
            feedface = true;
            matched = 0;
          }
        }
        at += chunk;
      }
      if (n <= 7 && zero) return; // alignment
      appended += n;
      for (int i = 0; i < 256; i++) histogram[i] += local[i];
      if (feedface && !markers.contains("FEEDFACE")) markers.add("FEEDFACE");
    }

    double entropy() {
      if (appended == 0) return 0;
      double h = 0;
      for (long c : histogram) {
        if (c == 0) continue;
        double p = (double) c / appended;
        h -= p * Math.log(p) / Math.log(2);
      }
      return Math.round(h * 1000) / 1000.0;
    }
  }
}
