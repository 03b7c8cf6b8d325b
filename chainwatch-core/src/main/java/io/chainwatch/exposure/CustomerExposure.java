package io.chainwatch.exposure;

import java.util.List;

/** One customer's exposed installations, most urgent first. */
public record CustomerExposure(String customer, int criticality, List<ExposedInstallation> installations) {
  public CustomerExposure {
    installations = List.copyOf(installations);
  }

  public long assetCount() {
    return installations.stream().map(ExposedInstallation::asset).distinct().count();
  }
}
