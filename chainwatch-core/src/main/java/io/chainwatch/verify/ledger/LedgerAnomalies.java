package io.chainwatch.verify.ledger;

import io.chainwatch.portfolio.Names;
import io.chainwatch.version.VersionScheme;
import io.chainwatch.version.VersionSchemes;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The anomalies of the release ledger, each with the rows behind it (notes/verification.md, "Update-channel anomaly
 * signals").
 *
 * <ul>
 *   <li>{@code hash-mismatch}: one artifact (release and file name) with different SHA-256 across rows.
 *   <li>{@code signer-change}: a release signed by none of the certificates that signed the previous version.
 *   <li>{@code rollback}: a version first published after a higher version of the same product and platform.
 *   <li>{@code out-of-cadence}: the gap before a release is under a fifth, or over five times, the product's median
 *       gap (needs five dated releases).
 *   <li>{@code padded-signature}: an observed artifact with bytes appended inside its signature.
 *   <li>{@code unsigned-module}: an unsigned module observed in a signed bundle that the previous version did not
 *       ship with the same hash (new or changed).
 * </ul>
 * Versions are ordered with vers's {@code generic} scheme; those it cannot place are left out of the ordered checks.
 */
public final class LedgerAnomalies {
  private static final int CADENCE_MIN_RELEASES = 5;
  private static final VersionScheme GENERIC = VersionSchemes.forName("generic").orElseThrow();

  private LedgerAnomalies() {}

  public static List<Anomaly> find(List<ReleaseRecord> rows) {
    List<Anomaly> out = new ArrayList<>();
    Map<String, List<ReleaseRecord>> byProduct = new LinkedHashMap<>();
    for (ReleaseRecord r : rows) {
      if (r.hasRelease()) byProduct.computeIfAbsent(productKey(r), k -> new ArrayList<>()).add(r);
    }
    for (List<ReleaseRecord> product : byProduct.values()) {
      hashMismatch(product, out);
      signerChange(product, out);
      rollback(product, out);
      cadence(product, out);
      unsignedModules(product, out);
    }
    for (ReleaseRecord r : rows) {
      if (r.appendedBytes() != null && r.appendedBytes() > 0) {
        out.add(new Anomaly("padded-signature", r.vendor(), r.product(), r.version(), r.platform(),
            r.file() + " (" + shortHash(r) + ", seen by " + r.source() + ") carries " + r.appendedBytes()
                + " bytes appended inside its signature, outside what the signature covers (the CVE-2013-3900 pattern)",
            List.of(r)));
      }
      if (!r.hasRelease() && r.inSignedBundle() && "unsigned".equals(r.signatureStatus())) {
        out.add(new Anomaly("unsigned-module", r.vendor(), r.product(), r.version(), r.platform(),
            "unsigned module " + r.file() + " (" + shortHash(r) + ") in a signed bundle seen by " + r.source()
                + ", not known to the ledger", List.of(r)));
      }
    }
    return out;
  }

  private static String productKey(ReleaseRecord r) {
    return Names.vendorKey(r.vendor()) + "\u0000" + Names.productKey(r.product()) + "\u0000" + r.platform();
  }

  private static void hashMismatch(List<ReleaseRecord> product, List<Anomaly> out) {
    Map<String, List<ReleaseRecord>> byArtifact = new LinkedHashMap<>();
    for (ReleaseRecord r : product) {
      byArtifact.computeIfAbsent(r.version() + "\u0000" + r.file().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
    }
    for (List<ReleaseRecord> artifact : byArtifact.values()) {
      Map<String, List<ReleaseRecord>> byHash = artifact.stream().collect(Collectors.groupingBy(ReleaseRecord::sha256, LinkedHashMap::new, Collectors.toList()));
      if (byHash.size() < 2) continue;
      ReleaseRecord first = artifact.get(0);
      String sources = byHash.values().stream()
          .map(g -> g.stream().map(ReleaseRecord::source).distinct().collect(Collectors.joining("+")) + " " + shortHash(g.get(0)))
          .collect(Collectors.joining(", "));
      out.add(new Anomaly("hash-mismatch", first.vendor(), first.product(), first.version(), first.platform(),
          byHash.size() + " different SHA-256 for one release (" + first.file() + "): " + sources, artifact));
    }
  }

  /** Versions the generic scheme can place, ascending, each with its rows. */
  private static TreeMap<String, List<ReleaseRecord>> byVersion(List<ReleaseRecord> product) {
    TreeMap<String, List<ReleaseRecord>> map = new TreeMap<>(GENERIC::compare);
    for (ReleaseRecord r : product) {
      if (GENERIC.isValid(r.version())) map.computeIfAbsent(r.version(), k -> new ArrayList<>()).add(r);
    }
    return map;
  }

  private static void signerChange(List<ReleaseRecord> product, List<Anomaly> out) {
    Set<String> previousSigners = null;
    List<ReleaseRecord> previousRows = List.of();
    String previousVersion = null;
    for (Map.Entry<String, List<ReleaseRecord>> e : byVersion(product).entrySet()) {
      Set<String> signers = new LinkedHashSet<>();
      for (ReleaseRecord r : e.getValue()) if (r.signerThumbprint() != null) signers.add(r.signerThumbprint());
      if (signers.isEmpty()) continue;
      if (previousSigners != null && signers.stream().noneMatch(previousSigners::contains)) {
        ReleaseRecord r = e.getValue().get(0);
        List<ReleaseRecord> behind = new ArrayList<>(previousRows);
        behind.addAll(e.getValue());
        out.add(new Anomaly("signer-change", r.vendor(), r.product(), e.getKey(), r.platform(),
            "signed by " + String.join(", ", signers) + " while " + previousVersion + " was signed by "
                + String.join(", ", previousSigners) + ": a new signing certificate (legitimate after a renewal or an incident, "
                + "suspicious otherwise)", behind));
      }
      previousSigners = signers;
      previousRows = e.getValue();
      previousVersion = e.getKey();
    }
  }

  /** Each placeable version with its first publication date, in order of date. */
  private static List<Map.Entry<String, LocalDate>> firstPublished(List<ReleaseRecord> product) {
    Map<String, LocalDate> first = new LinkedHashMap<>();
    for (Map.Entry<String, List<ReleaseRecord>> e : byVersion(product).entrySet()) {
      e.getValue().stream().map(ReleaseRecord::published).filter(d -> d != null).min(Comparator.naturalOrder())
          .ifPresent(d -> first.put(e.getKey(), d));
    }
    List<Map.Entry<String, LocalDate>> list = new ArrayList<>(first.entrySet());
    list.sort(Map.Entry.comparingByValue());
    return list;
  }

  private static void rollback(List<ReleaseRecord> product, List<Anomaly> out) {
    String highest = null;
    LocalDate highestDate = null;
    for (Map.Entry<String, LocalDate> e : firstPublished(product)) {
      if (highest != null && GENERIC.compare(e.getKey(), highest) < 0 && e.getValue().isAfter(highestDate)) {
        List<ReleaseRecord> behind = rowsOf(product, e.getKey(), highest);
        ReleaseRecord r = behind.get(0);
        out.add(new Anomaly("rollback", r.vendor(), r.product(), e.getKey(), r.platform(),
            e.getKey() + " was published on " + e.getValue() + ", after the higher " + highest + " (" + highestDate + ")", behind));
      }
      if (highest == null || GENERIC.compare(e.getKey(), highest) > 0) {
        highest = e.getKey();
        highestDate = e.getValue();
      }
    }
  }

  private static void cadence(List<ReleaseRecord> product, List<Anomaly> out) {
    List<Map.Entry<String, LocalDate>> dated = firstPublished(product);
    if (dated.size() < CADENCE_MIN_RELEASES) return;
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < dated.size(); i++) gaps.add(ChronoUnit.DAYS.between(dated.get(i - 1).getValue(), dated.get(i).getValue()));
    List<Long> sorted = new ArrayList<>(gaps);
    sorted.sort(null);
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
    if (median < 1) return;
    for (int i = 0; i < gaps.size(); i++) {
      long gap = gaps.get(i);
      if (gap * 5 >= median && gap <= median * 5) continue;
      String version = dated.get(i + 1).getKey();
      String previous = dated.get(i).getKey();
      List<ReleaseRecord> behind = rowsOf(product, version, previous);
      ReleaseRecord r = behind.get(0);
      out.add(new Anomaly("out-of-cadence", r.vendor(), r.product(), version, r.platform(),
          version + " came " + gap + " days after " + previous + "; the product's median gap between releases is "
              + (median == Math.rint(median) ? String.valueOf((long) median) : String.valueOf(median)) + " days", behind));
    }
  }

  private static void unsignedModules(List<ReleaseRecord> product, List<Anomaly> out) {
    TreeMap<String, List<ReleaseRecord>> versions = byVersion(product);
    for (Map.Entry<String, List<ReleaseRecord>> e : versions.entrySet()) {
      Map.Entry<String, List<ReleaseRecord>> previous = versions.lowerEntry(e.getKey());
      for (ReleaseRecord r : e.getValue()) {
        if (!r.inSignedBundle() || !"unsigned".equals(r.signatureStatus())) continue;
        List<ReleaseRecord> before = previous == null ? List.of() : previous.getValue().stream()
            .filter(p -> p.file().equalsIgnoreCase(r.file())).collect(Collectors.toList());
        if (before.stream().anyMatch(p -> p.sha256().equals(r.sha256()))) continue;
        List<ReleaseRecord> behind = new ArrayList<>(before);
        behind.add(r);
        String why = before.isEmpty()
            ? (previous == null ? "with no earlier version in the ledger to compare" : "new since " + previous.getKey())
            : "changed since " + previous.getKey() + " (was " + shortHash(before.get(0)) + ")";
        out.add(new Anomaly("unsigned-module", r.vendor(), r.product(), r.version(), r.platform(),
            "unsigned module " + r.file() + " (" + shortHash(r) + ") in the signed " + r.product() + " " + r.version()
                + " seen by " + r.source() + ", " + why, behind));
      }
    }
  }

  private static List<ReleaseRecord> rowsOf(List<ReleaseRecord> product, String... versions) {
    List<ReleaseRecord> rows = new ArrayList<>();
    for (String v : versions) for (ReleaseRecord r : product) if (r.version().equals(v)) rows.add(r);
    return rows;
  }

  private static String shortHash(ReleaseRecord r) {
    return r.sha256().length() > 12 ? r.sha256().substring(0, 12) + "..." : r.sha256();
  }
}
