package io.chainwatch.formats.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Installation;
import io.chainwatch.portfolio.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InventoryCsvParserTest {
  private static final String HEADER = "customer,asset,platform,vendor,product,version";
  private final InventoryCsvParser parser = new InventoryCsvParser();

  static byte[] sample() throws IOException {
    try (InputStream in = InventoryCsvParserTest.class.getResourceAsStream("inventory.csv")) {
      return in.readAllBytes();
    }
  }

  private RecordingSink parse(String text) throws IOException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private RecordingSink parse(byte[] bytes) throws IOException {
    RecordingSink sink = new RecordingSink();
    parser.parse(new Source("inventory.csv", new ByteArrayInputStream(bytes), ImportOptions.defaults()), sink);
    return sink;
  }

  /** One row with the required columns plus one optional column. */
  private Installation withOptional(String column, String value) throws IOException {
    RecordingSink sink = parse(HEADER + "," + column + "\nAcme,ws-1,windows,3CX,3CX Desktop App,18.12.416," + value + "\n");
    assertThat(sink.installations).hasSize(1);
    return sink.installations.get(0);
  }

  private void rejectsOptional(String column, String value, String problem) {
    assertThatThrownBy(() -> withOptional(column, value))
        .isInstanceOf(InputRejected.class)
        .hasMessage("inventory.csv: line 2: " + problem);
  }

  @Test
  void inventory_sample_givesEveryInstallation() throws IOException {
    RecordingSink sink = parse(sample());
    assertThat(sink.installations).containsExactly(
        new Installation("Acme Hospital", "ws-001", Platform.WINDOWS, "3CX Ltd", "3CX Desktop App", "18.12.416",
            "pkg:generic/3cx/3cx-desktopapp@18.12.416?os=windows", null,
            "C:\\Users\\nurse\\AppData\\Local\\Programs\\3CXDesktopApp", null, Instant.parse("2023-03-22T10:01:02Z"),
            "10.0.0.11"),
        new Installation("Acme Hospital", "mac-007", Platform.MACOS, "3CX Ltd", "3CX Desktop App", "18.11.1213", null,
            null, "/Applications/3CX Desktop App.app", null, Instant.parse("2023-03-22T00:00:00Z"), "fe80::1"),
        new Installation("Globex Logistics", "srv-12", Platform.LINUX, "OpenSSL Project", "OpenSSL", "3.0.7", null,
            "cpe:2.3:a:openssl:openssl:3.0.7:*:*:*:*:*:*:*", "/usr/lib", null, null, null),
        new Installation("Initech, Inc.", "ws-42", Platform.WINDOWS, "3CX", "3CX \"Desktop\" App", "", null, null, null,
            "7986bbaee8940da11ce089383521ab420c443ab7b15ed42aed91fd31ce833896", null, "192.168.1.20"));
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void inventory_optionalColumnsAbsent_areNull() throws IOException {
    RecordingSink sink = parse("Product,Version,Vendor,Platform,Asset,Customer\r\nApp,1.0,V,any,a1,C\r\n");
    Installation i = sink.installations.get(0);
    assertThat(i).isEqualTo(new Installation("C", "a1", Platform.ANY, "V", "App", "1.0", null, null, null, null, null, null));
  }

  @Test
  void inventory_bomAndExtraColumns_areAcceptedWithOneWarning() throws IOException {
    RecordingSink sink = parse("\uFEFF" + HEADER + ",owner,ticket\nAcme,ws-1,windows,3CX,App,1,jo,T-1\n");
    assertThat(sink.installations).hasSize(1);
    assertThat(sink.warnings).containsExactly("inventory.csv: line 1: ignoring the unknown columns owner, ticket");
  }

  @Test
  void inventory_emptyVersion_isKeptAsUnknown() throws IOException {
    assertThat(parse(HEADER + "\nAcme,ws-1,windows,3CX,App,\n").installations.get(0).version()).isEmpty();
  }

  @Test
  void inventory_unknownPlatform_isRejectedNamingTheLegalValues() {
    assertThatThrownBy(() -> parse(HEADER + "\nAcme,ws-1,windows,3CX,App,1\nAcme,ws-2,beos,3CX,App,1\n"))
        .isInstanceOf(InputRejected.class)
        .hasMessage("inventory.csv: line 3: has platform 'beos', which is not one of windows, macos, linux, ios, android, any");
  }

  @Test
  void inventory_emptyCustomerAssetOrProduct_isRejectedWithItsLine() {
    assertThatThrownBy(() -> parse(HEADER + "\n,ws-1,windows,3CX,App,1\n")).hasMessage("inventory.csv: line 2: has an empty customer");
    assertThatThrownBy(() -> parse(HEADER + "\nAcme,,windows,3CX,App,1\n")).hasMessage("inventory.csv: line 2: has an empty asset");
    assertThatThrownBy(() -> parse(HEADER + "\nAcme,ws-1,windows,3CX,\"\",1\n")).hasMessage("inventory.csv: line 2: has an empty product");
  }

  @Test
  void inventory_sha256_isLowerCased_andMustBe64Hex() throws IOException {
    assertThat(withOptional("sha256", "AB".repeat(32)).sha256()).isEqualTo("ab".repeat(32));
    rejectsOptional("sha256", "ab".repeat(31), "has sha256 '" + "ab".repeat(31) + "', which is not 64 hexadecimal digits");
    rejectsOptional("sha256", "zz".repeat(32), "has sha256 '" + "zz".repeat(32) + "', which is not 64 hexadecimal digits");
  }

  @Test
  void inventory_observedAt_isAnInstantOrTheStartOfADay() throws IOException {
    assertThat(withOptional("observed_at", "2023-03-22").observedAt()).isEqualTo(Instant.parse("2023-03-22T00:00:00Z"));
    assertThat(withOptional("observed_at", "2023-03-22T10:01:02.5Z").observedAt()).isEqualTo(Instant.parse("2023-03-22T10:01:02.500Z"));
    assertThat(withOptional("observed_at", "2023-03-22T12:01:02+02:00").observedAt()).isEqualTo(Instant.parse("2023-03-22T10:01:02Z"));
    for (String bad : new String[] {"2023-02-30", "2023-13-01T00:00:00Z", "22/03/2023", "2023-03-22T10:01:02", "yesterday"}) {
      rejectsOptional("observed_at", bad, "has observed_at '" + bad
          + "', which is not an ISO-8601 date (2023-03-29) or instant with a zone (2023-03-29T10:00:00Z)");
    }
  }

  @Test
  void inventory_ip_isAnAddressLiteral() throws IOException {
    assertThat(withOptional("ip", "10.1.2.3").assetAddress()).isEqualTo("10.1.2.3");
    assertThat(withOptional("ip", "2001:DB8::1").assetAddress()).isEqualTo("2001:db8::1");
    assertThat(withOptional("ip", "2001:DB8:0:0:0:0:0:1").assetAddress()).as("canonical, as telemetry writes it").isEqualTo("2001:db8::1");
    assertThat(withOptional("ip", "::ffff:10.1.2.3").assetAddress()).isEqualTo("10.1.2.3");
    for (String bad : new String[] {"10.1.2", "256.1.1.1", "example.com", "10.01.2.3", "1::2::3"}) {
      rejectsOptional("ip", bad, "has ip '" + bad + "', which is not an IPv4 or IPv6 address");
    }
  }

  @Test
  void inventory_purlAndCpe_mustBeWellFormed() throws IOException {
    assertThat(withOptional("purl", "pkg:generic/3cx/3cx-desktopapp@18.12.416").purl()).isEqualTo("pkg:generic/3cx/3cx-desktopapp@18.12.416");
    rejectsOptional("purl", "3cx-desktopapp", "has purl '3cx-desktopapp', which is not a package URL (pkg:type/name@version)");
    rejectsOptional("cpe", "cpe:2.3:a", "has cpe 'cpe:2.3:a', which is not a CPE 2.2 or 2.3 name");
  }

  @Test
  void inventory_emptyOptionalValues_areNull() throws IOException {
    RecordingSink sink = parse(HEADER + ",ip,purl,cpe,install_path,sha256,observed_at\nAcme,ws-1,windows,3CX,App,1,,,, ,,\n");
    Installation i = sink.installations.get(0);
    assertThat(i.assetAddress()).isNull();
    assertThat(i.purl()).isNull();
    assertThat(i.cpe()).isNull();
    assertThat(i.installPath()).isNull();
    assertThat(i.sha256()).isNull();
    assertThat(i.observedAt()).isNull();
  }

  @Test
  void inventory_missingRequiredColumns_areRejectedAtLineOneNamingThem() {
    assertThatThrownBy(() -> parse("customer,asset,product\nAcme,ws-1,App\n"))
        .hasMessage("inventory.csv: line 1: lacks the required columns platform, vendor, version");
  }

  @Test
  void inventory_unclosedQuote_isRejectedWithLineAndColumn() {
    assertThatThrownBy(() -> parse(HEADER + "\nAcme,ws-1,windows,3CX,\"App,1\n"))
        .hasMessage("inventory.csv: line 2, column 23: has a quoted field that does not close on the same line");
  }

  @Test
  void inventory_invalidUtf8_isRejectedWithItsLine() {
    byte[] text = (HEADER + "\nAcme,ws-1,windows,3CX,App,1\nAcme,ws-2,windows,3CX,App\u00e9,1\n").getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> parse(text)).hasMessage("inventory.csv: line 3: is not valid UTF-8 text");
  }

  @Test
  void inventory_nonAsciiValues_areDecoded() throws IOException {
    Installation i = parse(HEADER + "\nMünchen Klinik,arbeitsplatz-ü,windows,Ärzte-Soft GmbH,Praxis 東京,2.0\n").installations.get(0);
    assertThat(i.customer()).isEqualTo("München Klinik");
    assertThat(i.asset()).isEqualTo("arbeitsplatz-ü");
    assertThat(i.product()).isEqualTo("Praxis 東京");
  }

  @Test
  void accepts_inventoryHeader_only() {
    assertThat(parser.accepts(new Head("x", ("\uFEFF" + HEADER + "\n").getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(parser.accepts(new Head("x", "Product,Asset,Customer\n".getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(parser.accepts(new Head("x", "customer,sector,country,criticality\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(parser.accepts(new Head("x", "from,relation,to,confidence\n".getBytes(StandardCharsets.UTF_8)))).isFalse();
  }

  @Nested
  class Contract extends ParserContractTest {
    @Override
    protected Parser parser() {
      return new InventoryCsvParser();
    }

    @Override
    protected byte[] validSample() throws IOException {
      return sample();
    }
  }
}
