package io.chainwatch.exposure;

import io.chainwatch.portfolio.Platform;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One installation and the verdict on it.
 *
 * @param path the graph nodes from the incident to the installed release, e.g.
 *     {@code incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.12.416#windows}
 * @param confidence 0–100: 100 for a version-level verdict, less through trust-graph edges or unknown versions
 * @param hops one label per step of {@code path} (so one fewer than its nodes): the trust edge that carries the
 *     compromise across that step, e.g. {@code bundles 80%}, or empty where the step is no edge (an incident's cause,
 *     a release inside the node reached)
 * @param note why the verdict is less precise than a version-level one, or null: e.g. the installed version is unknown,
 *     or a trust edge names its component without a version
 */
public record ExposedInstallation(
    long installationId,
    String customer,
    int criticality,
    String asset,
    Platform platform,
    String vendor,
    String product,
    String version,
    ExposureStatus status,
    int confidence,
    List<String> path,
    List<String> hops,
    @Nullable String note) {

  public ExposedInstallation {
    path = List.copyOf(path);
    hops = List.copyOf(hops);
    if (hops.size() != Math.max(0, path.size() - 1)) throw new IllegalArgumentException("one hop label per step of the path");
  }

  /** Without a note. */
  public ExposedInstallation(long installationId, String customer, int criticality, String asset, Platform platform, String vendor,
      String product, String version, ExposureStatus status, int confidence, List<String> path, List<String> hops) {
    this(installationId, customer, criticality, asset, platform, vendor, product, version, status, confidence, path, hops, null);
  }

  /** An installation whose path crosses no trust edge: every hop label is empty. */
  public ExposedInstallation(long installationId, String customer, int criticality, String asset, Platform platform, String vendor,
      String product, String version, ExposureStatus status, int confidence, List<String> path) {
    this(installationId, customer, criticality, asset, platform, vendor, product, version, status, confidence, path,
        java.util.Collections.nCopies(Math.max(0, path.size() - 1), ""));
  }
}
