package io.chainwatch.exposure;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.PackageIds;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.portfolio.ProductQuery;
import io.chainwatch.version.Containment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One incident's version-level verdict on installed releases.
 *
 * <p>Implementation notes. A statement speaks about an installation when the product matches (normalised
 * vendor/product, or the version-free purl, or the CPE part:vendor:product) and its platform covers the installation's.
 * The verdict, in order: in an affected set → {@code AFFECTED}; in a fixed set → {@code FIXED}; in a not-affected
 * set → {@code NOT_AFFECTED}; in an under-investigation set, or not placeable against an affected set (the version
 * does not parse, or the range is free text) → {@code UNKNOWN}; otherwise the product is named and the version placed
 * outside every affected set → {@code NOT_AFFECTED}. So Windows 18.12.402 of 3CX is not affected when the advisory
 * lists only macOS for it.
 */
final class IncidentVerdict {
  /** The full verdict with the statement that decided it, whose names label the release node. */
  record Verdict(ExposureStatus status, ProductVersions statement) {}

  private final Incident incident;
  private final Map<ProductKey, List<ProductVersions>> byKey = new HashMap<>();
  private final Map<String, List<ProductVersions>> byPurl = new HashMap<>();
  private final Map<String, List<ProductVersions>> byCpe = new HashMap<>();

  IncidentVerdict(Incident incident) {
    this.incident = incident;
    List<ProductVersions> all = new ArrayList<>();
    all.addAll(incident.affected());
    all.addAll(incident.fixed());
    all.addAll(incident.notAffected());
    all.addAll(incident.underInvestigation());
    for (ProductVersions s : all) {
      byKey.computeIfAbsent(s.productKey(), k -> new ArrayList<>()).add(s);
      String purl = PackageIds.purlBase(s.purl());
      if (purl != null) byPurl.computeIfAbsent(purl, k -> new ArrayList<>()).add(s);
      String cpe = PackageIds.cpeBase(s.cpe());
      if (cpe != null) byCpe.computeIfAbsent(cpe, k -> new ArrayList<>()).add(s);
    }
  }

  Incident incident() {
    return incident;
  }

  ProductQuery query() {
    return new ProductQuery(byKey.keySet(), byPurl.keySet(), byCpe.keySet());
  }

  /** The verdict, or null when no statement of this incident speaks about the installation's product. */
  @Nullable Verdict verdict(InstalledRelease r) {
    Set<ProductVersions> relevant = new HashSet<>(byKey.getOrDefault(r.productKey(), List.of()));
    String purl = PackageIds.purlBase(r.purl());
    if (purl != null) relevant.addAll(byPurl.getOrDefault(purl, List.of()));
    String cpe = PackageIds.cpeBase(r.cpe());
    if (cpe != null) relevant.addAll(byCpe.getOrDefault(cpe, List.of()));
    if (relevant.isEmpty()) return null;

    ProductVersions unplaced = null;
    for (ProductVersions s : incident.affected()) {
      if (!relevant.contains(s)) continue;
      Containment c = s.contains(r.version(), r.platform());
      if (c == Containment.IN) return new Verdict(ExposureStatus.AFFECTED, s);
      if (c == Containment.UNKNOWN && unplaced == null) unplaced = s;
    }
    ProductVersions s;
    if ((s = firstIn(incident.fixed(), relevant, r)) != null) return new Verdict(ExposureStatus.FIXED, s);
    if ((s = firstIn(incident.notAffected(), relevant, r)) != null) return new Verdict(ExposureStatus.NOT_AFFECTED, s);
    if ((s = firstIn(incident.underInvestigation(), relevant, r)) != null) return new Verdict(ExposureStatus.UNKNOWN, s);
    if (unplaced != null) return new Verdict(ExposureStatus.UNKNOWN, unplaced);
    return new Verdict(ExposureStatus.NOT_AFFECTED, relevant.iterator().next());
  }

  private static @Nullable ProductVersions firstIn(List<ProductVersions> statements, Set<ProductVersions> relevant, InstalledRelease r) {
    for (ProductVersions s : statements) {
      if (relevant.contains(s) && s.contains(r.version(), r.platform()) == Containment.IN) return s;
    }
    return null;
  }
}
