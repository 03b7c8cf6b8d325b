package io.chainwatch.formats.csaf;

import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Integrity sidecars of CSAF providers: {@code advisory.json.sha512} next to {@code advisory.json}, holding the
 * hex SHA-512 of the file, optionally followed by its name ({@code sha512sum} output).
 */
public final class CsafSidecar {
  private static final int MAX_SIDECAR_BYTES = 4096;

  private CsafSidecar() {}

  /**
   * Whether {@code document} matches the SHA-512 in its sidecar {@code document + ".sha512"}.
   *
   * @return false when the hash differs or the sidecar names another file
   * @throws java.nio.file.NoSuchFileException when there is no sidecar
   * @throws InputRejected when the sidecar does not hold a SHA-512
   */
  public static boolean verifySha512(Path document) throws IOException {
    Path sidecar = document.resolveSibling(document.getFileName() + ".sha512");
    byte[] head;
    try (InputStream in = Files.newInputStream(sidecar)) {
      head = in.readNBytes(MAX_SIDECAR_BYTES);
    }
    String line = new String(head, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
    String[] parts = line.split("\\s+", 2);
    if (!parts[0].matches("[0-9a-fA-F]{128}")) {
      throw new InputRejected(sidecar.toString(), "line 1", "is not a SHA-512 sidecar: it does not start with 128 hexadecimal digits");
    }
    if (parts.length == 2) {
      String named = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1]; // '*' marks binary mode
      if (!named.equals(document.getFileName().toString())) return false;
    }
    return MessageDigest.isEqual(HexFormat.of().parseHex(parts[0].toLowerCase(Locale.ROOT)), sha512(document));
  }

  private static byte[] sha512(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-512", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
    }
    return digest.digest();
  }
}
