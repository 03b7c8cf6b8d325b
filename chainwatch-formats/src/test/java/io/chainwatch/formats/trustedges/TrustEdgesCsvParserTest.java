package io.chainwatch.formats.trustedges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.formats.Formats;
import io.chainwatch.formats.ParserContractTest;
import io.chainwatch.formats.RecordingSink;
import io.chainwatch.graph.NodeRef;
import io.chainwatch.graph.Relation;
import io.chainwatch.graph.TrustEdge;
import io.chainwatch.ingest.Head;
import io.chainwatch.ingest.ImportOptions;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Parser;
import io.chainwatch.ingest.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrustEdgesCsvParserTest {
  static final String SAMPLE = "from,relation,to,confidence,valid_from,valid_to,source\n"
      + "vendor:3CX,staff-use,product:Trading Technologies/X_TRADER,80,2022-04-01,,Mandiant 2023-04-20\n"
      + "release:3CX/3CX Desktop App@18.12.416#windows,bundles,product:Electron/Electron,100,,,3CX SBOM\n"
      + "\"product:Acme, Inc/Tool\",built-with,vendor:JetBrains,35,2020-01-01,2021-12-31,\n";

  private RecordingSink parse(String text) throws IOException {
    RecordingSink sink = new RecordingSink();
    new TrustEdgesCsvParser().parse(new Source("edges.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        ImportOptions.defaults()), sink);
    return sink;
  }

  private static String row(String row) {
    return "from,relation,to,confidence,valid_from,valid_to,source\nvendor:A,bundles,vendor:B,50,,,\n" + row + "\n";
  }

  @Test
  void sample_givesEveryEdge() throws IOException {
    RecordingSink sink = parse(SAMPLE);
    assertThat(sink.trustEdges).containsExactly(
        new TrustEdge(NodeRef.vendor("3CX"), Relation.STAFF_USE, NodeRef.product("Trading Technologies", "X_TRADER"), 80,
            LocalDate.of(2022, 4, 1), null, "Mandiant 2023-04-20"),
        new TrustEdge(NodeRef.parse("release:3CX/3CX Desktop App@18.12.416#windows"), Relation.BUNDLES,
            NodeRef.product("Electron", "Electron"), 100, null, null, "3CX SBOM"),
        new TrustEdge(NodeRef.product("Acme, Inc", "Tool"), Relation.BUILT_WITH, NodeRef.vendor("JetBrains"), 35,
            LocalDate.of(2020, 1, 1), LocalDate.of(2021, 12, 31), null));
    assertThat(sink.warnings).isEmpty();
  }

  @Test
  void onlyRequiredColumns_inAnotherOrder_areEnough() throws IOException {
    RecordingSink sink = parse("to,confidence,from,relation\nvendor:B,0,vendor:A,hosted-by\n");
    assertThat(sink.trustEdges).containsExactly(new TrustEdge(NodeRef.vendor("A"), Relation.HOSTED_BY, NodeRef.vendor("B"), 0, null, null, null));
  }

  @Test
  void detection_picksThisParserAlone() {
    Head head = new Head("edges.csv", SAMPLE.getBytes(StandardCharsets.UTF_8));
    assertThat(Formats.registry().stream().filter(p -> p.accepts(head)).map(Parser::name)).containsExactly(TrustEdgesCsvParser.NAME);
  }

  @Test
  void badRows_areRejectedWithFileLineAndWhat() {
    String[][] cases = {
        {"component:x/y,bundles,vendor:B,50,,,", "line 3: has from \"component:x/y\": 'component' is not a node kind"},
        {"incident:X,bundles,vendor:B,50,,,", "'incident' is not a node kind of the trust graph"},
        {"vendor:A,depends-on,vendor:B,50,,,", "line 3: has relation \"depends-on\", which is not one of bundles"},
        {"vendor:A,bundles,product:B,50,,,", "line 3: has to \"product:B\": 'product:B' lacks the '/'"},
        {"vendor:A,bundles,vendor:B,101,,,", "line 3: has confidence \"101\", which is not a whole number from 0 to 100"},
        {"vendor:A,bundles,vendor:B,-1,,,", "has confidence \"-1\""},
        {"vendor:A,bundles,vendor:B,50.5,,,", "has confidence \"50.5\""},
        {"vendor:A,bundles,vendor:B,50,2023-01-02,2023-01-01,", "line 3: has a validity window that ends (2023-01-01) before it starts (2023-01-02)"},
        {"vendor:A,bundles,vendor:B,50,2023-13-01,,", "line 3: has valid_from \"2023-13-01\", which is not an ISO date"},
        {"vendor:3CX Ltd,bundles,vendor:3cx,50,,,", "line 3: has an edge from \"vendor:3CX Ltd\" to itself"},
        {"vendor:A,bundles,vendor:B,50,,", "line 3: has 6 fields where the header has 7"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(row(c[0]))).as(c[0]).isInstanceOf(InputRejected.class)
          .hasMessageStartingWith("edges.csv: line 3").hasMessageContaining(c[1].replace("line 3: ", "").replace('"', '\''));
    }
  }

  @Test
  void missingRequiredColumn_isRejected() {
    assertThatThrownBy(() -> parse("from,relation,to\nvendor:A,bundles,vendor:B\n"))
        .isInstanceOf(InputRejected.class).hasMessageContaining("lacks the required column confidence");
  }

  @Nested
  class Contract extends ParserContractTest {
    @Override
    protected Parser parser() {
      return new TrustEdgesCsvParser();
    }

    @Override
    protected byte[] validSample() {
      return SAMPLE.getBytes(StandardCharsets.UTF_8);
    }
  }
}
