package io.chainwatch.formats.inventory;

import io.chainwatch.formats.text.CsvHeader;
import io.chainwatch.formats.text.CsvReader;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.intel.IndicatorNormaliser;
import io.chainwatch.intel.IndicatorType;
import io.chainwatch.intel.InvalidIndicator;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.PackageIds;
import io.chainwatch.portfolio.Platform;
import java.io.IOException;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code inventory.csv}: one row per product installed on an asset. Required columns
 * {@code customer,asset,platform,vendor,product,version}; optional {@code ip,purl,cpe,install_path,sha256,observed_at}.
 *
 * <p>Values: {@code customer}, {@code asset} and {@code product} must not be empty; {@code vendor} may be; an empty
 * {@code version} is an unknown version. {@code platform} is read by {@link Platform#parse} (empty means any).
 * {@code sha256} is 64 hex digits, stored lower-case; {@code observed_at} an ISO-8601 instant with a zone or offset, or a
 * date (the start of that day, UTC); {@code ip} an IPv4 or IPv6 literal; {@code purl} a package URL and {@code cpe} a
 * CPE 2.2 or 2.3 name. An empty optional value is absent.
 */
public final class InventoryCsvParser implements Parser {
  public static final String NAME = "portfolio/inventory-csv";
  private static final List<String> REQUIRED = List.of("customer", "asset", "platform", "vendor", "product", "version");
  private static final List<String> OPTIONAL = List.of("ip", "purl", "cpe", "install_path", "sha256", "observed_at");
  private static final String PLATFORMS =
      Arrays.stream(Platform.values()).map(Platform::wireName).collect(Collectors.joining(", "));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public boolean accepts(Head head) {
    Set<String> columns = CsvHeader.sniff(head);
    return columns.contains("customer") && columns.contains("asset") && columns.contains("product");
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    CsvReader csv = new CsvReader(source.name(), source.stream());
    CsvHeader header = CsvHeader.read(csv, REQUIRED, OPTIONAL, sink);
    Columns columns = new Columns(header);
    // Few distinct platform spellings occur in a file; remember each one's meaning.
    Map<String, Platform> platforms = new HashMap<>();
    while (csv.next()) {
      sink.installation(installation(csv, columns, platforms));
    }
  }

  private record Columns(
      int customer, int asset, int platform, int vendor, int product, int version,
      int ip, int purl, int cpe, int installPath, int sha256, int observedAt) {
    Columns(CsvHeader h) {
      this(h.required("customer"), h.required("asset"), h.required("platform"), h.required("vendor"),
          h.required("product"), h.required("version"), h.index("ip"), h.index("purl"), h.index("cpe"),
          h.index("install_path"), h.index("sha256"), h.index("observed_at"));
    }
  }

  private static Installation installation(CsvReader csv, Columns c, Map<String, Platform> platforms) {
    String customer = notEmpty(csv, c.customer(), "customer");
    String asset = notEmpty(csv, c.asset(), "asset");
    Platform platform = platform(csv, csv.field(c.platform()), platforms);
    String vendor = csv.field(c.vendor());
    String product = notEmpty(csv, c.product(), "product");
    String version = csv.field(c.version());
    String ip = ip(csv, optional(csv, c.ip()));
    String purl = purl(csv, optional(csv, c.purl()));
    String cpe = cpe(csv, optional(csv, c.cpe()));
    String installPath = optional(csv, c.installPath());
    String sha256 = sha256(csv, optional(csv, c.sha256()));
    Instant observedAt = observedAt(csv, optional(csv, c.observedAt()));
    return new Installation(customer, asset, platform, vendor, product, version, purl, cpe, installPath, sha256,
        observedAt, ip);
  }

  private static String notEmpty(CsvReader csv, int index, String column) {
    String value = csv.field(index);
    if (value.isEmpty()) throw csv.reject("has an empty " + column);
    return value;
  }

  private static @Nullable String optional(CsvReader csv, int index) {
    if (index < 0) return null;
    String value = csv.field(index);
    return value.isEmpty() ? null : value;
  }

  private static Platform platform(CsvReader csv, String text, Map<String, Platform> known) {
    Platform platform = known.get(text);
    if (platform != null) return platform;
    platform = Platform.parse(text).orElseThrow(
        () -> csv.reject("has platform " + Utf8Text.quote(text) + ", which is not one of " + PLATFORMS));
    if (known.size() < 64) known.put(text, platform);
    return platform;
  }

  private static @Nullable String ip(CsvReader csv, @Nullable String text) {
    if (text == null) return null;
    if (IpLiterals.isIpv4(text)) return text;
    // canonical (RFC 5952), as telemetry writes it: hunts name hosts by comparing the two
    if (IpLiterals.isIpv6(text)) {
      try {
        return IndicatorNormaliser.normalise(IndicatorType.IPV6, text).value();
      } catch (InvalidIndicator e) {
        return text.toLowerCase(Locale.ROOT);
      }
    }
    throw csv.reject("has ip " + Utf8Text.quote(text) + ", which is not an IPv4 or IPv6 address");
  }

  private static @Nullable String purl(CsvReader csv, @Nullable String text) {
    if (text == null || PackageIds.purlBase(text) != null) return text;
    throw csv.reject("has purl " + Utf8Text.quote(text) + ", which is not a package URL (pkg:type/name@version)");
  }

  private static @Nullable String cpe(CsvReader csv, @Nullable String text) {
    if (text == null || PackageIds.cpeBase(text) != null) return text;
    throw csv.reject("has cpe " + Utf8Text.quote(text) + ", which is not a CPE 2.2 or 2.3 name");
  }

  private static @Nullable String sha256(CsvReader csv, @Nullable String text) {
    if (text == null) return null;
    boolean hex = text.length() == 64;
    for (int i = 0; hex && i < 64; i++) {
      char ch = text.charAt(i);
      hex = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    }
    if (!hex) throw csv.reject("has sha256 " + Utf8Text.quote(text) + ", which is not 64 hexadecimal digits");
    return text.toLowerCase(Locale.ROOT);
  }

  private static @Nullable Instant observedAt(CsvReader csv, @Nullable String text) {
    if (text == null) return null;
    try {
      Instant fast = IsoTimes.parseUtc(text);
      return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw csv.reject("has observed_at " + Utf8Text.quote(text)
          + ", which is not an ISO-8601 date (2023-03-29) or instant with a zone (2023-03-29T10:00:00Z)");
    }
  }
}
