package io.chainwatch.formats.csaf;

import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.VersionSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The products a CSAF document defines, by product id.
 *
 * <p>Implementation notes. A product id comes from one of three places in {@code product_tree}:
 * <ul>
 *   <li>a leaf of the recursive {@code branches}: vendor, product and version are the names of the branches on the
 *       path to it, picked by category ({@code vendor}, {@code product_family}, {@code product_name},
 *       {@code product_version} or {@code product_version_range}, {@code platform}/{@code architecture});
 *   <li>{@code full_product_names}: no path, so the identity comes from the purl or CPE, or failing that the whole
 *       name is the product;
 *   <li>{@code relationships}: a new id for "component X as part of / installed on Y"; for exposure it is X, so it
 *       maps to X's vendor, product and version (with Y's platform when X has none).
 * </ul>
 * {@code product_groups} name sets of ids; a reference to a group stands for all its members.
 *
 * <p>Red Hat trees have no {@code product_name} branch: the leaf under an {@code architecture} branch is named by
 * the RPM NEVRA ({@code telnet-1:0.17-65.el7_6.x86_64}), which is split into product {@code telnet} and version
 * {@code 1:0.17-65.el7_6} in the {@code rpm} scheme.
 */
final class ProductTree {
  /** Relationships may build on ids minted by other relationships; deeper chains than this are not real. */
  private static final int MAX_RELATIONSHIP_PASSES = 8;

  /** name-[epoch:]version-release.arch */
  private static final Pattern NEVRA = Pattern.compile("(.+)-(?:(\\d+):)?([^-:]+)-([^-]+)\\.([A-Za-z0-9_]+)");

  private final Map<String, CsafProduct> products = new LinkedHashMap<>();
  private final Map<String, String> definedAt = new HashMap<>();
  private final Map<String, List<CsafProduct>> groups = new LinkedHashMap<>();

  private record Step(String category, String name) {}

  private ProductTree() {}

  /** Reads {@code /product_tree}, which may be absent (a document without products). */
  static ProductTree read(JsonAt tree) {
    ProductTree t = new ProductTree();
    if (tree.isMissing()) return t;
    tree.requireObject();
    for (JsonAt branch : tree.field("branches").optionalArray()) t.walk(branch, List.of());
    for (JsonAt name : tree.field("full_product_names").optionalArray()) t.addFullProductName(name);
    t.addRelationships(tree.field("relationships").optionalArray());
    for (JsonAt group : tree.field("product_groups").optionalArray()) t.addGroup(group);
    return t;
  }

  /** The products an id names: one product, or the members of a group. */
  List<CsafProduct> resolve(JsonAt reference) {
    String id = reference.requiredText();
    CsafProduct product = products.get(id);
    if (product != null) return List.of(product);
    List<CsafProduct> members = groups.get(id);
    if (members != null) return members;
    throw reference.reject("names product id '" + id + "', which the product tree does not define");
  }

  private void walk(JsonAt branch, List<Step> path) {
    branch.requireObject();
    List<Step> here = new ArrayList<>(path);
    here.add(new Step(branch.field("category").requiredText(), branch.field("name").requiredText()));
    JsonAt product = branch.field("product");
    List<JsonAt> children = branch.field("branches").optionalArray();
    if (product.isMissing() && children.isEmpty()) throw branch.reject("is a branch with neither 'product' nor 'branches'");
    if (!product.isMissing()) addLeaf(product.requireObject(), here);
    for (JsonAt child : children) walk(child, here);
  }

  private void addLeaf(JsonAt product, List<Step> path) {
    String id = product.field("product_id").requiredText();
    String name = product.field("name").requiredText();
    JsonAt helper = identificationHelper(product);
    String purl = helper.field("purl").optionalText();
    String cpe = helper.field("cpe").optionalText();
    PackageIdentity identity = identity(purl, cpe);

    String vendor = deepest(path, "vendor");
    String family = joined(path, "product_family");
    String productName = deepest(path, "product_name");
    Step versionStep = deepestStep(path, "product_version", "product_version_range");
    Platform platform = platform(path);
    if (platform == Platform.ANY && identity != null) platform = identity.platform();
    if (vendor == null) vendor = identity != null ? identity.vendor() : "";

    String warning = null;
    String productText;
    Version version;
    Matcher nevra = versionStep != null && versionStep.category().equals("product_version")
        ? NEVRA.matcher(versionStep.name()) : null;
    if (productName != null || family != null) {
      productText = productName == null ? family : withFamily(family, productName);
      version = Version.from(versionStep, identity);
    } else if (nevra != null && nevra.matches() && nevra.group(5).equals(deepest(path, "architecture"))) {
      productText = nevra.group(1);
      String epoch = nevra.group(2);
      version = Version.exact((epoch == null ? "" : epoch + ":") + nevra.group(3) + "-" + nevra.group(4), "rpm");
    } else if (identity != null) {
      productText = identity.product();
      version = Version.from(versionStep, identity);
    } else {
      version = Version.from(versionStep, null);
      productText = version.text != null && name.endsWith(" " + version.text)
          ? name.substring(0, name.length() - version.text.length() - 1).strip()
          : name;
      warning = "no product_name branch, purl or CPE names the product; its name '" + productText + "' is taken as the product";
    }
    define(id, statement(id, product.pointer(), vendor, productText, platform, version, purl, cpe, warning), product.field("product_id"));
  }

  private void addFullProductName(JsonAt full) {
    full.requireObject();
    String id = full.field("product_id").requiredText();
    String name = full.field("name").requiredText();
    JsonAt helper = identificationHelper(full);
    String purl = helper.field("purl").optionalText();
    String cpe = helper.field("cpe").optionalText();
    PackageIdentity identity = identity(purl, cpe);
    CsafProduct product;
    if (identity != null) {
      product = statement(id, full.pointer(), identity.vendor(), identity.product(), identity.platform(),
          Version.from(null, identity), purl, cpe, null);
    } else {
      product = statement(id, full.pointer(), "", name, Platform.ANY, Version.NONE, purl, cpe,
          "full product name '" + name + "' has no purl or CPE; the whole name is taken as the product, with no vendor");
    }
    define(id, product, full.field("product_id"));
  }

  private void addRelationships(List<JsonAt> relationships) {
    List<JsonAt> pending = relationships;
    for (int pass = 0; !pending.isEmpty(); pass++) {
      List<JsonAt> waiting = new ArrayList<>();
      for (JsonAt relationship : pending) {
        relationship.requireObject();
        relationship.field("category").requiredText();
        String component = relationship.field("product_reference").requiredText();
        String host = relationship.field("relates_to_product_reference").requiredText();
        if (products.containsKey(component) && products.containsKey(host)) {
          addRelationship(relationship, products.get(component), products.get(host));
        } else {
          waiting.add(relationship);
        }
      }
      if (!waiting.isEmpty() && (waiting.size() == pending.size() || pass == MAX_RELATIONSHIP_PASSES)) {
        JsonAt first = waiting.get(0);
        JsonAt reference = products.containsKey(first.field("product_reference").requiredText())
            ? first.field("relates_to_product_reference") : first.field("product_reference");
        throw reference.reject("names product id '" + reference.requiredText() + "', which the product tree does not define");
      }
      pending = waiting;
    }
  }

  private void addRelationship(JsonAt relationship, CsafProduct component, CsafProduct host) {
    JsonAt full = relationship.field("full_product_name").requireObject();
    full.field("name").requiredText();
    ProductVersions c = component.statement();
    Platform platform = c.platform() == Platform.ANY ? host.statement().platform() : c.platform();
    ProductVersions statement = new ProductVersions(c.vendor(), c.product(), platform, c.versions(), c.versionsText(), c.purl(), c.cpe());
    String id = full.field("product_id").requiredText();
    define(id, new CsafProduct(id, statement, component.warning()), full.field("product_id"));
  }

  private void addGroup(JsonAt group) {
    group.requireObject();
    JsonAt groupId = group.field("group_id");
    String id = groupId.requiredText();
    if (groups.containsKey(id) || products.containsKey(id)) throw groupId.reject("defines id '" + id + "' a second time");
    List<CsafProduct> members = new ArrayList<>();
    for (JsonAt member : group.field("product_ids").optionalArray()) {
      String memberId = member.requiredText();
      CsafProduct product = products.get(memberId);
      if (product == null) throw member.reject("names product id '" + memberId + "', which the product tree does not define");
      members.add(product);
    }
    groups.put(id, List.copyOf(members));
  }

  private void define(String id, CsafProduct product, JsonAt where) {
    String earlier = definedAt.putIfAbsent(id, where.pointer());
    if (earlier != null) throw where.reject("defines product id '" + id + "' a second time (first at " + earlier + ")");
    products.put(id, product);
  }

  private static CsafProduct statement(String id, String pointer, String vendor, String product, Platform platform, Version version,
      @Nullable String purl, @Nullable String cpe, @Nullable String warning) {
    List<String> notes = new ArrayList<>();
    if (warning != null) notes.add(warning);
    if (version.problem != null) notes.add(version.problem);
    String note = notes.isEmpty() ? null : pointer + ": " + String.join("; ", notes);
    ProductVersions statement = new ProductVersions(vendor, product, platform, version.set, version.displayText(), purl, cpe);
    return new CsafProduct(id, statement, note);
  }

  /**
   * A version statement under construction: a set, or null with the source's text and why it cannot be evaluated.
   */
  private static final class Version {
    static final Version NONE = new Version(null, null, "names no version; the status applies to versions nobody can place");

    final @Nullable VersionSet set;
    final @Nullable String text;
    final @Nullable String problem;

    private Version(@Nullable VersionSet set, @Nullable String text, @Nullable String problem) {
      this.set = set;
      this.text = text;
      this.problem = problem;
    }

    static Version exact(String version, @Nullable String scheme) {
      VersionSet set = CsafVersions.exact(version, scheme);
      return set != null ? new Version(set, version, null)
          : new Version(null, version, "version '" + version + "' cannot be written as a vers set; it is treated as unknown");
    }

    static Version range(String range) {
      VersionSet set = CsafVersions.range(range);
      return set != null ? new Version(set, range, null)
          : new Version(null, range, "version range '" + range + "' is not a valid vers range; it is treated as unknown");
    }

    static Version from(@Nullable Step step, @Nullable PackageIdentity identity) {
      if (step != null) return step.category().equals("product_version") ? exact(step.name(), schemeOf(identity)) : range(step.name());
      if (identity != null && identity.version() != null) return exact(identity.version(), identity.scheme());
      return NONE;
    }

    private static @Nullable String schemeOf(@Nullable PackageIdentity identity) {
      return identity == null ? null : identity.scheme();
    }

    /** A parsed set shows its canonical vers form; anything else the source's text. */
    String displayText() {
      if (set != null) return set.toString();
      return text == null ? "" : text;
    }
  }

  private static JsonAt identificationHelper(JsonAt product) {
    JsonAt helper = product.field("product_identification_helper");
    return helper.isMissing() ? helper : helper.requireObject();
  }

  private static @Nullable PackageIdentity identity(@Nullable String purl, @Nullable String cpe) {
    PackageIdentity fromPurl = PackageIdentity.fromPurl(purl);
    return fromPurl != null ? fromPurl : PackageIdentity.fromCpe(cpe);
  }

  private static @Nullable String deepest(List<Step> path, String category) {
    Step step = deepestStep(path, category);
    return step == null ? null : step.name();
  }

  private static @Nullable Step deepestStep(List<Step> path, String... categories) {
    for (int i = path.size() - 1; i >= 0; i--) {
      for (String category : categories) {
        if (path.get(i).category().equals(category)) return path.get(i);
      }
    }
    return null;
  }

  private static @Nullable String joined(List<Step> path, String category) {
    List<String> names = new ArrayList<>();
    for (Step step : path) if (step.category().equals(category)) names.add(step.name());
    return names.isEmpty() ? null : String.join(" ", names);
  }

  /** "SIMATIC" + "SIMATIC S7-1500" is "SIMATIC S7-1500"; "MELSEC" + "WS0-GETH00200" is "MELSEC WS0-GETH00200". */
  private static String withFamily(@Nullable String family, String productName) {
    if (family == null || productName.toLowerCase(Locale.ROOT).contains(family.toLowerCase(Locale.ROOT))) {
      return productName;
    }
    return family + " " + productName;
  }

  /** The deepest platform or architecture branch that names an operating system; ANY if none does. */
  private static Platform platform(List<Step> path) {
    for (int i = path.size() - 1; i >= 0; i--) {
      Step step = path.get(i);
      if (!step.category().equals("platform") && !step.category().equals("architecture")) continue;
      Optional<Platform> platform = recognise(step.name());
      if (platform.isPresent()) return platform.get();
    }
    return Platform.ANY;
  }

  /** "Windows" and "windows 10 x64" are Windows; "x86_64" is no operating system. */
  private static Optional<Platform> recognise(String name) {
    Optional<Platform> whole = Platform.parse(name);
    if (whole.isPresent() && whole.get() != Platform.ANY) return whole;
    for (String word : name.split("[\\s/,;()]+")) {
      Optional<Platform> p = Platform.parse(word);
      if (p.isPresent() && p.get() != Platform.ANY) return p;
    }
    return Optional.empty();
  }
}
