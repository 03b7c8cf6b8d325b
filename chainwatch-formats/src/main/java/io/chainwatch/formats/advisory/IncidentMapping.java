package io.chainwatch.formats.advisory;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.CompromiseWindow;
import io.chainwatch.advisory.Incident;
import io.chainwatch.advisory.ProductVersions;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.intel.Indicator;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.portfolio.PackageIds;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.version.VersSyntaxException;
import io.chainwatch.version.VersionSet;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@link Tree} of one native advisory into an {@link Incident}, checking every value and naming the place
 * of the first bad one. Unknown keys do not stop the import; they are collected for one warning.
 */
final class IncidentMapping {
  static final List<String> INDICATOR_TYPES = List.of(
      "domain", "hostname", "ipv4", "ipv6", "cidr", "url", "url-prefix", "md5", "sha1", "sha256", "filename");
  private static final Set<String> TOP_LEVEL_KEYS = Set.of(
      "id", "title", "disclosed", "caused_by", "compromise_window", "affected", "fixed", "not_affected",
      "under_investigation", "attribution", "indicators", "references");
  private static final Set<String> PRODUCT_KEYS = Set.of("vendor", "product", "platform", "versions", "purl", "cpe");
  private static final Set<String> WINDOW_KEYS = Set.of("from", "to");
  private static final Set<String> ATTRIBUTION_KEYS = Set.of("actor", "aliases", "confidence", "source", "date");
  private static final Set<String> INDICATOR_KEYS = Set.of("type", "value");
  private static final String PLATFORMS =
      Arrays.stream(Platform.values()).map(Platform::wireName).collect(Collectors.joining(", "));

  private final String fileName;
  /** Unknown keys with their places, for the one warning. */
  private final List<String> unknownKeys = new ArrayList<>();

  IncidentMapping(String fileName) {
    this.fileName = fileName;
  }

  /** The unknown keys met so far, as {@code key (place)}. */
  List<String> unknownKeys() {
    return unknownKeys;
  }

  Incident incident(Tree root) {
    Tree.Dict advisory = dict(root, "the advisory");
    noteUnknownKeys(advisory, TOP_LEVEL_KEYS);
    Tree.Text idNode = requiredText(advisory, "id", "the advisory");
    String id = idNode.value().strip();
    String title = requiredText(advisory, "title", "the advisory").value().strip();
    LocalDate disclosed = date(advisory, "disclosed");
    Tree.Text causedByNode = optionalText(advisory, "caused_by");
    String causedBy = causedByNode == null ? null : causedByNode.value().strip();
    if (causedBy != null && causedBy.isEmpty()) causedBy = null;
    if (causedBy != null && causedBy.equals(id)) {
      throw reject(causedByNode, "caused_by names the incident itself (" + id + ")");
    }
    return new Incident(id, title, disclosed, causedBy, window(advisory),
        products(advisory, "affected"), products(advisory, "fixed"), products(advisory, "not_affected"),
        products(advisory, "under_investigation"), attributions(advisory), indicators(advisory),
        texts(advisory, "references"));
  }

  private @Nullable CompromiseWindow window(Tree.Dict advisory) {
    Tree node = advisory.entries().get("compromise_window");
    if (node == null) return null;
    Tree.Dict window = dict(node, "compromise_window");
    noteUnknownKeys(window, WINDOW_KEYS);
    LocalDate from = date(window, "from");
    LocalDate to = date(window, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw reject(window, "compromise_window ends (" + to + ") before it starts (" + from + ")");
    }
    return new CompromiseWindow(from, to);
  }

  private List<ProductVersions> products(Tree.Dict advisory, String key) {
    List<ProductVersions> products = new ArrayList<>();
    for (Tree item : list(advisory, key)) {
      Tree.Dict entry = dict(item, "an entry of " + key);
      noteUnknownKeys(entry, PRODUCT_KEYS);
      String what = "this entry of " + key;
      String vendor = requiredText(entry, "vendor", what).value().strip();
      String product = requiredText(entry, "product", what).value().strip();
      Platform platform = platform(entry);
      Tree.Text versionsNode = requiredText(entry, "versions", what);
      String versionsText = versionsNode.value().strip();
      VersionSet versions;
      try {
        versions = VersionSet.parse(versionsText);
      } catch (VersSyntaxException e) {
        throw reject(versionsNode, "versions " + Utf8Text.quote(versionsText) + " is not a vers string: " + e.getMessage());
      }
      String purl = packageId(entry, "purl");
      String cpe = packageId(entry, "cpe");
      products.add(new ProductVersions(vendor, product, platform, versions, versionsText, purl, cpe));
    }
    return products;
  }

  private Platform platform(Tree.Dict entry) {
    Tree.Text node = optionalText(entry, "platform");
    if (node == null) return Platform.ANY;
    return Platform.parse(node.value()).orElseThrow(
        () -> reject(node, "platform " + Utf8Text.quote(node.value()) + " is not one of " + PLATFORMS));
  }

  private @Nullable String packageId(Tree.Dict entry, String key) {
    Tree.Text node = optionalText(entry, key);
    if (node == null || node.value().isBlank()) return null;
    String value = node.value().strip();
    if (key.equals("purl") && PackageIds.purlBase(value) == null) {
      throw reject(node, "purl " + Utf8Text.quote(value) + " is not a package URL (pkg:type/name@version)");
    }
    if (key.equals("cpe") && PackageIds.cpeBase(value) == null) {
      throw reject(node, "cpe " + Utf8Text.quote(value) + " is not a CPE 2.2 or 2.3 name");
    }
    return value;
  }

  private List<Attribution> attributions(Tree.Dict advisory) {
    List<Attribution> attributions = new ArrayList<>();
    for (Tree item : list(advisory, "attribution")) {
      Tree.Dict entry = dict(item, "an attribution");
      noteUnknownKeys(entry, ATTRIBUTION_KEYS);
      String actor = requiredText(entry, "actor", "this attribution").value().strip();
      Tree.Text confidenceNode = requiredText(entry, "confidence", "this attribution");
      int confidence = confidence(confidenceNode);
      Tree.Text source = optionalText(entry, "source");
      attributions.add(new Attribution(actor, texts(entry, "aliases"), confidence,
          source == null || source.value().isBlank() ? null : source.value().strip(), date(entry, "date")));
    }
    return attributions;
  }

  private int confidence(Tree.Text node) {
    String text = node.value().strip();
    boolean digits = !text.isEmpty() && text.length() <= 3;
    for (int i = 0; digits && i < text.length(); i++) digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
    if (digits) {
      int value = Integer.parseInt(text);
      if (value <= 100) return value;
    }
    throw reject(node, "confidence " + Utf8Text.quote(text) + " is not a whole number from 0 to 100");
  }

  private List<Indicator> indicators(Tree.Dict advisory) {
    List<Indicator> indicators = new ArrayList<>();
    for (Tree item : list(advisory, "indicators")) {
      Tree.Dict entry = dict(item, "an indicator");
      noteUnknownKeys(entry, INDICATOR_KEYS);
      Tree.Text typeNode = requiredText(entry, "type", "this indicator");
      String type = typeNode.value().strip().toLowerCase(Locale.ROOT);
      if (!INDICATOR_TYPES.contains(type)) {
        throw reject(typeNode, "indicator type " + Utf8Text.quote(typeNode.value()) + " is not one of " + String.join(", ", INDICATOR_TYPES));
      }
      // Values are kept as written (defanged or not), and must normalise: an indicator nobody can hunt is an error.
      Tree.Text valueNode = requiredText(entry, "value", "this indicator");
      String value = valueNode.value().strip();
      try {
        IndicatorNormaliser.normalise(IndicatorType.parse(type).orElseThrow(), value);
      } catch (InvalidIndicator e) {
        throw reject(valueNode, "the " + type + " " + Utf8Text.quote(value) + " " + e.getMessage());
      }
      indicators.add(new Indicator(type, value));
    }
    return indicators;
  }

  private @Nullable LocalDate date(Tree.Dict dict, String key) {
    Tree.Text node = optionalText(dict, key);
    if (node == null) return null;
    String text = node.value().strip();
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw reject(node, key + " " + Utf8Text.quote(text) + " is not a date (YYYY-MM-DD)");
    }
  }

  private List<String> texts(Tree.Dict dict, String key) {
    List<String> texts = new ArrayList<>();
    for (Tree item : list(dict, key)) {
      String value = text(item, "an entry of " + key).value().strip();
      if (value.isEmpty()) throw reject(item, "an entry of " + key + " is empty");
      texts.add(value);
    }
    return texts;
  }

  private List<Tree> list(Tree.Dict dict, String key) {
    Tree node = dict.entries().get(key);
    if (node == null) return List.of();
    if (!(node instanceof Tree.Seq)) throw reject(node, key + " must be a list, not " + node.kind());
    return ((Tree.Seq) node).items();
  }

  private Tree.Dict dict(Tree node, String what) {
    if (node instanceof Tree.Dict) return (Tree.Dict) node;
    throw reject(node, what + " must be a mapping, not " + node.kind());
  }

  private Tree.Text text(Tree node, String what) {
    if (node instanceof Tree.Text) return (Tree.Text) node;
    throw reject(node, what + " must be text, not " + node.kind());
  }

  private Tree.Text requiredText(Tree.Dict dict, String key, String what) {
    Tree node = dict.entries().get(key);
    if (node == null) throw reject(dict, what + " has no " + key);
    Tree.Text text = text(node, key);
    if (text.value().isBlank()) throw reject(node, key + " is empty");
    return text;
  }

  private Tree.@Nullable Text optionalText(Tree.Dict dict, String key) {
    Tree node = dict.entries().get(key);
    return node == null ? null : text(node, key);
  }

  private void noteUnknownKeys(Tree.Dict dict, Set<String> known) {
    for (Map.Entry<String, String> key : dict.keyPlaces().entrySet()) {
      if (!known.contains(key.getKey())) unknownKeys.add(Utf8Text.quote(key.getKey()) + " (" + key.getValue() + ")");
    }
  }

  private InputRejected reject(Tree node, String problem) {
    return new InputRejected(fileName, node.place(), problem);
  }
}
