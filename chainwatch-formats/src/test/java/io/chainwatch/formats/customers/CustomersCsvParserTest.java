package io.chainwatch.formats.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.portfolio.Customer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CustomersCsvParserTest {
  private final CustomersCsvParser parser = new CustomersCsvParser();

  static byte[] sample() throws IOException {
    try (InputStream in = CustomersCsvParserTest.class.getResourceAsStream("customers.csv")) {
      return in.readAllBytes();
    }
  }

  private RecordingSink parse(String text) throws IOException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private RecordingSink parse(byte[] bytes) throws IOException {
    RecordingSink sink = new RecordingSink();
    parser.parse(new Source("customers.csv", new ByteArrayInputStream(bytes), ImportOptions.defaults()), sink);
    return sink;
  }

  private boolean accepts(String head) {
    return parser.accepts(new Head("x.csv", head.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void customers_sample_givesEveryCustomer() throws IOException {
    RecordingSink sink = parse(sample());
    assertThat(sink.customers).containsExactly(
        new Customer("Acme Hospital", "healthcare", "DE", 5),
        new Customer("Globex Logistics", "transport", "NL", 3),
        new Customer("Initech, Inc.", "finance", "US", 4),
        new Customer("Small Bakery", null, null, 1));
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void customers_bomCrlfAndFreeColumnOrder_areRead() throws IOException {
    RecordingSink sink = parse("\uFEFFCriticality,Country,CUSTOMER\r\n2,FR,\"Acme \"\"East\"\"\"\r\n");
    assertThat(sink.customers).containsExactly(new Customer("Acme \"East\"", null, "FR", 2));
  }

  @Test
  void customers_sectorAndCountryColumnsAbsent_areNull() throws IOException {
    assertThat(parse("customer,criticality\nAcme,5\n").customers).containsExactly(new Customer("Acme", null, null, 5));
  }

  @Test
  void customers_extraColumns_giveOneWarning() throws IOException {
    RecordingSink sink = parse("customer,criticality,account_manager,notes\nAcme,5,Jo,vip\n");
    assertThat(sink.warnings).containsExactly("customers.csv: line 1: ignoring the unknown columns account_manager, notes");
    assertThat(sink.customers).hasSize(1);
  }

  @Test
  void customers_criticalityOutOfRange_isRejectedWithItsLine() {
    for (String bad : new String[] {"0", "6", "high", "", "3.5", "-1"}) {
      assertThatThrownBy(() -> parse("customer,criticality\nAcme,5\nGlobex," + bad + "\n"))
          .isInstanceOf(InputRejected.class)
          .hasMessage("customers.csv: line 3: has criticality '" + bad + "', which is not a whole number from 1 to 5");
    }
  }

  @Test
  void customers_emptyName_isRejectedWithItsLine() {
    assertThatThrownBy(() -> parse("customer,criticality\n  ,5\n")).hasMessage("customers.csv: line 2: has an empty customer");
  }

  @Test
  void customers_missingCriticalityColumn_isRejectedAtLineOne() {
    assertThatThrownBy(() -> parse("customer,sector\nAcme,health\n"))
        .hasMessage("customers.csv: line 1: lacks the required column criticality");
  }

  @Test
  void customers_rowWithTooFewFields_isRejectedWithItsLine() {
    assertThatThrownBy(() -> parse("customer,sector,country,criticality\nAcme,health,DE\n"))
        .hasMessage("customers.csv: line 2: has 3 fields where the header has 4");
  }

  @Test
  void customers_latin1_isRejectedWithItsLine() {
    byte[] latin1 = "customer,criticality\nMünchen AG,3\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> parse(latin1)).hasMessage("customers.csv: line 2: is not valid UTF-8 text");
  }

  @Test
  void accepts_customersHeaderInAnyOrder_butNotAnInventory() {
    assertThat(accepts("customer,sector,country,criticality\nAcme,x,y,5\n")).isTrue();
    assertThat(accepts("\uFEFFCRITICALITY, Customer\n")).isTrue();
    assertThat(accepts("customer,asset,criticality,product\n")).isFalse();
    assertThat(accepts("customer,sector,country\n")).isFalse();
    assertThat(accepts("{\"customer\": 1, \"criticality\": 2}")).isFalse();
    assertThat(accepts("")).isFalse();
  }

  @Nested
  class Contract extends ParserContractTest {
    @Override
    protected Parser parser() {
      return new CustomersCsvParser();
    }

    @Override
    protected byte[] validSample() throws IOException {
      return sample();
    }
  }
}
