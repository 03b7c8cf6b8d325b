package io.chainwatch.exposure;

import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.portfolio.InstalledRelease;
import io.chainwatch.portfolio.Names;
import io.chainwatch.portfolio.PackageIds;
import io.chainwatch.portfolio.ProductKey;
import io.chainwatch.portfolio.ProductQuery;
import io.chainwatch.version.Containment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One incident's version-level verdict on installed releases.
 *
 * <p>Implementation notes. A statement speaks about an installation when the product matches (the normalised product
 * name with a vendor that {@link Names#vendorMatch matches}, or the version-free purl, or the CPE part:vendor:product)
 * and its platform covers the installation's. How well the names matched caps the verdict's confidence.
 * The verdict, in order: in an affected set → {@code AFFECTED}; in a fixed set → {@code FIXED}; in a not-affected
 * set → {@code NOT_AFFECTED}; below every fixed release when no affected set speaks of the product on that platform
 * (advisories such as Red Hat's name only the fixed releases) → {@code AFFECTED} with confidence at most 70; in an
 * under-investigation set, or not placeable against an affected set (the version does not parse, or the range is free
 * text) → {@code UNKNOWN}; otherwise the product is named and the version placed outside every affected set →
 * {@code NOT_AFFECTED}. So Windows 18.12.402 of 3CX is not affected when the advisory
 * lists only macOS for it.
 */
final class IncidentVerdict {
  /** The confidence of "affected" inferred from a fixed release alone. */
  static final int INFERRED_CONFIDENCE = 70;

  /** The full verdict with the statement that decided it, whose names label the release node. */
  record Verdict(ExposureStatus status, ProductVersions statement, int nameConfidence) {}

  private final Incident incident;
  /** Statements by product key only; the vendor is compared with {@link Names#vendorMatch}. */
  private final Map<String, List<ProductVersions>> byProduct = new HashMap<>();
  private final Set<ProductKey> keys = new HashSet<>();
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
      byProduct.computeIfAbsent(s.productKey().product(), k -> new ArrayList<>()).add(s);
      keys.add(s.productKey());
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
    return new ProductQuery(keys, byPurl.keySet(), byCpe.keySet());
  }

  /**
   * Verdicts by what decides them (names, version, platform, identifiers): an incident touching fifty thousand
   * installations sees only a handful of distinct releases, so each is judged once.
   */
  private final Map<List<Object>, Optional<Verdict>> cache = new HashMap<>();

  /** The verdict, or null when no statement of this incident speaks about the installation's product. */
  @Nullable Verdict verdict(InstalledRelease r) {
    List<Object> key = Arrays.asList(r.vendor(), r.product(), r.version(), r.platform(), r.purl(), r.cpe());
    return cache.computeIfAbsent(key, k -> Optional.ofNullable(judge(r))).orElse(null);
  }

  private @Nullable Verdict judge(InstalledRelease r) {
    Set<ProductVersions> relevant = new HashSet<>();
    int nameConfidence = 0;
    ProductKey installed = r.productKey();
    for (ProductVersions s : byProduct.getOrDefault(installed.product(), List.of())) {
      int c = Names.vendorMatch(s.productKey().vendor(), installed.vendor());
      if (c > 0) {
        relevant.add(s);
        nameConfidence = Math.max(nameConfidence, c);
      }
    }
    String purl = PackageIds.purlBase(r.purl());
    String cpe = PackageIds.cpeBase(r.cpe());
    boolean byId = (purl != null && byPurl.containsKey(purl)) || (cpe != null && byCpe.containsKey(cpe));
    if (purl != null) relevant.addAll(byPurl.getOrDefault(purl, List.of()));
    if (cpe != null) relevant.addAll(byCpe.getOrDefault(cpe, List.of()));
    if (byId) nameConfidence = 100; // a package identifier names the product exactly
    if (relevant.isEmpty()) return null;
    int confidence = nameConfidence;

    ProductVersions unplaced = null;
    for (ProductVersions s : incident.affected()) {
      if (!relevant.contains(s)) continue;
      Containment c = s.contains(r.version(), r.platform());
      if (c == Containment.IN) return new Verdict(ExposureStatus.AFFECTED, s, confidence);
      if (c == Containment.UNKNOWN && unplaced == null) unplaced = s;
    }
    ProductVersions s;
    if ((s = firstIn(incident.fixed(), relevant, r)) != null) return new Verdict(ExposureStatus.FIXED, s, confidence);
    if ((s = firstIn(incident.notAffected(), relevant, r)) != null) return new Verdict(ExposureStatus.NOT_AFFECTED, s, confidence);
    if (!speaksOf(incident.affected(), relevant, r) && (s = firstBelow(incident.fixed(), relevant, r)) != null) {
      // Only fixed releases are named ("fixed in 0.17-65"): a release below all of them is taken as affected, with
      // less confidence than a release the advisory names.
      return new Verdict(ExposureStatus.AFFECTED, s, Math.min(confidence, INFERRED_CONFIDENCE));
    }
    if ((s = firstIn(incident.underInvestigation(), relevant, r)) != null) return new Verdict(ExposureStatus.UNKNOWN, s, confidence);
    if (unplaced != null) return new Verdict(ExposureStatus.UNKNOWN, unplaced, confidence);
    return new Verdict(ExposureStatus.NOT_AFFECTED, relevant.iterator().next(), confidence);
  }

  /** Whether any of these statements is about the installation's product on its platform. */
  private static boolean speaksOf(List<ProductVersions> statements, Set<ProductVersions> relevant, InstalledRelease r) {
    for (ProductVersions s : statements) {
      if (relevant.contains(s) && s.platform().covers(r.platform())) return true;
    }
    return false;
  }

  private static @Nullable ProductVersions firstBelow(List<ProductVersions> statements, Set<ProductVersions> relevant, InstalledRelease r) {
    for (ProductVersions s : statements) {
      if (relevant.contains(s) && s.platform().covers(r.platform()) && s.versions() != null
          && s.versions().below(r.version()) == Containment.IN) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable ProductVersions firstIn(List<ProductVersions> statements, Set<ProductVersions> relevant, InstalledRelease r) {
    for (ProductVersions s : statements) {
      if (relevant.contains(s) && s.contains(r.version(), r.platform()) == Containment.IN) return s;
    }
    return null;
  }
}
