package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The walk takes a field whose bytes are the line before's at the same place from what it found there (ADR 012): it
 * must find what a walk that never saw the line before finds, also where the bytes differ only at the field's last
 * byte, where the line ends inside the field, and where a key comes twice.
 */
class ZeekJsonWalkReuseTest {
  private static final String FIRST = "{\"ts\":1679443200.076406,\"proto\":\"udp\",\"qtype\":1,\"query\":\"a.example\","
      + "\"id.resp_h\":\"10.0.0.53\",\"AA\":false,\"answers\":[\"1.2.3.4\"],\"Z\":0}";

  @Test
  void aFieldAsTheLineBeforeHadIt_isFoundWhereItIs() {
    ZeekJsonScanner.Line primed = new ZeekJsonScanner.Line();
    walkBoth(FIRST, primed);
    // the same bytes up to the query, which now begins one byte later: every value kept moves
    String moved = FIRST.replace("\"ts\":1679443200.076406", "\"ts\":1679443200.0764067");
    walkBoth(moved, primed);
    walkBoth(moved, primed);
    assertThat(keptText(moved, primed, "id.resp_h")).isEqualTo("10.0.0.53");
    assertThat(keptText(moved, primed, "query")).isEqualTo("a.example");
  }

  @Test
  void aFieldThatDiffersInItsLastByte_isWalkedAgain() {
    ZeekJsonScanner.Line primed = new ZeekJsonScanner.Line();
    walkBoth(FIRST, primed);
    walkBoth(FIRST.replace("\"qtype\":1,", "\"qtype\":1}"), primed);
    walkBoth(FIRST, primed);
    walkBoth(FIRST.replace("\"qtype\":1,", "\"qtype\":12,"), primed);
    walkBoth(FIRST.replace("\"id.resp_h\":\"10.0.0.53\"", "\"id.resp_h\":\"10.0.0.5\\\""), primed);
    walkBoth(FIRST.replace("\"AA\":false,", "\"AA\":fals,"), primed);
  }

  /** Flags and codes side by side, none kept, between kept fields: a run once two lines had them alike. */
  private static final String RUNS = "{\"ts\":1.5,\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,"
      + "\"query\":\"a.example\",\"rcode\":0,\"AA\":false,\"TC\":false,\"RD\":true,\"Z\":0,\"rejected\":false}";

  @Test
  void aRunOfFieldsIsTakenAtOnce_andWalkedFieldByFieldWhereItDiffers() {
    ZeekJsonScanner.Line primed = new ZeekJsonScanner.Line();
    walkBoth(RUNS, primed);
    walkBoth(RUNS, primed);
    walkBoth(RUNS, primed);
    assertThat(keptText(RUNS, primed, "query")).isEqualTo("a.example");
    // a value inside a run, its last byte, a key, and what follows a run
    walkBoth(RUNS.replace("\"TC\":false", "\"TC\":fals"), primed);
    walkBoth(RUNS, primed);
    walkBoth(RUNS.replace("\"qtype\":1,", "\"qtype\":2,"), primed);
    walkBoth(RUNS, primed);
    walkBoth(RUNS.replace("\"RD\":true", "\"RD\":null"), primed);
    walkBoth(RUNS.replace("\"Z\":0,", "\"query\":\"b.example\","), primed);
    walkBoth(RUNS.replace("\"Z\":0,", "\"Z\":0, "), primed);
    walkBoth(RUNS.replace(",\"query\":\"a.example\"", ""), primed);
    String other = RUNS.replace("\"query\":\"a.example\"", "\"query\":\"c.example\"");
    walkBoth(other, primed);
    assertThat(keptText(other, primed, "query")).isEqualTo("c.example");
  }

  @Test
  void theLastFieldIsTakenWithItsBrace_andWhatFollowsTheBraceIsStillChecked() {
    ZeekJsonScanner.Line primed = new ZeekJsonScanner.Line();
    walkBoth(RUNS, primed);
    walkBoth(RUNS, primed);
    assertThat(walkBoth(RUNS + " x", primed)).isEqualTo(-1);
    assertThat(walkBoth(RUNS + "}", primed)).isEqualTo(-1);
    assertThat(walkBoth(RUNS + " \t", primed)).isEqualTo(RUNS.length() + 2);
    walkBoth(RUNS.replace("\"rejected\":false}", "\"rejected\":true}"), primed);
    walkBoth(RUNS.replace("\"rejected\":false}", "\"rejected\":false,\"x\":1}"), primed);
    walkBoth(RUNS, primed);
    walkBoth(RUNS.replace("\"rejected\":false}", "\"query\":\"b.example\"}"), primed);
  }

  @Test
  void aRepeatedKeyIsWhole_evenWhenItsBytesAreKnown() {
    ZeekJsonScanner.Line primed = new ZeekJsonScanner.Line();
    walkBoth(FIRST, primed);
    String twice = FIRST.replace("\"proto\":\"udp\",", "\"query\":\"a.example\",");
    assertThat(walkBoth(twice, primed)).isEqualTo(-1);
  }

  @Test
  void aLineThatEndsInsideAKnownField_isNotTakenAsSimple() {
    ZeekJsonScanner.Line primed = new ZeekJsonScanner.Line();
    walkBoth(FIRST, primed);
    byte[] b = (FIRST + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] padded = Arrays.copyOf(b, b.length + 1024);
    int cut = FIRST.indexOf("\"qtype\"") + 5;
    primed.stamp++;
    assertThat(ZeekJsonScanner.walk(padded, 0, cut, primed)).isEqualTo(-1);
    primed.stamp++;
    assertThat(ZeekJsonScanner.walk(padded, 0, padded.length, primed)).isEqualTo(FIRST.length());
  }

  /** Walks the line with the primed state and afresh: both find the same end and the same fields. */
  private static int walkBoth(String text, ZeekJsonScanner.Line primed) {
    byte[] line = text.getBytes(StandardCharsets.US_ASCII);
    // room after the line as a chunk has (its last line aside): the walk matches what it knows only with room to read
    byte[] b = Arrays.copyOf(line, line.length + 1024);
    b[line.length] = '\n';
    ZeekJsonScanner.Line fresh = new ZeekJsonScanner.Line();
    fresh.stamp = 1;
    int end = ZeekJsonScanner.walk(b, 0, b.length, fresh);
    primed.stamp++;
    assertThat(ZeekJsonScanner.walk(b, 0, b.length, primed)).as(text).isEqualTo(end);
    if (end >= 0) {
      for (int code = 0; code < fresh.seen.length; code++) {
        boolean kept = fresh.seen[code] == fresh.stamp;
        assertThat(primed.seen[code] == primed.stamp).as(text).isEqualTo(kept);
        if (kept) {
          assertThat(new int[] {primed.start[code], primed.end[code], primed.type[code]}).as(text)
              .containsExactly(fresh.start[code], fresh.end[code], fresh.type[code]);
        }
      }
    }
    return end;
  }

  private static String keptText(String text, ZeekJsonScanner.Line l, String key) {
    byte[] k = key.getBytes(StandardCharsets.US_ASCII);
    int code = ZeekJsonScanner.KEYS.lookup(k, 0, k.length);
    assertThat(l.seen[code]).isEqualTo(l.stamp);
    return text.substring(l.start[code], l.end[code]);
  }
}
