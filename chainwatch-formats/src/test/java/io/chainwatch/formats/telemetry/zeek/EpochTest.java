package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scan's reading of a Zeek time accepts the texts and gives the times that the reader's decimals give
 * ({@link ZeekEvents#time}): on generated times of every length, with and without fractions, and on damaged ones.
 */
class EpochTest {
  @Test
  void timesAsTheReaderReadsThem() {
    Random random = new Random(5);
    String digits = "0123456789";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder t = new StringBuilder();
      int whole = random.nextInt(21);
      for (int k = 0; k < whole; k++) t.append(digits.charAt(k == 0 && random.nextInt(10) > 0 ? 1 + random.nextInt(9) : random.nextInt(10)));
      if (random.nextInt(3) > 0) {
        t.append('.');
        int fraction = random.nextInt(13);
        for (int k = 0; k < fraction; k++) t.append(digits.charAt(random.nextInt(10)));
      }
      if (random.nextInt(20) == 0 && t.length() > 0) t.setCharAt(random.nextInt(t.length()), "e-+x./ 9".charAt(random.nextInt(8)));
      String text = t.toString();
      byte[] b = (text + "\",").getBytes(StandardCharsets.US_ASCII);
      ZeekJsonScanner.Line l = new ZeekJsonScanner.Line();
      boolean read = ZeekJsonScanner.epoch(b, 0, text.length(), l);
      Instant expected = reference(text);
      assertThat(read).as(text).isEqualTo(expected != null);
      if (read) assertThat(Instant.ofEpochSecond(l.seconds, l.nanos)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void timesReadOneAfterTheOther_asTheReaderReadsEach() {
    // one line state for all, as a chunk's walk has: times that share their first ten bytes with the one before
    Random random = new Random(9);
    ZeekJsonScanner.Line l = new ZeekJsonScanner.Line();
    String[] seconds = {"1679443200", "1679443201", "1679443200", "167944320", "16794432000", "0679443200", "1679443200"};
    for (int i = 0; i < 50_000; i++) {
      String whole = seconds[random.nextInt(seconds.length)];
      String text = switch (random.nextInt(6)) {
        case 0 -> whole;
        case 1 -> whole + ".";
        case 2 -> whole + "." + random.nextInt(10);
        case 3 -> whole + "x" + random.nextInt(1000);
        case 4 -> whole + "." + String.format("%09d", random.nextInt(1_000_000_000)) + random.nextInt(10);
        default -> whole + "." + String.format("%06d", random.nextInt(1_000_000));
      };
      byte[] b = (text + "\",").getBytes(StandardCharsets.US_ASCII);
      boolean read = ZeekJsonScanner.epoch(b, 0, text.length(), l);
      Instant expected = reference(text);
      assertThat(read).as(text).isEqualTo(expected != null);
      if (read) assertThat(Instant.ofEpochSecond(l.seconds, l.nanos)).as(text).isEqualTo(expected);
    }
  }

  /** What the scan must give: the reader's time for the forms the scan reads, none for the others. */
  private static Instant reference(String text) {
    if (!text.matches("[1-9][0-9]{0,17}(\\.[0-9]*)?")) return null;
    int dot = text.indexOf('.');
    int whole = dot < 0 ? text.length() : dot;
    if (whole >= ZeekEvents.MILLISECOND_DIGITS && dot >= 0) return null; // milliseconds with a fraction: the reader's
    if (dot == text.length() - 1) return Instant.ofEpochSecond(Long.parseLong(text.substring(0, dot)));
    return ZeekEvents.time(text);
  }
}
