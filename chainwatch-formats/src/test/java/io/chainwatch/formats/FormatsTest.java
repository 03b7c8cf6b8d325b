package io.chainwatch.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.ingest.FormatDetector;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry as a whole: names are unique, and every sample file is detected as its own format and no other. */
class FormatsTest {
  /** Test-data folder → the parser that must claim every data file in it. */
  static final Map<String, String> FOLDERS = Map.ofEntries(
      Map.entry("csaf", "advisory/csaf"),
      Map.entry("cyclonedx", "sbom/cyclonedx"),
      Map.entry("spdx", "sbom/spdx"),
      Map.entry("customers", "portfolio/customers-csv"),
      Map.entry("inventory", "portfolio/inventory-csv"),
      Map.entry("ledger", "ledger/releases-csv"),
      Map.entry("advisory", "advisory/native"),
      Map.entry("osv", "advisory/osv"),
      Map.entry("intel/stix", "intel/stix"),
      Map.entry("intel/misp", "intel/misp"),
      Map.entry("intel/warninglist", "intel/misp-warninglist"));

  final FormatDetector detector = new FormatDetector(Formats.registry());

  @Test
  void registry_namesAreUnique() {
    List<String> names = Formats.registry().stream().map(Parser::name).collect(Collectors.toList());
    assertThat(new HashSet<>(names)).hasSize(names.size());
  }

  @Test
  void everySampleFile_isDetectedAsExactlyItsOwnFormat() throws IOException, URISyntaxException {
    int checked = 0;
    for (Map.Entry<String, String> folder : FOLDERS.entrySet()) {
      var url = getClass().getResource("/" + folder.getKey());
      if (url == null) continue;
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String n = f.getFileName().toString();
          if (n.endsWith(".md") || n.endsWith(".sha512") || n.contains("invalid") || n.contains("bad")) continue;
          assertThat(detector.detect(head(f), n, null).name()).as(n).isEqualTo(folder.getValue());
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
  }

  @Test
  void plainText_isInNoFormat_andTheMessageSaysWhatIsRead() {
    assertThatThrownBy(() -> detector.detect(new Head("notes.txt", "hello\n".getBytes(StandardCharsets.UTF_8)), "notes.txt", null))
        .isInstanceOf(InputRejected.class).hasMessageContaining("notes.txt").hasMessageContaining("sbom/cyclonedx");
  }

  @Test
  void formatOverride_acceptsFullAndShortNames_andRejectsUnknown() {
    Head h = new Head("x", new byte[] {'x'});
    assertThat(detector.detect(h, "x", "cyclonedx").name()).isEqualTo("sbom/cyclonedx");
    assertThat(detector.detect(h, "x", "advisory/csaf").name()).isEqualTo("advisory/csaf");
    assertThatThrownBy(() -> detector.detect(h, "x", "docx")).isInstanceOf(InputRejected.class).hasMessageContaining("docx");
  }

  private static Head head(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      return new Head(f.getFileName().toString(), in.readNBytes(Head.SIZE));
    }
  }

}
