package io.chainwatch.formats.cyclonedx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.chainwatch.ingest.InputRejected;
import io.chainwatch.ingest.Source;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A streaming pass over CycloneDX JSON before the library maps it: it proves the text is well-formed JSON within safe
 * limits (nesting depth, string and name lengths), and reads {@code bomFormat} and {@code specVersion} so that a BOM
 * the library cannot model is turned away by name.
 */
final class JsonBomScan {
  static final int MAX_NESTING_DEPTH = 256;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
          .maxNameLength(StreamReadConstraints.DEFAULT_MAX_NAME_LEN)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /**
   * What the scan learnt.
   *
   * @param specVersion one of {@link SpecVersions#SUPPORTED}
   * @param timestamp {@code metadata.timestamp} as written, if present: read here because the library's model puts
   *     the current time in place of a missing one
   */
  record Result(String specVersion, @Nullable String timestamp) {}

  private JsonBomScan() {}

  static Result scan(Source source, byte[] bytes) throws IOException {
    String bomFormat = null;
    String specVersion = null;
    String timestamp = null;
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw source.reject(null, "is not a JSON object; a CycloneDX BOM is one");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("bomFormat")) {
          bomFormat = requireString(source, p, value, "/bomFormat");
        } else if (field.equals("specVersion")) {
          specVersion = requireString(source, p, value, "/specVersion");
        } else if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
          timestamp = metadataTimestamp(source, p);
        } else {
          // skipChildren still tokenizes everything, so syntax and nesting limits are checked here too.
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw source.reject(place(p.currentLocation()), "has more data after the end of the BOM");
      }
    } catch (JsonProcessingException e) {
      throw rejectJson(source, e);
    }
    if (bomFormat == null) throw source.reject("/bomFormat", "is missing; a CycloneDX BOM says \"bomFormat\": \"CycloneDX\"");
    if (!bomFormat.equals("CycloneDX")) throw source.reject("/bomFormat", "is \"" + bomFormat + "\", not \"CycloneDX\"");
    if (specVersion == null) throw source.reject("/specVersion", "is missing; a CycloneDX BOM names its spec version");
    return new Result(SpecVersions.require(source, "/specVersion", specVersion), timestamp);
  }

  /** Reads the members of {@code metadata}, the parser standing on its START_OBJECT, keeping the timestamp. */
  private static @Nullable String metadataTimestamp(Source source, JsonParser p) throws IOException {
    String timestamp = null;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("timestamp")) {
        timestamp = requireString(source, p, value, "/metadata/timestamp");
      } else {
        p.skipChildren();
      }
    }
    return timestamp;
  }

  private static String requireString(Source source, JsonParser p, @Nullable JsonToken value, String pointer)
      throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      p.skipChildren();
      throw source.reject(pointer, "must be a string");
    }
    return p.getText();
  }

  /** Maps a Jackson syntax or limit error to one rejection at its line and column. */
  static InputRejected rejectJson(Source source, JsonProcessingException e) {
    String place = e.getLocation() == null ? null : place(e.getLocation());
    if (e instanceof JsonEOFException) {
      return new InputRejected(source.name(), place, "ends before the JSON document is complete", e);
    }
    if (e instanceof StreamConstraintsException) {
      return new InputRejected(source.name(), place, "exceeds a safety limit: " + firstLine(e.getOriginalMessage()), e);
    }
    return new InputRejected(source.name(), place, "is not well-formed JSON: " + firstLine(e.getOriginalMessage()), e);
  }

  static @Nullable String place(@Nullable JsonLocation location) {
    if (location == null || location.getLineNr() < 1) return null;
    return "line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "");
  }

  static String firstLine(@Nullable String message) {
    if (message == null) return "unknown error";
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }
}
