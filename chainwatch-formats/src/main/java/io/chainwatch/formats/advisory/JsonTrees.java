package io.chainwatch.formats.advisory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON document into a {@link Tree} whose places are JSON pointers. Numbers and booleans become text as
 * written ({@code 7.10} stays {@code "7.10"}). Jackson's stream constraints bound nesting, string and number sizes;
 * duplicate keys are rejected. Syntax errors are placed by line and column, since a pointer into a broken document
 * means little.
 */
final class JsonTrees {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(YamlTrees.MAX_DEPTH)
          .maxStringLength(AdvisoryParser.MAX_BYTES)
          .maxNameLength(4096)
          .maxNumberLength(100)
          .maxDocumentLength(AdvisoryParser.MAX_BYTES)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonTrees() {}

  static Tree read(String fileName, String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() == null) throw new InputRejected(fileName, null, "is empty");
      Tree root = value(parser, "");
      if (parser.nextToken() != null) {
        throw new InputRejected(fileName, place(parser.currentTokenLocation()), "has more content after the JSON document");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new InputRejected(fileName, place(e.getLocation()), "is not valid JSON: " + firstLine(String.valueOf(e.getOriginalMessage())));
    } catch (IOException e) {
      // Reading a String does no I/O; Jackson still declares it.
      throw new InputRejected(fileName, null, "is not valid JSON: " + firstLine(String.valueOf(e.getMessage())));
    }
  }

  /**
   * The top-level keys of a JSON object's head, for a cheap sniff: as many as can be read before the head ends or
   * breaks. Never throws.
   */
  static Set<String> topLevelKeys(String head) {
    Set<String> keys = new LinkedHashSet<>();
    try (JsonParser parser = FACTORY.createParser(head)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) return keys;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        keys.add(parser.currentName());
        parser.nextToken();
        parser.skipChildren();
      }
    } catch (IOException e) {
      // The head ends mid-document, or is not JSON: what was read so far is the answer.
    }
    return keys;
  }

  private static Tree value(JsonParser parser, String pointer) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) throw new JsonParseProblem(parser, "Unexpected end of the document");
    String place = pointer.isEmpty() ? "/" : pointer;
    switch (token) {
      case START_OBJECT: {
        Map<String, Tree> entries = new LinkedHashMap<>();
        Map<String, String> keyPlaces = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          String keyPointer = pointer + "/" + escape(key);
          keyPlaces.put(key, keyPointer);
          JsonToken next = parser.nextToken();
          if (next == JsonToken.VALUE_NULL) continue;
          entries.put(key, value(parser, keyPointer));
        }
        return new Tree.Dict(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyPlaces), place);
      }
      case START_ARRAY: {
        List<Tree> items = new ArrayList<>();
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
          String itemPointer = pointer + "/" + items.size();
          items.add(next == JsonToken.VALUE_NULL ? new Tree.Text("", itemPointer) : value(parser, itemPointer));
        }
        return new Tree.Seq(List.copyOf(items), place);
      }
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new Tree.Text(parser.getText(), place);
      default:
        throw new JsonParseProblem(parser, "unexpected " + token);
    }
  }

  /** RFC 6901: {@code ~} and {@code /} in a key are escaped. */
  private static String escape(String key) {
    if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String place(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) return "line 1";
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    String m = message.strip();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }

  private static final class JsonParseProblem extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    JsonParseProblem(JsonParser parser, String message) {
      super(message, parser.currentTokenLocation());
    }
  }
}
