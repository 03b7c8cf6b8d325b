package io.chainwatch.verify;

import java.util.List;

/**
 * What a run found beyond the single files.
 *
 * @param bundles signed folders that ship unsigned PE modules
 * @param missing the paths named on the command line that do not exist
 */
public record VerifyRun(List<BundleReport> bundles, List<String> missing) {
  public VerifyRun {
    bundles = List.copyOf(bundles);
    missing = List.copyOf(missing);
  }
}
