package io.chainwatch.formats.sigma;

import io.chainwatch.hunt.sigma.SigmaRule;
import io.chainwatch.hunt.sigma.SigmaRuleException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Loads Sigma rules from {@code .yml}/{@code .yaml} files under a folder (recursively). A file may hold several
 * documents; each with a {@code detection} is a rule. A rule this engine cannot run faithfully is skipped with a
 * warning naming the file, never run half-understood.
 */
public final class SigmaRuleLoader {
  private static final int MAX_RULE_BYTES = 1 << 20;

  /** Rules loaded and the warnings about the ones skipped. */
  public record Loaded(List<SigmaRule> rules, List<String> warnings) {}

  private SigmaRuleLoader() {}

  public static Loaded load(Path folder) {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(folder)) {
      files.add(folder);
    } else {
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
            .sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder, e);
      }
    }
    List<SigmaRule> rules = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    LoadSettings settings = LoadSettings.builder().setMaxAliasesForCollections(50).setAllowDuplicateKeys(false)
        .setCodePointLimit(MAX_RULE_BYTES).build();
    List<String> unreadable = new ArrayList<>();
    Map<String, Path> ids = new java.util.HashMap<>();
    for (Path f : files) {
      int document = 0;
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        for (Object doc : new Load(settings).loadAllFromReader(r)) {
          document++;
          if (doc == null) continue; // an empty document: a file's trailing '---', or comments alone
          if (!(doc instanceof Map) || !((Map<?, ?>) doc).containsKey("detection")) {
            // a correlation or filter rule, or no rule at all: said, not silently passed over
            warnings.add(f + ": document " + document + " skipped: " + (doc instanceof Map
                ? "it has no detection (" + kind((Map<?, ?>) doc) + ")" : "it is no Sigma rule (a YAML " + shape(doc) + ")"));
            continue;
          }
          Map<?, ?> map = (Map<?, ?>) doc;
          try {
            SigmaRule rule = SigmaRule.compile(map);
            Path first = ids.putIfAbsent(rule.id(), f);
            if (first != null) {
              // sightings are kept by rule id: a second rule of one id would be merged into the first's
              warnings.add(f + ": " + name(map, document) + " skipped: its id is also the id of a rule in " + first);
              continue;
            }
            rules.add(rule);
            if (!rule.logsource().readable()) unreadable.add(rule.id());
          } catch (SigmaRuleException e) {
            warnings.add(f + ": " + name(map, document) + " skipped: it " + e.getMessage());
          }
        }
      } catch (YamlEngineException e) {
        warnings.add(f + ": skipped: not valid YAML" + place(e));
      } catch (IOException e) {
        warnings.add(f + ": skipped: " + e.getMessage());
      }
    }
    if (!unreadable.isEmpty()) {
      // one line, not one per rule: a folder of all of SigmaHQ's rules has thousands for logs a hunt does not read
      warnings.add(unreadable.size() + " rule" + (unreadable.size() == 1 ? "" : "s") + " name a log source none of the"
          + " telemetry readers gives (another product, or a category not mapped to Sysmon, proxy or DNS events) and"
          + " cannot match: " + String.join(", ", unreadable.subList(0, Math.min(3, unreadable.size())))
          + (unreadable.size() > 3 ? ", ..." : ""));
    }
    return new Loaded(rules, warnings);
  }

  /** A rule as a warning names it: by id, else by title, else by its place in the file. */
  private static String name(Map<?, ?> rule, int document) {
    Object id = rule.get("id");
    if (id != null) return "rule " + id;
    Object title = rule.get("title");
    return title != null ? "rule '" + title + "' (document " + document + ", no id)" : "document " + document;
  }

  /** What a document without detection is, by the key Sigma gives it. */
  private static String kind(Map<?, ?> doc) {
    if (doc.containsKey("correlation")) return "a correlation rule, which this engine does not run";
    if (doc.containsKey("filter")) return "a filter rule, which this engine does not run";
    if (doc.containsKey("action")) return "a rule collection's '" + doc.get("action") + "' document";
    return "no rule";
  }

  private static String shape(Object doc) {
    return doc instanceof List ? "list" : doc instanceof String ? "text" : "scalar";
  }

  /**
   * Where in the file the YAML error is and what it is, when the parser says: {@code " at line 7, column 1 (found
   * unexpected end of stream, while scanning a quoted scalar from line 5, column 27)"}.
   */
  private static String place(YamlEngineException e) {
    String first = " (" + e.getMessage().lines().findFirst().orElse("") + ")";
    if (!(e instanceof MarkedYamlEngineException)) return first;
    MarkedYamlEngineException m = (MarkedYamlEngineException) e;
    java.util.Optional<Mark> problem = m.getProblemMark();
    if (problem.isEmpty()) return first;
    StringBuilder b = new StringBuilder(" at ").append(lineAndColumn(problem.get())).append(" (").append(m.getProblem());
    if (m.getContext() != null) {
      b.append(", ").append(m.getContext());
      m.getContextMark().ifPresent(c -> b.append(" from ").append(lineAndColumn(c)));
    }
    return b.append(')').toString();
  }

  private static String lineAndColumn(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }
}
