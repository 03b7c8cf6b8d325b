package io.chainwatch.formats.advisory;

import io.chainwatch.formats.text.Utf8Text;
import io.chainwatch.ingest.InputRejected;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a YAML stream into {@link Tree}s, one per document, with snakeyaml-engine's compose (node) API: nothing is
 * constructed, so no tag resolution turns {@code 7.10} into a number or {@code 2023-03-29} into a date.
 *
 * <p>Implementation notes: hostile YAML is bounded three ways. More than {@value #MAX_ALIASES} aliases to collections
 * (the "billion laughs" bomb needs many) are refused, as are recursive keys. snakeyaml-engine's composer recurses once
 * per nesting level and has no depth limit, so a first pass over the (non-recursive) event stream rejects nesting
 * deeper than {@value #MAX_DEPTH}, and counts the aliases to collections so that the error has a place, before
 * composing; the composer's own alias limit stays on as a second guard. The conversion to {@link Tree} keeps shared nodes
 * shared (an alias becomes the same Tree object), so aliases never multiply work, and a node that contains itself is
 * rejected. Duplicate keys are rejected here because the compose API does not check them.
 */
final class YamlTrees {
  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 64;
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

  private final String fileName;
  private final String text;
  private final LoadSettings settings;
  private final Map<Node, Tree> converted = new IdentityHashMap<>();
  private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

  private YamlTrees(String fileName, String text) {
    this.fileName = fileName;
    this.text = text;
    this.settings = LoadSettings.builder()
        .setLabel(fileName)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        .setAllowDuplicateKeys(false)
        .setCodePointLimit(AdvisoryParser.MAX_BYTES)
        .setUseMarks(true)
        .build();
  }

  /** The documents of a YAML stream; a document that is empty or null is left out. */
  static List<Tree> read(String fileName, String text) {
    return new YamlTrees(fileName, text).read();
  }

  private List<Tree> read() {
    try {
      checkStructure();
      List<Tree> documents = new ArrayList<>();
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        if (node instanceof ScalarNode && isNull((ScalarNode) node)) continue;
        documents.add(convert(node, 0));
      }
      return documents;
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new InputRejected(fileName, mark.map(YamlTrees::place).orElse(null), "is not valid YAML: " + firstLine(problem));
    } catch (ReaderException e) {
      throw new InputRejected(fileName, "line " + lineOfCodePoint(e.getPosition()),
          "is not valid YAML: it holds the character U+" + String.format("%04X", e.getCodePoint()) + ", which YAML does not allow");
    } catch (YamlEngineException e) {
      // Limits without a place, such as the alias count.
      throw new InputRejected(fileName, null, "is not acceptable YAML: " + firstLine(e.getMessage()));
    }
  }

  /**
   * The pass over the event stream: nesting depth, and the aliases to collections counted here too so that an alias
   * bomb is rejected at the alias that crosses the limit (the composer's own check says no place).
   */
  private void checkStructure() {
    int depth = 0;
    int collectionAliases = 0;
    Map<String, Boolean> anchorIsCollection = new HashMap<>();
    for (Event event : new Parse(settings).parseString(text)) {
      switch (event.getEventId()) {
        case MappingStart:
        case SequenceStart:
          if (++depth > MAX_DEPTH) {
            throw new InputRejected(fileName, place(event), "nests mappings and lists more than " + MAX_DEPTH + " deep");
          }
          ((NodeEvent) event).getAnchor().ifPresent(anchor -> anchorIsCollection.put(anchor.getValue(), Boolean.TRUE));
          break;
        case Scalar:
          ((NodeEvent) event).getAnchor().ifPresent(anchor -> anchorIsCollection.put(anchor.getValue(), Boolean.FALSE));
          break;
        case Alias:
          if (anchorIsCollection.getOrDefault(((AliasEvent) event).getAlias().getValue(), Boolean.FALSE)
              && ++collectionAliases > MAX_ALIASES) {
            throw new InputRejected(fileName, place(event),
                "uses more than " + MAX_ALIASES + " aliases to mappings or lists, as an alias bomb does");
          }
          break;
        case MappingEnd:
        case SequenceEnd:
          depth--;
          break;
        default:
          break;
      }
    }
  }

  private static @Nullable String place(Event event) {
    return event.getStartMark().map(YamlTrees::place).orElse(null);
  }

  private Tree convert(Node node, int depth) {
    Tree done = converted.get(node);
    if (done != null) return done;
    String place = place(node);
    if (inProgress.containsKey(node)) throw new InputRejected(fileName, place, "has a node that contains itself through an alias");
    if (depth > MAX_DEPTH * 2) throw new InputRejected(fileName, place, "nests mappings and lists too deep through aliases");
    Tree tree;
    if (node instanceof ScalarNode) {
      tree = new Tree.Text(((ScalarNode) node).getValue(), place);
    } else if (node instanceof SequenceNode) {
      inProgress.put(node, Boolean.TRUE);
      List<Tree> items = new ArrayList<>();
      for (Node item : ((SequenceNode) node).getValue()) {
        items.add(item instanceof ScalarNode && isNull((ScalarNode) item) ? new Tree.Text("", place(item)) : convert(item, depth + 1));
      }
      inProgress.remove(node);
      tree = new Tree.Seq(List.copyOf(items), place);
    } else if (node instanceof MappingNode) {
      inProgress.put(node, Boolean.TRUE);
      Map<String, Tree> entries = new LinkedHashMap<>();
      Map<String, String> keyPlaces = new LinkedHashMap<>();
      for (NodeTuple tuple : ((MappingNode) node).getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode)) throw new InputRejected(fileName, place(keyNode), "has a key that is not text");
        String key = ((ScalarNode) keyNode).getValue();
        if (keyPlaces.put(key, place(keyNode)) != null) throw new InputRejected(fileName, place(keyNode), "repeats the key " + Utf8Text.quote(key));
        Node value = tuple.getValueNode();
        if (value instanceof ScalarNode && isNull((ScalarNode) value)) continue;
        entries.put(key, convert(value, depth + 1));
      }
      inProgress.remove(node);
      tree = new Tree.Dict(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyPlaces), place);
    } else {
      throw new InputRejected(fileName, place, "has a YAML node of an unknown kind");
    }
    converted.put(node, tree);
    return tree;
  }

  /** A plain (unquoted) empty, {@code ~} or {@code null} scalar: YAML's null, read as "absent". */
  private static boolean isNull(ScalarNode node) {
    return node.getScalarStyle() == ScalarStyle.PLAIN && NULLS.contains(node.getValue());
  }

  private String place(Node node) {
    return node.getStartMark().map(YamlTrees::place).orElse("line 1");
  }

  private static String place(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private long lineOfCodePoint(int codePointIndex) {
    long line = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointIndex; i += Character.charCount(text.codePointAt(i)), seen++) {
      if (text.charAt(i) == '\n') line++;
    }
    return line;
  }

  private static String firstLine(String message) {
    String m = message.strip();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }
}
