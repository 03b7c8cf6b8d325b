package io.chainwatch.formats.cyclonedx;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.chainwatch.formats.sbom.ProductBundles;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.OrganizationalContact;
import org.cyclonedx.model.OrganizationalEntity;
import org.jspecify.annotations.Nullable;

/**
 * Turns the listed components of one BOM into installations on the asset the BOM describes, or, for a vendor's SBOM of
 * its product, into trust-graph nodes; both name a component's maker the same way.
 */
final class ComponentInstallations {
  /** Where a listed component (and, for JSON, one of its members) sits in the file, for messages. */
  interface Places {
    String of(ListedComponent listed, String member);
  }

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final Source source;
  private final Places places;
  private final ImportSink sink;

  ComponentInstallations(Source source, Places places, ImportSink sink) {
    this.source = source;
    this.places = places;
    this.sink = sink;
  }

  Installation of(ListedComponent listed, String customer, String asset, @Nullable Instant observedAt) {
    Component c = listed.component();
    String name = name(listed);
    String purl = blankToNull(c.getPurl());
    return new Installation(
        customer, asset, Platform.ANY, vendor(listed, purl), name,
        c.getVersion() == null ? "" : c.getVersion().strip(),
        purl, blankToNull(c.getCpe()), null, sha256(listed), observedAt, null);
  }

  /** The component as a trust-graph node: its release, or its product when it has no version. */
  NodeRef node(ListedComponent listed) {
    Component c = listed.component();
    String name = name(listed);
    return ProductBundles.node(vendor(listed, blankToNull(c.getPurl())), name, c.getVersion() == null ? "" : c.getVersion());
  }

  private String name(ListedComponent listed) {
    String name = blankToNull(listed.component().getName());
    if (name == null) throw source.reject(places.of(listed, "name"), "a component needs a name");
    return name.strip();
  }

  /**
   * The first name that says who makes the component: its supplier, manufacturer, publisher, author(s), then the
   * purl namespace and the group, which for most ecosystems name the publishing organisation. Empty when none does:
   * the product key then rests on the product name alone.
   */
  @SuppressWarnings("deprecation") // component.author is deprecated in 1.6 but is what 1.4 and 1.5 BOMs carry
  private String vendor(ListedComponent listed, @Nullable String purl) {
    Component c = listed.component();
    String[] candidates = {
        nameOf(c.getSupplier()), nameOf(c.getManufacturer()), c.getPublisher(), c.getAuthor(), firstAuthor(c.getAuthors()),
        purlNamespace(listed, purl), c.getGroup()};
    for (String candidate : candidates) {
      String v = blankToNull(candidate);
      if (v != null) return v.strip();
    }
    return "";
  }

  private @Nullable String purlNamespace(ListedComponent listed, @Nullable String purl) {
    if (purl == null) return null;
    try {
      return new PackageURL(purl).getNamespace();
    } catch (MalformedPackageURLException e) {
      // A bad purl is kept as written (matching tolerates it) but cannot name the vendor.
      sink.warning(source.name() + ": " + places.of(listed, "purl") + ": is not a valid package URL (" + e.getMessage() + ")");
      return null;
    }
  }

  private @Nullable String sha256(ListedComponent listed) {
    List<Hash> hashes = listed.component().getHashes();
    if (hashes == null) return null;
    for (int i = 0; i < hashes.size(); i++) {
      Hash h = hashes.get(i);
      if (h == null || h.getAlgorithm() == null) continue;
      String alg = h.getAlgorithm().replace("-", "");
      if (!alg.equalsIgnoreCase("SHA256")) continue;
      String value = h.getValue() == null ? "" : h.getValue().strip();
      if (!SHA256_HEX.matcher(value).matches()) {
        throw source.reject(places.of(listed, "hashes/" + i), "a SHA-256 hash must be 64 hexadecimal digits");
      }
      return value.toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static @Nullable String nameOf(@Nullable OrganizationalEntity entity) {
    return entity == null ? null : entity.getName();
  }

  private static @Nullable String firstAuthor(@Nullable List<OrganizationalContact> authors) {
    if (authors == null) return null;
    for (OrganizationalContact a : authors) {
      if (a != null && blankToNull(a.getName()) != null) return a.getName();
    }
    return null;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
