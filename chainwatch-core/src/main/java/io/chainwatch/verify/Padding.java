package io.chainwatch.verify;

import java.util.List;

/**
 * What sits in a signed PE besides its signature (the CVE-2013-3900 pattern).
 *
 * @param appendedBytes bytes after the PKCS#7 blob inside the certificate table that are more than alignment (more
 *     than 7, or not zero): data outside the Authenticode digest that leaves the signature valid
 * @param extraEntries certificate entries after the first (Windows reads only the first)
 * @param dataAfterTable bytes after the certificate table's end (covered by the digest: the file was changed after
 *     signing)
 * @param entropy Shannon entropy of the appended bytes in bits per byte (0 when none); near 8 means encrypted or
 *     compressed
 * @param markers known markers found in the appended bytes, such as {@code FEEDFACE} (3CX's d3dcompiler_47.dll)
 */
public record Padding(long appendedBytes, int extraEntries, long dataAfterTable, double entropy, List<String> markers) {
  public static final Padding NONE = new Padding(0, 0, 0, 0, List.of());

  public Padding {
    markers = List.copyOf(markers);
  }

  public boolean isFinding() {
    return appendedBytes > 0 || extraEntries > 0 || dataAfterTable > 0;
  }
}
