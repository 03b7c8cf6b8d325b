package io.chainwatch.exposure;

import io.chainwatch.portfolio.Platform;
import java.util.List;

/**
 * One installation and the verdict on it.
 *
 * @param path the graph nodes from the incident to the installed release, e.g.
 *     {@code incident:XTRADER-2022 → incident:3CX-2023-03 → release:3CX/3CX Desktop App@18.12.416#windows}
 * @param confidence 0–100: 100 for a version-level verdict, less through trust-graph edges or unknown versions
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
    List<String> path) {

  public ExposedInstallation {
    path = List.copyOf(path);
  }
}
