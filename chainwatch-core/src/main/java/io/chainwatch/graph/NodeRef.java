package io.chainwatch.graph;

import io.chainwatch.portfolio.Names;
import io.chainwatch.portfolio.Platform;
import org.jspecify.annotations.Nullable;

/**
 * A trust-graph node as CONTRACT.md writes it: {@code vendor:NAME}, {@code product:VENDOR/PRODUCT},
 * {@code release:VENDOR/PRODUCT@VERSION[#PLATFORM]}, or {@code incident:ID} at the head of a path. Names are kept as
 * written, for display; {@link #key} folds them for matching.
 *
 * <p>Parsing: the vendor ends at the first {@code /} (vendor names do not contain one; product names may), the version
 * starts after the last {@code @}, and a trailing {@code #PLATFORM} is a platform only when it names one ({@code #}
 * can be part of a version otherwise).
 *
 * <p>A class rather than a record only so that it can keep its {@link #key}: the path search asks for the keys of
 * hundreds of thousands of edge ends, and folding names is the costly part of it.
 */
public final class NodeRef {
  private final NodeKind kind;
  private final String name;
  private final String product;
  private final String version;
  private final @Nullable Platform platform;
  private @Nullable NodeKey key;

  /**
   * @param name the vendor name, or the incident id
   * @param product the product name, empty for a vendor or incident
   * @param version the version, empty unless a release
   * @param platform the release's platform, or null when not given (any)
   */
  public NodeRef(NodeKind kind, String name, String product, String version, @Nullable Platform platform) {
    // A product may lack a vendor name (an SBOM component with no supplier); a vendor or an incident needs one.
    if (name.isBlank() && (kind == NodeKind.VENDOR || kind == NodeKind.INCIDENT)) {
      throw new IllegalArgumentException("a " + kind.wireName() + " node needs a " + (kind == NodeKind.INCIDENT ? "id" : "name"));
    }
    boolean hasProduct = kind == NodeKind.PRODUCT || kind == NodeKind.RELEASE;
    if (hasProduct == product.isBlank()) {
      throw new IllegalArgumentException(hasProduct ? "a " + kind.wireName() + " node needs a product name" : "a " + kind.wireName() + " node has no product");
    }
    if ((kind == NodeKind.RELEASE) == version.isBlank()) {
      throw new IllegalArgumentException(kind == NodeKind.RELEASE ? "a release node needs a version" : "only a release node has a version");
    }
    if (kind != NodeKind.RELEASE && platform != null) throw new IllegalArgumentException("only a release node has a platform");
    this.kind = kind;
    this.name = name;
    this.product = product;
    this.version = version;
    this.platform = platform;
  }

  public NodeKind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String product() {
    return product;
  }

  public String version() {
    return version;
  }

  public @Nullable Platform platform() {
    return platform;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) return true;
    if (!(o instanceof NodeRef)) return false;
    NodeRef n = (NodeRef) o;
    return kind == n.kind && name.equals(n.name) && product.equals(n.product) && version.equals(n.version) && platform == n.platform;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(kind, name, product, version, platform);
  }

  public static NodeRef vendor(String vendor) {
    return new NodeRef(NodeKind.VENDOR, vendor, "", "", null);
  }

  public static NodeRef product(String vendor, String product) {
    return new NodeRef(NodeKind.PRODUCT, vendor, product, "", null);
  }

  public static NodeRef release(String vendor, String product, String version, @Nullable Platform platform) {
    return new NodeRef(NodeKind.RELEASE, vendor, product, version, platform);
  }

  public static NodeRef incident(String id) {
    return new NodeRef(NodeKind.INCIDENT, id, "", "", null);
  }

  /**
   * Parses the text form.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong (unknown kind, missing part)
   */
  public static NodeRef parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) throw new IllegalArgumentException("'" + text + "' is not a node: expected vendor:, product:, or release: before the name");
    String kindText = text.substring(0, colon).strip();
    NodeKind kind = NodeKind.parse(kindText)
        .orElseThrow(() -> new IllegalArgumentException("'" + kindText + "' is not a node kind (vendor, product, release)"));
    String rest = text.substring(colon + 1).strip();
    switch (kind) {
      case VENDOR: return vendor(rest);
      case INCIDENT: return incident(rest);
      default: break;
    }
    int slash = rest.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("'" + text + "' lacks the '/' between vendor and product");
    String vendor = rest.substring(0, slash).strip();
    String productAndVersion = rest.substring(slash + 1);
    if (kind == NodeKind.PRODUCT) return product(vendor, productAndVersion.strip());
    int at = productAndVersion.lastIndexOf('@');
    if (at < 0) throw new IllegalArgumentException("'" + text + "' lacks the '@' before the version");
    String product = productAndVersion.substring(0, at).strip();
    String version = productAndVersion.substring(at + 1).strip();
    Platform platform = null;
    int hash = version.lastIndexOf('#');
    if (hash >= 0) {
      String p = version.substring(hash + 1).strip();
      if (!p.isEmpty() && !p.equals("*")) {
        platform = Platform.parse(p).orElse(null);
      }
      if (platform != null || p.isEmpty()) version = version.substring(0, hash).strip();
    }
    return release(vendor, product, version, platform);
  }

  /** The folded identity: {@code release:3CX Ltd/3cx desktop-app@1#windows} and {@code release:3CX/3CX Desktop App@1#windows} are one node. */
  public NodeKey key() {
    NodeKey k = key;
    if (k == null) {
      k = kind == NodeKind.INCIDENT ? new NodeKey(kind, name, "", "", null)
          : new NodeKey(kind, Names.vendorKey(name), product.isEmpty() ? "" : Names.productKey(product), version, platform);
      key = k; // a benign race: every thread computes the same immutable key
    }
    return k;
  }

  /**
   * How confidently this node and {@code other} are one inside the other (or the same), 0–100: a release is inside its
   * product (on any platform when either leaves the platform open), a product inside its vendor. The vendors compare
   * with {@link Names#vendorMatch}; a vendor-level match needs both vendor names (a product with no supplier is inside
   * no vendor in particular). Incidents overlap nothing.
   */
  public int overlap(NodeRef other) {
    return overlap(key(), other.key());
  }

  public static int overlap(NodeKey a, NodeKey b) {
    if (a.kind() == NodeKind.INCIDENT || b.kind() == NodeKind.INCIDENT) return 0;
    boolean bothProducts = !a.product().isEmpty() && !b.product().isEmpty();
    if (!bothProducts && (a.vendor().isEmpty() || b.vendor().isEmpty())) return 0;
    int vendor = Names.vendorMatch(a.vendor(), b.vendor());
    if (vendor == 0) return 0;
    if (bothProducts && !a.product().equals(b.product())) return 0;
    if (!a.version().isEmpty() && !b.version().isEmpty()) {
      if (!a.version().equals(b.version())) return 0;
      if (a.platform() != null && b.platform() != null && !a.platform().covers(b.platform())) return 0;
    }
    return vendor;
  }

  /** The text form, as parsed. */
  @Override
  public String toString() {
    switch (kind) {
      case VENDOR: case INCIDENT: return kind.wireName() + ":" + name;
      case PRODUCT: return "product:" + name + "/" + product;
      default: return "release:" + name + "/" + product + "@" + version + (platform == null ? "" : "#" + platform.wireName());
    }
  }
}
