package io.chainwatch.formats.csaf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.chainwatch.ingest.InputRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A JSON node together with its JSON pointer, so that every complaint about a field names the exact place. Absent
 * fields are {@link MissingNode}s; a JSON {@code null} counts as present with the wrong type.
 */
record JsonAt(String file, JsonNode node, String pointer) {

  static JsonAt root(String file, JsonNode node) {
    return new JsonAt(file, node, "");
  }

  boolean isMissing() {
    return node.isMissingNode();
  }

  JsonAt field(String name) {
    JsonNode child = node.isObject() ? node.path(name) : MissingNode.getInstance();
    return new JsonAt(file, child, pointer + "/" + escape(name));
  }

  JsonAt requireObject() {
    if (isMissing()) throw reject("is missing (CSAF 2.0 requires it)");
    if (!node.isObject()) throw reject("must be a JSON object, not " + kind());
    return this;
  }

  /** A string that must be present and not blank. */
  String requiredText() {
    if (isMissing()) throw reject("is missing (CSAF 2.0 requires it)");
    String text = text();
    if (text.isBlank()) throw reject("must not be empty");
    return text;
  }

  /** A string, or null when the field is absent. */
  @Nullable String optionalText() {
    return isMissing() ? null : text();
  }

  /** The elements of an array, or none when the field is absent. */
  List<JsonAt> optionalArray() {
    if (isMissing()) return List.of();
    if (!node.isArray()) throw reject("must be a JSON array, not " + kind());
    List<JsonAt> elements = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) elements.add(new JsonAt(file, node.get(i), pointer + "/" + i));
    return elements;
  }

  InputRejected reject(String problem) {
    return new InputRejected(file, pointer.isEmpty() ? null : pointer, problem);
  }

  private String text() {
    if (!node.isTextual()) throw reject("must be a string, not " + kind());
    return node.textValue();
  }

  private String kind() {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** RFC 6901: '~' and '/' inside a key are escaped as '~0' and '~1'. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
