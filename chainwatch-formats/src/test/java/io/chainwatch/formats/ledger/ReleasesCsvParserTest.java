package io.chainwatch.formats.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import io.chainwatch.verify.ledger.ReleaseRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReleasesCsvParserTest {
  private static final String HEADER = "vendor,product,version,platform,file,sha256,signer_thumbprint,published,source\n";
  private static final String HASH = "a".repeat(64);

  static byte[] sample() throws IOException {
    try (InputStream in = ReleasesCsvParserTest.class.getResourceAsStream("/ledger/releases.csv")) {
      return in.readAllBytes();
    }
  }

  private static RecordingSink parse(String text) throws IOException {
    RecordingSink sink = new RecordingSink();
    new ReleasesCsvParser().parse(new Source("releases.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        ImportOptions.defaults()), sink);
    return sink;
  }

  @Test
  void releases_sample_givesEveryRow_hashesLowerCased() throws IOException {
    RecordingSink sink = parse(new String(sample(), StandardCharsets.UTF_8));
    assertThat(sink.releases).hasSize(3);
    ReleaseRecord mirror = sink.releases.get(2);
    assertThat(mirror.sha256()).isEqualTo("aa000000000000000000000000000000000000000000000000000000000000c3");
    assertThat(mirror.signerThumbprint()).isNull();
    assertThat(mirror.source()).isEqualTo("mirror");
    assertThat(sink.releases.get(0).published()).isEqualTo(LocalDate.of(2023, 1, 10));
  }

  @Test
  void releases_shortSha256_isRejectedWithItsLine() {
    assertThatThrownBy(() -> parse(HEADER + "V,P,1.0,windows,a.exe," + HASH + ",,2023-01-01,vendor-feed\nV,P,1.1,windows,a.exe,abc,,2023-01-02,vendor-feed\n"))
        .isInstanceOf(InputRejected.class).hasMessageContaining("line 3").hasMessageContaining("sha256");
  }

  @Test
  void releases_badDate_badThumbprint_badPlatform_emptyVendor_areRejected() {
    assertThatThrownBy(() -> parse(HEADER + "V,P,1.0,windows,a.exe," + HASH + ",,13/03/2023,vendor-feed\n"))
        .isInstanceOf(InputRejected.class).hasMessageContaining("line 2").hasMessageContaining("ISO date");
    assertThatThrownBy(() -> parse(HEADER + "V,P,1.0,windows,a.exe," + HASH + ",xyz,2023-01-01,vendor-feed\n"))
        .isInstanceOf(InputRejected.class).hasMessageContaining("signer_thumbprint");
    assertThatThrownBy(() -> parse(HEADER + "V,P,1.0,amiga,a.exe," + HASH + ",,2023-01-01,vendor-feed\n"))
        .isInstanceOf(InputRejected.class).hasMessageContaining("platform");
    assertThatThrownBy(() -> parse(HEADER + ",P,1.0,windows,a.exe," + HASH + ",,2023-01-01,vendor-feed\n"))
        .isInstanceOf(InputRejected.class).hasMessageContaining("empty vendor");
  }

  @Test
  void releases_missingSourceColumn_isRejected() {
    assertThatThrownBy(() -> parse("vendor,product,version,platform,file,sha256\nV,P,1,windows,a," + HASH + "\n"))
        .isInstanceOf(InputRejected.class);
  }

  @Nested
  class Contract extends ParserContractTest {
    @Override
    protected Parser parser() {
      return new ReleasesCsvParser();
    }

    @Override
    protected byte[] validSample() throws IOException {
      return sample();
    }
  }
}
