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
    for (Path f : files) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        for (Object doc : new Load(settings).loadAllFromReader(r)) {
          if (!(doc instanceof Map)) continue;
          Map<?, ?> map = (Map<?, ?>) doc;
          if (!map.containsKey("detection")) continue;
          try {
            rules.add(SigmaRule.compile(map));
          } catch (SigmaRuleException e) {
            warnings.add(f + ": rule " + map.get("id") + " skipped: it " + e.getMessage());
          }
        }
      } catch (YamlEngineException e) {
        warnings.add(f + ": skipped: not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
      } catch (IOException e) {
        warnings.add(f + ": skipped: " + e.getMessage());
      }
    }
    return new Loaded(rules, warnings);
  }
}
