package io.chainwatch.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every parser passes: on empty, truncated, random, wrong-format, non-UTF-8 and oversized input it either
 * rejects with a typed {@link InputRejected} naming the file, or (for formats where such input is legal) produces
 * records, and it never throws anything else. Subclasses name the parser and give one valid sample.
 */
public abstract class ParserContractTest {
  protected abstract Parser parser();

  /** A valid input this parser accepts and parses without error. */
  protected abstract byte[] validSample() throws IOException;

  /** Options the parser needs (an SBOM needs a customer and an asset). */
  protected ImportOptions options() {
    return ImportOptions.defaults();
  }

  protected RecordingSink parse(byte[] bytes) throws IOException {
    RecordingSink sink = new RecordingSink();
    parser().parse(new Source("sample", new ByteArrayInputStream(bytes), options()), sink);
    return sink;
  }

  /** Parses and returns normally, or rejects with an InputRejected that names the file. Nothing else. */
  protected void parsesOrRejects(byte[] bytes) {
    try {
      parse(bytes);
    } catch (InputRejected e) {
      assertThat(e.file()).isEqualTo("sample");
      assertThat(e.getMessage()).startsWith("sample");
    } catch (IOException e) {
      throw new AssertionError("an IOException from in-memory input: " + e, e);
    }
  }

  @Test
  void contract_validSample_isAcceptedAndParses() throws IOException {
    byte[] sample = validSample();
    assertThat(parser().accepts(new Head("sample", Arrays.copyOf(sample, Math.min(sample.length, Head.SIZE))))).isTrue();
    parse(sample);
  }

  @Test
  void contract_nameAndVersion_areStable() {
    assertThat(parser().name()).matches("[a-z0-9-]+/[a-z0-9-]+");
    assertThat(parser().version()).isNotBlank();
  }

  @Test
  void contract_emptyInput_isRejectedOrEmpty() {
    parsesOrRejects(new byte[0]);
  }

  @Test
  void contract_truncatedInput_isRejected() throws IOException {
    byte[] sample = validSample();
    for (int cut : new int[] {sample.length / 3, sample.length / 2, sample.length - 7}) {
      if (cut > 0) parsesOrRejects(Arrays.copyOf(sample, cut));
    }
  }

  @Test
  void contract_randomBytes_areRejected() {
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      byte[] junk = new byte[1 + random.nextInt(4096)];
      random.nextBytes(junk);
      parsesOrRejects(junk);
    }
  }

  @Test
  void contract_randomlyCorruptedSample_isParsedOrRejected() throws IOException {
    byte[] sample = validSample();
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      byte[] copy = sample.clone();
      for (int j = 0; j < 1 + random.nextInt(8); j++) copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
      parsesOrRejects(copy);
    }
  }

  @Test
  void contract_wrongFormat_isRejected() {
    parsesOrRejects("{\"hello\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8));
    parsesOrRejects("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
    parsesOrRejects("<?xml version=\"1.0\"?><root/>".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void contract_invalidUtf8_isRejectedAsSuch() throws IOException {
    byte[] sample = validSample();
    byte[] bad = Arrays.copyOf(sample, sample.length + 2);
    // Put an invalid UTF-8 sequence in the middle of the text, where a strict decoder must see it.
    int at = sample.length / 2;
    System.arraycopy(sample, at, bad, at + 2, sample.length - at);
    bad[at] = (byte) 0xC3;
    bad[at + 1] = (byte) 0x28;
    parsesOrRejects(bad);
  }

  @Test
  void contract_oversizedLineOrDocument_isRejectedWithoutExhaustingMemory() {
    // A 64 MiB stream of one character with no structure: a parser must bound what it buffers.
    InputStream huge = new InputStream() {
      long left = 64L << 20;

      @Override
      public int read() {
        return left-- > 0 ? 'a' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) return -1;
        int n = (int) Math.min(len, left);
        Arrays.fill(b, off, off + n, (byte) 'a');
        left -= n;
        return n;
      }
    };
    assertThatThrownBy(() -> parser().parse(new Source("sample", huge, options()), new RecordingSink()))
        .isInstanceOf(InputRejected.class);
  }
}
