package io.chainwatch.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.ingest.InputRejected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {
  private static List<String> lines(byte[] bytes, int maxLineBytes) throws IOException {
    return lines(new ByteArrayInputStream(bytes), maxLineBytes);
  }

  private static List<String> lines(InputStream in, int maxLineBytes) throws IOException {
    Utf8LineReader reader = new Utf8LineReader("f.csv", in, maxLineBytes);
    List<String> lines = new ArrayList<>();
    while (reader.next()) {
      assertThat(reader.lineNumber()).isEqualTo(lines.size() + 1);
      lines.add(reader.line());
    }
    return lines;
  }

  private static List<String> lines(String text) throws IOException {
    return lines(text.getBytes(StandardCharsets.UTF_8), Utf8LineReader.DEFAULT_MAX_LINE_BYTES);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
    return b;
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** A stream that hands out one byte per read, so that every line crosses buffer refills. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  @Test
  void lines_lfCrlfAndMissingFinalNewline_areAllLines() throws IOException {
    assertThat(lines("a\nb\r\nc")).containsExactly("a", "b", "c");
    assertThat(lines("a\n\nb\n")).containsExactly("a", "", "b");
  }

  @Test
  void lines_emptyInput_hasNoLines() throws IOException {
    assertThat(lines("")).isEmpty();
    assertThat(lines("\n")).containsExactly("");
  }

  @Test
  void lines_loneCarriageReturn_isAnOrdinaryCharacter() throws IOException {
    assertThat(lines("a\rb\n")).containsExactly("a\rb");
  }

  @Test
  void lines_leadingBom_isSkippedOnlyAtTheStart() throws IOException {
    assertThat(lines("\uFEFFcustomer,asset\n\uFEFFx")).containsExactly("customer,asset", "\uFEFFx");
    assertThat(lines("\uFEFF")).isEmpty();
  }

  @Test
  void lines_nonAscii_isDecoded() throws IOException {
    assertThat(lines("Zürich,東京,😀\nnext")).containsExactly("Zürich,東京,😀", "next");
  }

  @Test
  void lines_readOneByteAtATime_areTheSame() throws IOException {
    byte[] text = "\uFEFFfirst\r\nZürich 😀\nlast".getBytes(StandardCharsets.UTF_8);
    assertThat(lines(trickle(text), 64)).containsExactly("first", "Zürich 😀", "last");
  }

  @Test
  void lines_manyLinesBeyondTheBuffer_areAllRead() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100_000; i++) text.append("row ").append(i).append(i % 7 == 0 ? " é" : "").append('\n');
    List<String> lines = lines(text.toString());
    assertThat(lines).hasSize(100_000);
    assertThat(lines.get(99_999)).isEqualTo("row 99999");
    assertThat(lines.get(7)).isEqualTo("row 7 é");
  }

  @Test
  void lines_invalidUtf8_isRejectedWithItsLine() {
    byte[] bad = concat("ok\nstill ok\nbad ", bytes(0xC3, 0x28), "\n");
    assertThatThrownBy(() -> lines(bad, 1 << 20))
        .isInstanceOf(InputRejected.class)
        .hasMessage("f.csv: line 3: is not valid UTF-8 text");
  }

  @Test
  void lines_overlongEncodingSurrogateAndTruncatedSequence_areRejected() {
    for (byte[] bad : List.of(bytes(0xC0, 0x80), bytes(0xED, 0xA0, 0x80), bytes(0xE2, 0x82), bytes(0xF5, 0x80, 0x80, 0x80), bytes(0xFF))) {
      assertThatThrownBy(() -> lines(concat("x\n", bad, "\ny"), 1 << 20))
          .isInstanceOf(InputRejected.class)
          .hasMessage("f.csv: line 2: is not valid UTF-8 text");
    }
  }

  @Test
  void lines_latin1File_isRejectedNotGuessed() {
    byte[] latin1 = "customer\nZürich\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> lines(latin1, 1 << 20)).hasMessage("f.csv: line 2: is not valid UTF-8 text");
  }

  @Test
  void lines_longerThanTheBound_isRejectedWithItsLine() {
    byte[] text = ("short\n" + "x".repeat(17) + "\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> lines(text, 16))
        .isInstanceOf(InputRejected.class)
        .hasMessage("f.csv: line 2: is longer than 16 bytes");
    byte[] noNewline = ("short\n" + "x".repeat(100)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> lines(trickle(noNewline), 16)).hasMessage("f.csv: line 2: is longer than 16 bytes");
  }

  @Test
  void lines_exactlyAtTheBound_withCrlf_isAccepted() throws IOException {
    String line = "y".repeat(16);
    assertThat(lines((line + "\r\n" + line).getBytes(StandardCharsets.UTF_8), 16)).containsExactly(line, line);
  }

  @Test
  void lines_defaultBound_isOneMebibyte() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'a';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'a');
        return len;
      }
    };
    assertThatThrownBy(() -> new Utf8LineReader("f.csv", endless).next())
        .isInstanceOf(InputRejected.class)
        .hasMessage("f.csv: line 1: is longer than 1 MiB");
  }

  @Test
  void describeSize_namesTheUnit() {
    assertThat(Utf8Text.describeSize(1 << 20)).isEqualTo("1 MiB");
    assertThat(Utf8Text.describeSize(64 << 10)).isEqualTo("64 KiB");
    assertThat(Utf8Text.describeSize(1000)).isEqualTo("1000 bytes");
  }

  @Test
  void decode_invalidUtf8_namesTheLine() {
    byte[] bad = concat("a: 1\nb: 2\nc: ", bytes(0xFF), "\n");
    assertThatThrownBy(() -> Utf8Text.decode("a.yaml", bad)).hasMessage("a.yaml: line 3: is not valid UTF-8 text");
    assertThat(Utf8Text.decode("a.yaml", "\uFEFFid: x".getBytes(StandardCharsets.UTF_8))).isEqualTo("id: x");
  }

  @Test
  void readAtMost_moreThanTheBound_isRejected() {
    assertThatThrownBy(() -> Utf8Text.readAtMost("a.yaml", new ByteArrayInputStream(new byte[2049]), 2048))
        .hasMessage("a.yaml: is larger than 2 KiB");
  }

  @Test
  void quote_escapesControlCharactersAndShortensLongValues() {
    assertThat(Utf8Text.quote("a\nb\u0007c")).isEqualTo("'a\\nb\\u0007c'");
    assertThat(Utf8Text.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(80) + "…'");
  }
}
