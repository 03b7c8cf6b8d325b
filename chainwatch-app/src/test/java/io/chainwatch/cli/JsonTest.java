package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The streamed JSON is the object mapper's, byte for byte. */
class JsonTest {
  private static String written(Object document) {
    StringWriter s = new StringWriter();
    PrintWriter out = new PrintWriter(s);
    Json.write(out, document);
    out.flush();
    return s.toString();
  }

  @Test
  void aTreeOfPlainValuesIsWrittenAsTheMapperWritesIt() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("hunt", 42L);
    doc.put("count", 7);
    doc.put("score", 0.7);
    doc.put("tiny", 1.0E-7);
    doc.put("ok", true);
    doc.put("none", null);
    doc.put("empty list", List.of());
    doc.put("empty map", Map.of());
    doc.put("text", "quote \" backslash \\ tab \t newline \n control \u0001 é ☃ 𝄞 </script>");
    Map<String, Long> problems = new TreeMap<>();
    problems.put("long-line", 3L);
    problems.put("corrupt", 1L);
    doc.put("problems", problems);
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("line", i);
      row.put("values", List.of("a", i, List.of(Map.of("k", "v"))));
      rows.add(row);
    }
    doc.put("rows", rows);
    assertThat(written(doc)).isEqualTo(Json.mapped(doc) + System.lineSeparator());
    assertThat(written(List.of())).isEqualTo(Json.mapped(List.of()) + System.lineSeparator());
  }

  @Test
  void anythingElseGoesThroughTheMapper() throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("at", Instant.EPOCH.toString());
    doc.put("kind", OutputFormat.json);
    doc.put("numbers", new int[] {1, 2});
    assertThat(written(doc)).isEqualTo(Json.mapped(doc) + System.lineSeparator());
  }
}
