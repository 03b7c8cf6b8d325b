package io.chainwatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes one JSON document to stdout: indented, UTF-8, field order as built (maps are LinkedHashMaps). */
final class Json {

  private Json() {}

  /** Streaming needs only jackson-core: a short command need not load the object mapper's few hundred classes. */
  private static final JsonFactory FACTORY = new JsonFactory();

  /** A generator for documents written field by field; closing it flushes but leaves {@code out} open. */
  static JsonGenerator generator(PrintWriter out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.useDefaultPrettyPrinter();
    return g;
  }

  /**
   * Writes {@code document} and a line break. A tree of maps with text keys, lists, text, whole numbers, doubles,
   * booleans and nulls (what the commands build) is streamed as the object mapper would write it, without loading the
   * mapper or holding the document as one string (a big hunt's is megabytes); anything else goes through the mapper.
   */
  static void write(PrintWriter out, Object document) {
    if (plain(document)) {
      try (JsonGenerator g = generator(out)) {
        tree(g, document);
      } catch (IOException e) {
        throw new IllegalStateException("cannot render JSON", e);
      }
      out.println();
      return;
    }
    try {
      out.println(Mapper.INSTANCE.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** The object mapper's text of {@code document}; tests compare it with {@link #write}. */
  static String mapped(Object document) throws JsonProcessingException {
    return Mapper.INSTANCE.writeValueAsString(document);
  }

  /** Whether the tree holds only what {@link #tree} writes exactly as the mapper does. */
  private static boolean plain(@Nullable Object v) {
    if (v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double
        || v instanceof Boolean) {
      return true;
    }
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String) || !plain(e.getValue())) return false;
      }
      return true;
    }
    if (v instanceof List<?> l) {
      for (Object x : l) if (!plain(x)) return false;
      return true;
    }
    return false;
  }

  private static void tree(JsonGenerator g, @Nullable Object v) throws IOException {
    if (v == null) g.writeNull();
    else if (v instanceof String s) g.writeString(s);
    else if (v instanceof Integer i) g.writeNumber(i);
    else if (v instanceof Long l) g.writeNumber(l);
    else if (v instanceof Double d) g.writeNumber(d);
    else if (v instanceof Boolean b) g.writeBoolean(b);
    else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName((String) e.getKey());
        tree(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      g.writeStartArray();
      for (Object x : (List<?>) v) tree(g, x);
      g.writeEndArray();
    }
  }

  /** The object mapper, loaded only by commands that render a tree of maps. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
