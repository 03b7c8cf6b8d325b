package io.chainwatch.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3CX Ltd|3cx",
      "3CX Ltd.|3cx",
      "3cx|3cx",
      "Trading Technologies International, Inc|trading technologies international",
      "Trading Technologies International Inc.|trading technologies international",
      "SolarWinds Worldwide, LLC|solarwinds worldwide",
      "Siemens AG|siemens",
      "Intellect Service LLC (M.E.Doc)|intellect service llc me doc",
      "ACME S.A.|acme",
      "Linamar GmbH & Co. KG|linamar",
      "AG|ag"})
  void vendorKey_foldsCaseSpacePunctuationAndLegalSuffixes(String vendor, String key) {
    assertThat(Names.vendorKey(vendor)).isEqualTo(key);
  }

  @Test
  void productKey_foldsCaseWhitespaceAndPunctuation_keepsPlusAndHash() {
    assertThat(Names.productKey("3cx  Desktop-App")).isEqualTo(Names.productKey("3CX Desktop App"));
    assertThat(Names.productKey("Notepad++")).isNotEqualTo(Names.productKey("Notepad"));
    assertThat(Names.productKey("X_TRADER")).isEqualTo("x trader");
  }

  @Test
  void productKey_foldsUnicodeCompatibilityForms() {
    assertThat(Names.productKey("ＡＣＭＥ Widget")).isEqualTo("acme widget");
  }

  @Test
  void productKeyOf_threeCxSpellings_areOneProduct() {
    assertThat(ProductKey.of("3CX Ltd", "3cx desktop app")).isEqualTo(ProductKey.of("3CX", "3CX Desktop App"));
  }

  @Test
  void vendorMatch_equalPrefixEmptyAndDifferent() {
    assertThat(Names.vendorMatch("3cx", "3cx")).isEqualTo(100);
    assertThat(Names.vendorMatch("trading technologies", "trading technologies international")).isEqualTo(90);
    assertThat(Names.vendorMatch("trading technologies international", "trading technologies")).isEqualTo(90);
    assertThat(Names.vendorMatch("", "3cx")).isEqualTo(70);
    assertThat(Names.vendorMatch("3cx", "3cxx")).isZero();
    assertThat(Names.vendorMatch("trading", "tradingview")).isZero();
  }
}
