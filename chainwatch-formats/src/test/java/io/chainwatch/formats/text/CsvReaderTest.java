package io.chainwatch.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.InputRejected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static CsvReader csv(String text) {
    return new CsvReader("f.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<List<String>> records(String text) throws IOException {
    CsvReader csv = csv(text);
    List<List<String>> records = new ArrayList<>();
    while (csv.next()) {
      List<String> record = new ArrayList<>();
      for (int i = 0; i < csv.width(); i++) record.add(csv.field(i));
      records.add(record);
    }
    return records;
  }

  @Test
  void fields_quotedWithCommasAndDoubledQuotes_areUnquoted() throws IOException {
    assertThat(records("\"Initech, Inc.\",\"say \"\"hi\"\"\",\"\"\"\",plain\n"))
        .containsExactly(List.of("Initech, Inc.", "say \"hi\"", "\"", "plain"));
  }

  @Test
  void fields_whiteSpaceOutsideQuotes_isTrimmed_insideKept() throws IOException {
    assertThat(records("  a , \t b\t,  \"  c  \"  ,d\r\n")).containsExactly(List.of("a", "b", "  c  ", "d"));
  }

  @Test
  void fields_emptyAndTrailing_areEmptyStrings() throws IOException {
    assertThat(records("a,,c,\n,\n")).containsExactly(List.of("a", "", "c", ""), List.of("", ""));
    assertThat(records("\"\",x")).containsExactly(List.of("", "x"));
  }

  @Test
  void fields_quoteInsideUnquotedField_isText() throws IOException {
    assertThat(records("27\" monitor,b")).containsExactly(List.of("27\" monitor", "b"));
  }

  @Test
  void records_blankLines_areSkipped() throws IOException {
    assertThat(records("a,b\n\n   \n\r\nc,d\n\n")).containsExactly(List.of("a", "b"), List.of("c", "d"));
  }

  @Test
  void records_unclosedQuote_isRejectedAtTheOpeningQuote() {
    assertThatThrownBy(() -> records("a,b\nx,\"multi\nline\"\n"))
        .isInstanceOf(InputRejected.class)
        .hasMessage("f.csv: line 2, column 3: has a quoted field that does not close on the same line");
  }

  @Test
  void records_textAfterClosingQuote_isRejectedWithItsColumn() {
    assertThatThrownBy(() -> records("\"ab\"c,d\n"))
        .hasMessage("f.csv: line 1, column 5: has text after the closing quote of a field");
  }

  @Test
  void header_namesAreCaseInsensitiveAndTrimmed_orderIsFree() throws IOException {
    CsvReader csv = csv("\uFEFF Criticality ,CUSTOMER\n5,Acme\n");
    CsvHeader header = CsvHeader.read(csv, List.of("customer", "criticality"), List.of("sector"), new RecordingSink());
    assertThat(header.required("customer")).isEqualTo(1);
    assertThat(header.required("criticality")).isEqualTo(0);
    assertThat(header.index("sector")).isEqualTo(-1);
    assertThat(csv.next()).isTrue();
    assertThat(csv.field(header.required("customer"))).isEqualTo("Acme");
  }

  @Test
  void header_extraColumns_giveOneWarningNamingThem() throws IOException {
    RecordingSink sink = new RecordingSink();
    CsvHeader.read(csv("customer,notes,criticality,owner,\n"), List.of("customer", "criticality"), List.of(), sink);
    assertThat(sink.warnings).containsExactly("f.csv: line 1: ignoring the unknown columns notes, owner, (column 5, no name)");
  }

  @Test
  void header_missingRequiredColumns_areRejectedAtLineOneNamingThem() {
    assertThatThrownBy(() -> CsvHeader.read(csv("customer,sector\n"), List.of("customer", "asset", "product"), List.of(), new RecordingSink()))
        .isInstanceOf(InputRejected.class)
        .hasMessage("f.csv: line 1: lacks the required columns asset, product");
  }

  @Test
  void header_repeatedColumn_isRejected() {
    assertThatThrownBy(() -> CsvHeader.read(csv("customer,Customer\n"), List.of("customer"), List.of(), new RecordingSink()))
        .hasMessage("f.csv: line 1: names the column 'customer' twice");
  }

  @Test
  void header_emptyInput_isRejected() {
    assertThatThrownBy(() -> CsvHeader.read(csv(""), List.of("customer"), List.of(), new RecordingSink()))
        .hasMessage("f.csv: is empty: a header line with the columns customer was expected");
  }

  @Test
  void records_wrongNumberOfFields_isRejectedWithItsLine() throws IOException {
    CsvReader csv = csv("a,b,c\n1,2,3\n\n1,2\n");
    CsvHeader.read(csv, List.of("a", "b", "c"), List.of(), new RecordingSink());
    assertThat(csv.next()).isTrue();
    assertThatThrownBy(csv::next).hasMessage("f.csv: line 4: has 2 fields where the header has 3");
  }

  @Test
  void sniff_readsTheFirstNonBlankLine() {
    Head head = new Head("x.csv", "\uFEFF\n \"Customer\" , Asset,product\r\nrow".getBytes(StandardCharsets.UTF_8));
    assertThat(CsvHeader.sniff(head)).containsExactly("customer", "asset", "product");
    assertThat(CsvHeader.sniff(new Head("x", new byte[0]))).isEmpty();
  }
}
