package io.chainwatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;

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

  static void write(PrintWriter out, Object document) {
    try {
      out.println(Mapper.INSTANCE.writeValueAsString(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** The object mapper, loaded only by commands that render a tree of maps. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }
}
