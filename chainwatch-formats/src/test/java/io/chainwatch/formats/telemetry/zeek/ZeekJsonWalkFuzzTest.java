package io.chainwatch.formats.telemetry.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainwatch.formats.telemetry.JsonRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner's byte walk takes a line as simple only when the reader's JSON parser accepts it and gives the same
 * values for every field the walk keeps: it is run on many thousands of damaged variants of real Zeek lines (bytes
 * deleted, inserted, repeated, cut), and every variant it accepts is checked against Jackson.
 */
class ZeekJsonWalkFuzzTest {
  private static final List<String> LINES = List.of(
      "{\"ts\":1679443200.076406,\"uid\":\"CHbhgdg8X4Z6EIHKMX\",\"id.orig_h\":\"10.0.0.11\",\"id.orig_p\":35497,"
          + "\"id.resp_h\":\"10.0.0.53\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":33701,\"rtt\":0.017,"
          + "\"query\":\"www.hinlo.com\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\","
          + "\"rcode\":0,\"rcode_name\":\"NOERROR\",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":true,\"Z\":0,"
          + "\"answers\":[\"199.129.141.14\"],\"TTLs\":[2886.0],\"rejected\":false}",
      "{\"ts\":1679443200.093857,\"uid\":\"C7bRE2nqfjT3ijcvLu\",\"id.orig_h\":\"10.0.0.10\",\"id.orig_p\":55551,"
          + "\"id.resp_h\":\"131.86.190.214\",\"id.resp_p\":80,\"trans_depth\":1,\"method\":\"GET\",\"host\":"
          + "\"www.wilfellanti.org\",\"uri\":\"/miti/zuglhc.js?v=143\",\"version\":\"1.1\",\"user_agent\":\"Mozilla/5.0 "
          + "(Windows NT 10.0; Win64; x64)\",\"request_body_len\":0,\"response_body_len\":17315,\"status_code\":200,"
          + "\"status_msg\":\"OK\",\"tags\":[],\"resp_fuids\":[\"FKUZUm8GttPFhEjHhk\"],\"resp_mime_types\":"
          + "[\"application/javascript\"]}",
      "{ \"ts\" : 1.5e3 , \"id_orig_h\" : \"10.0.0.1\" , \"x\" : [ 1 , -2.5E-3 , true , null , \"a\\\"b\\u00e9\" ] ,"
          + " \"server_name\":\"a.example\", \"certificate.subject\":\"CN=x\", \"y\":\"caf\u00e9\", \"z\":null }");
  private static final String ALPHABET = "{}[]\",:\\ \t\r\n0123456789.-+eEtrufalsn/u\u0001\u00e9x";

  @Test
  void everyLineTheWalkAcceptsParsesToTheSameValues() {
    Random random = new Random(7);
    int accepted = 0;
    int rejected = 0;
    for (int round = 0; round < 60_000; round++) {
      String base = LINES.get(random.nextInt(LINES.size()));
      StringBuilder text = new StringBuilder(base);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && text.length() > 1; e++) {
        int at = 1 + random.nextInt(text.length() - 1);
        switch (random.nextInt(4)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          case 2 -> {
            int to = Math.min(text.length(), at + 1 + random.nextInt(12));
            text.insert(at, text.substring(at, to));
          }
          default -> text.setLength(at);
        }
      }
      if (check(text.toString())) accepted++;
      else rejected++;
    }
    for (String line : LINES) check(line);
    // both outcomes occur, so that the property is tested both ways
    assertThat(accepted).isGreaterThan(1000);
    assertThat(rejected).isGreaterThan(1000);
  }

  /** One walk's state for all lines: what it learnt of the keys' places in the lines before must not mislead it. */
  private static final ZeekJsonScanner.Line PRIMED = new ZeekJsonScanner.Line();

  /** Whether the walk took the line as simple; if so, Jackson must agree on every kept field. */
  private static boolean check(String text) {
    byte[] line = text.getBytes(StandardCharsets.UTF_8);
    // the line, its newline and then what a next line could hold, as in a chunk (with room to read past the line, as a
    // chunk has: the walk matches the fields it knows only with room for a run's words)
    byte[] b = new byte[line.length + 256];
    System.arraycopy(line, 0, b, 0, line.length);
    java.util.Arrays.fill(b, line.length, b.length, (byte) '"');
    b[line.length] = '\n';
    ZeekJsonScanner.Line bounded = new ZeekJsonScanner.Line();
    bounded.stamp = 1;
    boolean simple = ZeekJsonScanner.walk(b, 0, line.length, bounded) == line.length;
    ZeekJsonScanner.Line l = new ZeekJsonScanner.Line();
    l.stamp = 1;
    // walking on to the end of the chunk finds the same line end, or none
    int end = ZeekJsonScanner.walk(b, 0, b.length, l);
    assertThat(end == line.length).as(text).isEqualTo(simple);
    // a walk that remembers the keys of the lines before (as a chunk's walk does) finds the same, field by field
    PRIMED.stamp++;
    assertThat(ZeekJsonScanner.walk(b, 0, b.length, PRIMED)).as("primed: %s", text).isEqualTo(end);
    if (end >= 0) {
      for (int code = 0; code < l.seen.length; code++) {
        boolean kept = l.seen[code] == l.stamp;
        assertThat(PRIMED.seen[code] == PRIMED.stamp).as("primed: %s", text).isEqualTo(kept);
        if (!kept) continue;
        assertThat(new int[] {PRIMED.start[code], PRIMED.end[code], PRIMED.type[code]}).as("primed: %s", text)
            .containsExactly(l.start[code], l.end[code], l.type[code]);
      }
    }
    if (!simple) return false;
    JsonNode node = JsonRecords.parseLine(text);
    assertThat(node).as("Jackson must accept what the walk accepts: %s", text).isNotNull();
    int kept = 0;
    for (Iterator<Map.Entry<String, JsonNode>> i = node.fields(); i.hasNext(); ) {
      Map.Entry<String, JsonNode> f = i.next();
      byte[] key = f.getKey().getBytes(StandardCharsets.UTF_8);
      int code = ZeekJsonScanner.KEYS.lookup(key, 0, key.length);
      if (code < 0 || l.seen[code] != l.stamp) continue;
      kept++;
      String raw = new String(b, l.start[code], l.end[code] - l.start[code], StandardCharsets.UTF_8);
      JsonNode v = f.getValue();
      if (v.isTextual()) {
        assertThat(raw).as("%s in %s", f.getKey(), text).isEqualTo(v.textValue());
      } else {
        assertThat(v.isNumber()).as("%s in %s", f.getKey(), text).isTrue();
        assertThat(new BigDecimal(raw).compareTo(v.decimalValue())).as("%s in %s", f.getKey(), text).isZero();
      }
    }
    long seen = 0;
    for (long s : l.seen) if (s == l.stamp) seen++;
    assertThat(kept).as("every kept field is one Jackson has: %s", text).isEqualTo(seen);
    return true;
  }
}
