package io.chainwatch.formats.telemetry.mapped;

import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Which columns of an export mean what. The file (YAML or JSON):
 * <pre>
 * name: siem-proxy            # optional; names the reader in messages
 * timestamp: _time            # required: ISO 8601, epoch seconds or milliseconds; without a zone, UTC
 * source_address: src_ip      # optional, each of these
 * destination_address: dest_ip
 * destination_port: dest_port
 * host: host
 * domain: [query, dest_host]  # columns hunted as names (domains and host names)
 * url: [url]                  # columns hunted as URLs
 * hash: [file_hash]           # columns hunted as hashes (any algorithm)
 * address: [dest_ip]          # further columns hunted as addresses
 * </pre>
 * Column names of JSON lines are dotted paths ({@code destination.ip}).
 */
public record FieldMapping(String name, String timestamp, @Nullable String sourceAddress,
    @Nullable String destinationAddress, @Nullable String destinationPort, @Nullable String host,
    Map<String, List<String>> roles) {
  /** The roles a column can play, as the indicator detector names them. */
  public static final List<String> ROLES = List.of("domain", "url", "hash", "address");
  private static final Set<String> KEYS = Set.of("name", "timestamp", "source_address", "destination_address",
      "destination_port", "host", "domain", "url", "hash", "address");
  private static final int MAX_BYTES = 64 * 1024;

  public FieldMapping {
    roles = Map.copyOf(roles);
  }

  public static FieldMapping load(Path file) {
    String where = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) throw new InputRejected(where, null, "a field mapping is at most 64 KiB");
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputRejected(where, null, "cannot be read: " + e.getMessage());
    }
    return parse(where, file.getFileName().toString(), bytes);
  }

  /**
   * The built-in mapping of this name, if there is one: {@code ecs}, for documents in the Elastic Common Schema (Zeek,
   * Suricata and network data exported from Elastic, Security Onion).
   */
  public static java.util.Optional<FieldMapping> builtIn(String name) {
    if (!BUILT_IN.contains(name)) return java.util.Optional.empty();
    try (java.io.InputStream in = FieldMapping.class.getResourceAsStream(name + ".yaml")) {
      if (in == null) throw new IllegalStateException("the built-in field mapping " + name + " is missing from this build");
      return java.util.Optional.of(parse("built-in mapping " + name, name, in.readAllBytes()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The names of the built-in mappings. */
  public static final List<String> BUILT_IN = List.of("ecs");

  private static FieldMapping parse(String where, String defaultName, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InputRejected(where, null, "is not UTF-8");
    }
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setMaxAliasesForCollections(0).setAllowDuplicateKeys(false).build())
          .loadFromString(text);
    } catch (org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException e) {
      // the place of the problem, else of its context, as the other YAML inputs name it
      String place = e.getProblemMark().or(e::getContextMark)
          .map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse(null);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new InputRejected(where, place, "is not valid YAML: " + (problem == null ? "" : problem.lines().findFirst().orElse("")));
    } catch (YamlEngineException e) {
      String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new InputRejected(where, null, "is not valid YAML: " + m);
    }
    if (!(doc instanceof Map<?, ?> map)) throw new InputRejected(where, null, "must be a map of field names");
    for (Object k : map.keySet()) {
      if (!KEYS.contains(String.valueOf(k))) {
        throw new InputRejected(where, "/" + k, "is not a mapping key; known: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String timestamp = scalar(where, map, "timestamp");
    if (timestamp == null) throw new InputRejected(where, "/timestamp", "is required: the column that holds each event's time");
    Map<String, List<String>> roles = new LinkedHashMap<>();
    for (String role : ROLES) {
      Object v = map.get(role);
      if (v == null) continue;
      List<String> columns = new ArrayList<>();
      if (v instanceof List<?> l) {
        for (Object o : l) {
          if (o == null || o instanceof Map || o instanceof List) throw new InputRejected(where, "/" + role, "must list column names");
          columns.add(String.valueOf(o));
        }
      } else if (v instanceof Map) {
        throw new InputRejected(where, "/" + role, "must be a column name or a list of them");
      } else {
        columns.add(String.valueOf(v));
      }
      roles.put(role, columns);
    }
    String name = scalar(where, map, "name");
    return new FieldMapping(name == null ? defaultName : name, timestamp,
        scalar(where, map, "source_address"), scalar(where, map, "destination_address"),
        scalar(where, map, "destination_port"), scalar(where, map, "host"), roles);
  }

  private static @Nullable String scalar(String where, Map<?, ?> map, String key) {
    Object v = map.get(key);
    if (v == null) return null;
    if (v instanceof Map || v instanceof List) throw new InputRejected(where, "/" + key, "must be one column name");
    String s = String.valueOf(v).strip();
    return s.isEmpty() ? null : s;
  }
}
