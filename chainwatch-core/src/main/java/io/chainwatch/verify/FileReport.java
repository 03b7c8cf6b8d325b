package io.chainwatch.verify;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The verification of one file.
 *
 * @param digests null when the file could not be read ({@code error} says why)
 * @param incidents the incidents whose indicators name one of the file's hashes (sorted)
 * @param error why the file could not be verified, or null
 */
public record FileReport(Path path, long size, @Nullable FileDigests digests, Verdict verdict, List<String> incidents,
    SignatureReport signature, @Nullable String error) {

  public FileReport {
    incidents = List.copyOf(incidents);
  }

  static FileReport failed(Path path, String error) {
    return new FileReport(path, -1, null, Verdict.UNKNOWN, List.of(), SignatureReport.notApplicable(), error);
  }

  /** A Windows module (EXE, DLL, SYS, ...) by its PE signature. */
  public boolean isPe() {
    return "authenticode-pe".equals(signature.format());
  }
}
