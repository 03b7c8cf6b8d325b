package io.chainwatch.formats.ledger;

import io.chainwatch.formats.text.CsvHeader;
import io.chainwatch.formats.text.CsvReader;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Platform;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code releases.csv}: {@code vendor,product,version,platform,file,sha256,signer_thumbprint,published,source}, one
 * observed artifact per row. Strict: a SHA-256 of 64 hex digits, a thumbprint of 40 (or empty), an ISO date (a full
 * ISO timestamp is taken at its date), a platform of CONTRACT.md's list, and no empty vendor, product, version, file
 * or source; the first bad row rejects the file with its line.
 */
public final class ReleasesCsvParser implements Parser {
  public static final String NAME = "ledger/releases-csv";
  private static final List<String> REQUIRED = List.of("vendor", "product", "version", "platform", "file", "sha256", "source");
  private static final List<String> OPTIONAL = List.of("signer_thumbprint", "published");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  /** A header naming {@code sha256}, {@code file} and {@code source}, without the inventory's {@code asset}. */
  @Override
  public boolean accepts(Head head) {
    Set<String> columns = CsvHeader.sniff(head);
    return columns.contains("sha256") && columns.contains("file") && columns.contains("source") && !columns.contains("asset");
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    CsvReader csv = new CsvReader(source.name(), source.stream());
    CsvHeader header = CsvHeader.read(csv, REQUIRED, OPTIONAL, sink);
    int vendor = header.required("vendor");
    int product = header.required("product");
    int version = header.required("version");
    int platform = header.required("platform");
    int file = header.required("file");
    int sha256 = header.required("sha256");
    int from = header.required("source");
    int thumbprint = header.index("signer_thumbprint");
    int published = header.index("published");
    while (csv.next()) {
      String hash = csv.field(sha256);
      if (!SHA256.matcher(hash).matches()) throw csv.reject("has sha256 " + Utf8Text.quote(hash) + ", which is not 64 hexadecimal digits");
      String signer = thumbprint < 0 ? "" : csv.field(thumbprint);
      if (!signer.isEmpty() && !SHA1.matcher(signer).matches()) {
        throw csv.reject("has signer_thumbprint " + Utf8Text.quote(signer) + ", which is not 40 hexadecimal digits (a SHA-1)");
      }
      String platformText = csv.field(platform);
      Platform p = Platform.parse(platformText)
          .orElseThrow(() -> csv.reject("has platform " + Utf8Text.quote(platformText) + ", not one of windows, macos, linux, ios, android, any"));
      sink.release(ReleaseRecord.published(required(csv, vendor, "vendor"), required(csv, product, "product"),
          required(csv, version, "version"), p.wireName(), required(csv, file, "file"), hash.toLowerCase(Locale.ROOT),
          signer.isEmpty() ? null : signer, date(csv, published), required(csv, from, "source")));
    }
  }

  private static String required(CsvReader csv, int index, String column) {
    String v = csv.field(index).strip();
    if (v.isEmpty()) throw csv.reject("has an empty " + column);
    return v;
  }

  private static @Nullable LocalDate date(CsvReader csv, int index) {
    if (index < 0) return null;
    String text = csv.field(index).strip();
    if (text.isEmpty()) return null;
    try {
      return text.length() == 10 ? LocalDate.parse(text) : OffsetDateTime.parse(text).toLocalDate();
    } catch (DateTimeParseException e) {
      throw csv.reject("has published " + Utf8Text.quote(text) + ", which is not an ISO date (YYYY-MM-DD)");
    }
  }
}
