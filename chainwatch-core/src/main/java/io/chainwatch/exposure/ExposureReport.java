package io.chainwatch.exposure;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who is exposed to an incident: customers ordered by criticality (highest first) then name.
 *
 * @param subject the incident id, or for a what-if the vendor or product asked about
 */
public record ExposureReport(String subject, List<CustomerExposure> customers) {
  public ExposureReport {
    customers = List.copyOf(customers);
  }

  public int customerCount() {
    return customers.size();
  }

  /** Distinct assets across all customers. */
  public long assetCount() {
    return customers.stream().mapToLong(CustomerExposure::assetCount).sum();
  }

  public long installationCount() {
    return customers.stream().mapToLong(c -> c.installations().size()).sum();
  }

  public Map<ExposureStatus, Long> countByStatus() {
    Map<ExposureStatus, Long> m = new EnumMap<>(ExposureStatus.class);
    for (CustomerExposure c : customers) {
      for (ExposedInstallation i : c.installations()) m.merge(i.status(), 1L, Long::sum);
    }
    return m;
  }
}
