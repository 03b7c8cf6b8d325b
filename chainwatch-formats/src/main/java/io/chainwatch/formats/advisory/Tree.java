package io.chainwatch.formats.advisory;

import java.util.List;
import java.util.Map;

/**
 * An advisory document read from YAML or JSON, reduced to what both share: text, mappings and lists, each with the
 * place to name in an error ({@code line 7, column 5} for YAML, a JSON pointer for JSON). Every scalar is text, as
 * written: {@code 7.10} stays {@code "7.10"} and {@code 2023-03-29} stays a string. Null values are absent from
 * mappings' entries.
 */
sealed interface Tree permits Tree.Text, Tree.Dict, Tree.Seq {
  String place();

  /** How the node is called in "must be ..." messages. */
  String kind();

  record Text(String value, String place) implements Tree {
    @Override
    public String kind() {
      return "text";
    }
  }

  /**
   * A mapping in the order of the document; keys are unique.
   *
   * @param entries the keys with a non-null value
   * @param keyPlaces every key (null values included) with the place of the key itself
   */
  record Dict(Map<String, Tree> entries, Map<String, String> keyPlaces, String place) implements Tree {
    @Override
    public String kind() {
      return "a mapping";
    }
  }

  record Seq(List<Tree> items, String place) implements Tree {
    @Override
    public String kind() {
      return "a list";
    }
  }
}
