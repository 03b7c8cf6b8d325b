package io.chainwatch.formats.csaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsafSidecarTest {
  private static final String DOCUMENT = "icsa-24-030-03.json";

  @TempDir Path dir;

  private Path copyOfCisaAdvisoryWithSidecar() throws IOException {
    Path document = dir.resolve(DOCUMENT);
    Files.write(document, CsafParserTest.resource(DOCUMENT));
    Files.write(dir.resolve(DOCUMENT + ".sha512"), CsafParserTest.resource(DOCUMENT + ".sha512"));
    return document;
  }

  @Test
  void sidecar_cisaAdvisory_matchesItsSha512() throws IOException {
    assertThat(CsafSidecar.verifySha512(copyOfCisaAdvisoryWithSidecar())).isTrue();
  }

  @Test
  void sidecar_documentChangedByOneByte_doesNotMatch() throws IOException {
    Path document = copyOfCisaAdvisoryWithSidecar();
    byte[] bytes = Files.readAllBytes(document);
    bytes[bytes.length / 2] ^= 1;
    Files.write(document, bytes);
    assertThat(CsafSidecar.verifySha512(document)).isFalse();
  }

  @Test
  void sidecar_namingAnotherFile_doesNotMatch() throws IOException {
    Path document = copyOfCisaAdvisoryWithSidecar();
    Path sidecar = dir.resolve(DOCUMENT + ".sha512");
    String line = Files.readString(sidecar).replace(DOCUMENT, "other.json");
    Files.writeString(sidecar, line);
    assertThat(CsafSidecar.verifySha512(document)).isFalse();
  }

  @Test
  void sidecar_hashOnlyWithoutName_matches() throws IOException {
    Path document = copyOfCisaAdvisoryWithSidecar();
    Path sidecar = dir.resolve(DOCUMENT + ".sha512");
    Files.writeString(sidecar, Files.readString(sidecar).split("\\s+")[0].toUpperCase() + "\n");
    assertThat(CsafSidecar.verifySha512(document)).isTrue();
  }

  @Test
  void sidecar_withoutHash_isRejected() throws IOException {
    Path document = copyOfCisaAdvisoryWithSidecar();
    Files.writeString(dir.resolve(DOCUMENT + ".sha512"), "not a hash\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CsafSidecar.verifySha512(document))
        .isInstanceOf(InputRejected.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void sidecar_missing_isNoSuchFile() throws IOException {
    Path document = dir.resolve("lonely.json");
    Files.writeString(document, "{}");
    assertThatThrownBy(() -> CsafSidecar.verifySha512(document)).isInstanceOf(NoSuchFileException.class);
  }
}
