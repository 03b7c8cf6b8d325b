package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names and log values are untrusted: customer, asset, actor and host names and an advisory title carrying HTML and
 * Markdown must come out of every report as the text they are (issue 7).
 */
class ReportEscapingTest {
  static final String SCRIPT_CUSTOMER = "<script>alert(1)</script> Corp";
  static final String LINK_CUSTOMER = "Evil ](javascript:alert(1)) Ltd";
  static final String IMG_ASSET = "<img src=x onerror=alert(2)>";
  static final String LINK_ASSET = "[click](javascript:alert(3))";
  static final String TITLE = "*Trojan* <b>installers</b> [more](javascript:alert(4)) | cell";
  static final String ACTOR = "<svg onload=alert(5)>";
  static final String HOST = "<iframe src=//evil.example>";

  @TempDir Path dir;
  CliRun cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliRun(dir);
    ok("import", write("customers.csv", "customer,sector,country,criticality\n\"" + SCRIPT_CUSTOMER + "\",retail,GB,5\n\""
        + LINK_CUSTOMER + "\",finance,US,4\n").toString());
    ok("import", write("inventory.csv", "customer,asset,platform,vendor,product,version,ip\n"
        + "\"" + SCRIPT_CUSTOMER + "\",\"" + IMG_ASSET + "\",windows,3CX,3CX Desktop App,18.12.416,10.9.9.9\n"
        + "\"" + LINK_CUSTOMER + "\",\"" + LINK_ASSET + "\",windows,3CX,3CX Desktop App,,10.9.9.10\n").toString());
    ok("import", write("advisory.yaml", "id: EVIL-1\ntitle: \"" + TITLE + "\"\ndisclosed: 2023-03-29\n"
        + "affected:\n  - {vendor: 3CX, product: 3CX Desktop App, platform: windows, versions: \"vers:generic/18.12.416\"}\n"
        + "attribution:\n  - {actor: \"" + ACTOR + "\", confidence: 50, source: \"<u>lab</u>\", date: 2023-04-01}\n"
        + "indicators:\n  - {type: domain, value: \"akamaicontainer[.]com\"}\n").toString());
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("sysmon.json"), "{\"EventID\":22,\"Computer\":\"" + HOST + "\",\"UtcTime\":\"2023-03-22 11:00:00.000\","
        + "\"Image\":\"C:\\\\x.exe\",\"QueryName\":\"akamaicontainer.com\",\"QueryStatus\":\"0\"}\n", StandardCharsets.UTF_8);
    ok("hunt", "--logs", logs.toString(), "--incident", "EVIL-1");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private String ok(String... args) {
    CliRun.Result r = cli.run(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r.out();
  }

  @Test
  void json_carriesTheHostileValuesVerbatim_soTheTestBelowIsAboutRealData() {
    String json = ok("report", "EVIL-1", "--format", "json");
    assertThat(json).contains("<script>alert(1)<\\/script> Corp".replace("<\\/", "</"), IMG_ASSET, ACTOR, HOST);
  }

  @Test
  void html_rendersHostileValuesAsText_noElementNoHandlerNoLink() {
    for (String html : List.of(ok("report", "EVIL-1", "--format", "html"),
        ok("report", "EVIL-1", "--format", "html", "--customer", SCRIPT_CUSTOMER), ok("report", "--portfolio", "--format", "html"))) {
      Document doc = Jsoup.parse(html);
      assertThat(doc.select("script, iframe, img, u, object, embed, a")).isEmpty();
      for (Element bold : doc.select("b")) assertThat(bold.parent().hasClass("figure")).as("only the key figures are bold").isTrue();
      for (Element svg : doc.select("svg")) assertThat(svg.parents().is("figure")).as("only the report's own pictures").isTrue();
      for (Element e : doc.getAllElements()) {
        for (var a : e.attributes()) {
          assertThat(a.getKey()).doesNotStartWith("on");
          assertThat(a.getValue()).doesNotContainIgnoringCase("javascript:");
        }
      }
      assertThat(doc.body().text()).contains(SCRIPT_CUSTOMER);
    }
    Document provider = Jsoup.parse(ok("report", "EVIL-1", "--format", "html"));
    assertThat(provider.body().text()).contains(IMG_ASSET, LINK_ASSET, LINK_CUSTOMER, ACTOR, HOST, TITLE);
    assertThat(provider.select("svg text").eachText()).anyMatch(t -> t.startsWith("<script>alert(1)"));
  }

  @Test
  void markdown_escapesEverythingThatWouldBecomeMarkupLinksOrCells() {
    String md = ok("report", "EVIL-1", "--format", "md");
    assertThat(md).doesNotContain("<script", "<img", "<iframe", "<svg", "<b>", "<u>");
    assertThat(md).contains("&lt;script&gt;alert(1)&lt;/script&gt; Corp", "\\[click\\](javascript:alert(3))", "\\*Trojan\\*");
    // No link can form: every ] that is followed by ( is escaped.
    assertThat(Pattern.compile("(?<!\\\\)\\]\\(").matcher(md).find()).isFalse();
    // The title's | stays inside its cell: every table row of the releases has as many cells as its header.
    for (String line : md.split("\n")) {
      if (line.startsWith("| ") && line.contains("EVIL")) assertThat(line).doesNotContain(" | cell");
    }
    String portfolio = ok("report", "--portfolio", "--format", "md");
    assertThat(portfolio).doesNotContain("<script").contains("&lt;script&gt;");
    assertThat(Pattern.compile("(?<!\\\\)\\]\\(").matcher(portfolio).find()).isFalse();
  }
}
