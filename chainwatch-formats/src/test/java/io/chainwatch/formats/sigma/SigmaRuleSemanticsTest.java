package io.chainwatch.formats.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.hunt.Detector;
import io.chainwatch.hunt.Hit;
import io.chainwatch.hunt.TelemetryEvent;
import io.chainwatch.hunt.sigma.SigmaDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sigma rules as the specification has them, on Sysmon events, where an acceptance test of the engine found it wanting:
 * {@code windash}'s permutations, keywords with modifiers, conditions nested too deep to parse, and rule files whose
 * problems must be reported with their place.
 */
class SigmaRuleSemanticsTest {
  @TempDir Path dir;

  private SigmaRuleLoader.Loaded load(String yaml) throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("rule.yml"), yaml, StandardCharsets.UTF_8);
    return SigmaRuleLoader.load(rules);
  }

  private static String rule(String id, String logsource, String detection) {
    return "title: Test " + id + "\nid: " + id + "\nstatus: test\nlogsource:\n" + logsource + "\ndetection:\n" + detection + "\n";
  }

  private static final String PROCESS = "  category: process_creation\n  product: windows";

  /** The values of {@code field} in events of {@code kind} that the loaded rules fire on. */
  private static List<String> fired(SigmaRuleLoader.Loaded loaded, String kind, String field, String... values) {
    List<Detector> detectors = SigmaDetector.of(loaded.rules());
    List<String> out = new ArrayList<>();
    for (String v : values) {
      TelemetryEvent e = new TelemetryEvent(kind, null, null, -1, null, -1, "ws-1", Map.of(field, v, "Image", "C:\\x.exe"),
          "events.json", 1);
      List<Hit> hits = new ArrayList<>();
      for (Detector d : detectors) d.inspect(e, hits::add);
      if (!hits.isEmpty()) out.add(v);
    }
    return out;
  }

  @Test
  void windash_spellsEachOptionDashEveryWay_independently() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(rule("wd", PROCESS, "  sel:\n    CommandLine|windash|contains: ' -s -t '\n  condition: sel"));
    assertThat(loaded.warnings()).isEmpty();
    assertThat(fired(loaded, "sysmon.1", "CommandLine", "shutdown -s -t 0", "shutdown /s -t 0", "shutdown -s /t 0",
        "shutdown \u2013s \u2014t 0", "shutdown \u2015s /t 0", "shutdown s t 0", "shutdown -st 0"))
        .containsExactly("shutdown -s -t 0", "shutdown /s -t 0", "shutdown -s /t 0", "shutdown \u2013s \u2014t 0",
            "shutdown \u2015s /t 0");
    // a dash inside a word is no option's: -param-name becomes /param-name, never -param/name
    SigmaRuleLoader.Loaded inWord = load(rule("wd2", PROCESS, "  sel:\n    CommandLine|windash|endswith: '-param-name'\n  condition: sel"));
    assertThat(fired(inWord, "sysmon.1", "CommandLine", "x /param-name", "x -param/name", "x \u2013param-name"))
        .containsExactly("x /param-name", "x \u2013param-name");
  }

  @Test
  void windash_ofMoreOptionsThanItSpellsOut_isReported_notRun() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(rule("wd3", PROCESS, "  sel:\n    CommandLine|windash|contains: '-a -b -c -d -e -f'\n  condition: sel"));
    assertThat(loaded.rules()).isEmpty();
    assertThat(loaded.warnings()).singleElement().asString()
        .contains("rule wd3 skipped: it uses windash on a value with 6 options, more than 5");
  }

  @Test
  void keywordsWithModifiers_allMeansEveryKeywordSomewhereInTheEvent() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(rule("kw", PROCESS,
        "  keywords:\n    '|all':\n      - 'OabVirtualDirectory'\n      - ' -ExternalUrl '\n  condition: keywords"));
    assertThat(loaded.warnings()).isEmpty();
    assertThat(fired(loaded, "sysmon.1", "CommandLine", "Set-OabVirtualDirectory -ExternalUrl http://x",
        "Set-OabVirtualDirectory -InternalUrl http://x", "Get-Mailbox -ExternalUrl x"))
        .containsExactly("Set-OabVirtualDirectory -ExternalUrl http://x");
  }

  @Test
  void aConditionNestedTooDeep_skipsThatRuleWithAReason_andTheOthersLoad() throws IOException {
    // beyond the depth the engine parses, and (the chain) beyond its length; thousands deep overflowed the stack
    String deep = "not ".repeat(100) + "sel";
    String brackets = "(".repeat(5_000) + "sel" + ")".repeat(5_000);
    String chain = String.join(" or ", java.util.Collections.nCopies(2_000, "sel"));
    SigmaRuleLoader.Loaded loaded = load(String.join("---\n",
        rule("deep", PROCESS, "  sel:\n    CommandLine|contains: x\n  condition: " + deep),
        rule("brackets", PROCESS, "  sel:\n    CommandLine|contains: x\n  condition: " + brackets),
        rule("chain", PROCESS, "  sel:\n    CommandLine|contains: x\n  condition: " + chain),
        rule("fine", PROCESS, "  sel:\n    CommandLine|contains: x\n  condition: " + "not ".repeat(30) + "(".repeat(30) + "sel" + ")".repeat(30))));
    assertThat(loaded.rules()).extracting(r -> r.id()).containsExactly("fine");
    assertThat(loaded.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).containsPattern(
        "rule (deep|brackets|chain) skipped: it has a condition (nested more than 64 deep|of \\d+ words and brackets, more than 1000)"));
  }

  @Test
  void yamlErrors_nameTheLineAndColumn() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(rule("y", PROCESS, "  sel:\n    CommandLine|contains: 'a\n  condition: sel"));
    assertThat(loaded.rules()).isEmpty();
    // where the parser stopped, and where the string it could not end began
    assertThat(loaded.warnings()).singleElement().asString().endsWith("rule.yml: skipped: not valid YAML at line 11, column 1"
        + " (found unexpected end of stream, while scanning a quoted scalar from line 9, column 27)");
  }

  @Test
  void productWindowsAlone_coversEverySysmonEvent() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(rule("pw", "  product: windows", "  sel:\n    Image|endswith: '\\x.exe'\n  condition: sel"));
    assertThat(loaded.warnings()).isEmpty();
    assertThat(fired(loaded, "sysmon.1", "CommandLine", "a")).containsExactly("a");
    assertThat(fired(loaded, "sysmon.19", "CommandLine", "a")).containsExactly("a");
    assertThat(fired(loaded, "zeek.dns", "CommandLine", "a")).isEmpty();
  }

  @Test
  void sysmonCategoriesBeyondTheCommonOnes_mapToTheirEvents() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(rule("wmi", "  category: wmi_event\n  product: windows",
        "  sel:\n    Image|endswith: '\\x.exe'\n  condition: sel"));
    assertThat(fired(loaded, "sysmon.20", "CommandLine", "a")).containsExactly("a");
    assertThat(fired(loaded, "sysmon.1", "CommandLine", "a")).isEmpty();
  }

  @Test
  void documentsThatAreNoRules_andRulesWithoutId_areReportedWithTheirPlace() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(String.join("---\n",
        "title: Many failed logons\ncorrelation:\n  type: event_count\n  rules: [x]\n",
        "just a string\n",
        "title: No id here\nlogsource:\n  product: windows\ndetection:\n  sel:\n    Image: x\n  condition: sel\n",
        rule("ok", PROCESS, "  sel:\n    Image: x\n  condition: sel")));
    assertThat(loaded.rules()).extracting(r -> r.id()).containsExactly("ok");
    assertThat(loaded.warnings()).hasSize(3);
    assertThat(loaded.warnings().get(0)).endsWith("rule.yml: document 1 skipped: it has no detection (a correlation rule, which this engine does not run)");
    assertThat(loaded.warnings().get(1)).endsWith("rule.yml: document 2 skipped: it is no Sigma rule (a YAML text)");
    assertThat(loaded.warnings().get(2)).contains("rule.yml: rule 'No id here' (document 3, no id) skipped: it has no id");
  }

  /** Sightings are kept by rule id: two rules of one id would report the second's hits under the first's title. */
  @Test
  void aSecondRuleOfTheSameId_isSkippedWithTheFileOfTheFirst() throws IOException {
    Path rules = Files.createDirectories(dir.resolve("rules"));
    Files.writeString(rules.resolve("a.yml"), rule("same", PROCESS, "  sel:\n    Image: x\n  condition: sel"));
    Files.writeString(rules.resolve("b.yml"), rule("same", PROCESS, "  sel:\n    Image: y\n  condition: sel"));
    SigmaRuleLoader.Loaded loaded = SigmaRuleLoader.load(rules);
    assertThat(loaded.rules()).hasSize(1);
    assertThat(loaded.warnings()).singleElement().asString()
        .endsWith("b.yml: rule same skipped: its id is also the id of a rule in " + rules.resolve("a.yml"));
  }

  @Test
  void rulesForLogsNoReaderGives_areLoaded_andSaidOnceToNeverMatch() throws IOException {
    SigmaRuleLoader.Loaded loaded = load(String.join("---\n",
        rule("web1", "  category: webserver", "  sel:\n    cs-uri-query|contains: x\n  condition: sel"),
        rule("lin1", "  category: process_creation\n  product: linux", "  sel:\n    Image|endswith: x\n  condition: sel"),
        rule("ok", PROCESS, "  sel:\n    Image: x\n  condition: sel")));
    assertThat(loaded.rules()).hasSize(3);
    assertThat(loaded.warnings()).singleElement().asString()
        .startsWith("2 rules name a log source none of the telemetry readers gives").endsWith("cannot match: web1, lin1");
  }
}
