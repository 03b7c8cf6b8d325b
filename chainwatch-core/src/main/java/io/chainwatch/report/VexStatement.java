package io.chainwatch.report;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One VEX statement: what an incident means for one release (or, with {@code version} null, for a product nobody
 * runs), in OpenVEX's vocabulary; writers translate it to CycloneDX's.
 *
 * @param status {@code affected}, {@code not_affected}, {@code fixed} or {@code under_investigation}
 * @param justification for {@code not_affected}: {@code component_not_present} or {@code vulnerable_code_not_present}
 * @param impact why the status holds, in one or two sentences
 * @param action for {@code affected}: what to do
 * @param disposition the triage disposition that settled the status ({@code false-positive}, {@code benign},
 *     {@code true-positive}), or null when exposure verdicts alone did
 * @param assets the assets running the release, in a customer's statement; empty in the provider's
 */
public record VexStatement(String vendor, String product, @Nullable String version, String platform, String status,
    @Nullable String justification, String impact, @Nullable String action, @Nullable String disposition, List<String> assets) {
  public VexStatement {
    assets = List.copyOf(assets);
  }
}
