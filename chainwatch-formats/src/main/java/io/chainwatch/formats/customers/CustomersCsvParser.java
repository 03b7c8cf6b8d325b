package io.chainwatch.formats.customers;

import io.chainwatch.formats.text.CsvHeader;
import io.chainwatch.formats.text.CsvReader;
import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportSink;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Customer;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code customers.csv}: {@code customer,sector,country,criticality}, one customer per row. {@code customer} and
 * {@code criticality} (a whole number from 1 = low to 5 = crown jewels) are required; {@code sector} and
 * {@code country} may be absent or empty.
 */
public final class CustomersCsvParser implements Parser {
  public static final String NAME = "portfolio/customers-csv";
  private static final List<String> REQUIRED = List.of("customer", "criticality");
  private static final List<String> OPTIONAL = List.of("sector", "country");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  /** A header line naming {@code customer} and {@code criticality} but no {@code asset} (that is an inventory). */
  @Override
  public boolean accepts(Head head) {
    Set<String> columns = CsvHeader.sniff(head);
    return columns.contains("customer") && columns.contains("criticality") && !columns.contains("asset");
  }

  @Override
  public void parse(Source source, ImportSink sink) throws IOException {
    CsvReader csv = new CsvReader(source.name(), source.stream());
    CsvHeader header = CsvHeader.read(csv, REQUIRED, OPTIONAL, sink);
    int customer = header.required("customer");
    int criticality = header.required("criticality");
    int sector = header.index("sector");
    int country = header.index("country");
    while (csv.next()) {
      String name = csv.field(customer);
      if (name.isEmpty()) throw csv.reject("has an empty customer");
      sink.customer(new Customer(name, optional(csv, sector), optional(csv, country), criticality(csv, criticality)));
    }
  }

  private static @Nullable String optional(CsvReader csv, int index) {
    if (index < 0) return null;
    String value = csv.field(index);
    return value.isEmpty() ? null : value;
  }

  private static int criticality(CsvReader csv, int index) {
    String text = csv.field(index);
    if (text.length() == 1 && text.charAt(0) >= '1' && text.charAt(0) <= '5') return text.charAt(0) - '0';
    throw csv.reject("has criticality " + Utf8Text.quote(text) + ", which is not a whole number from 1 to 5");
  }
}
