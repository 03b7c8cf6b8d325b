package io.chainwatch.verify;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A macOS code signature: its identity and what checking its code hashes against the file found.
 *
 * @param kind {@code cms} (a CMS signature blob is there: a certificate signed it) or {@code ad-hoc} (no certificate:
 *     no CMS blob, an empty one, or the CodeDirectory's ad-hoc flag)
 * @param identifier the CodeDirectory's identifier, e.g. {@code com.electron.3cx-desktop-app}
 * @param teamId the Team ID (e.g. {@code 33CF4654HL}), when the CodeDirectory names one
 * @param hashType the strongest CodeDirectory's hash: {@code sha1}, {@code sha256}, {@code sha256-truncated},
 *     {@code sha384}
 * @param codeDirectories how many CodeDirectories were checked (a slice often carries a SHA-1 one and a SHA-256 one)
 * @param pagesChecked code pages whose hash was compared with the file, over all CodeDirectories and slices
 * @param slices signed slices (1 for a thin binary or a DMG)
 * @param problems mismatched page or special-slot hashes, one sentence each; empty when every hash matches
 */
public record AppleSignature(String kind, @Nullable String identifier, @Nullable String teamId, String hashType,
    int codeDirectories, long pagesChecked, int slices, List<String> problems) {
  public AppleSignature {
    problems = List.copyOf(problems);
  }

  public boolean adHoc() {
    return kind.equals("ad-hoc");
  }
}
