package io.chainwatch.triage.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The audit details' JSON, written one way only so that it hashes the same wherever it is recomputed: an object with
 * keys sorted by code point, no white space, values strings, integers, booleans, null or nested objects of the same
 * kind; strings escaped as RFC 8259 requires, with {@code \\uXXXX} for other control characters and nothing else
 * escaped.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static String object(Map<String, ?> fields) {
    StringBuilder b = new StringBuilder();
    write(b, fields);
    return b.toString();
  }

  private static void write(StringBuilder b, Map<String, ?> fields) {
    b.append('{');
    boolean first = true;
    for (Map.Entry<String, ?> e : new TreeMap<>(fields).entrySet()) {
      if (!first) b.append(',');
      first = false;
      b.append(string(e.getKey())).append(':');
      value(b, e.getValue());
    }
    b.append('}');
  }

  @SuppressWarnings("unchecked")
  private static void value(StringBuilder b, Object v) {
    if (v == null) b.append("null");
    else if (v instanceof String s) b.append(string(s));
    else if (v instanceof Long || v instanceof Integer || v instanceof Boolean) b.append(v);
    else if (v instanceof Map<?, ?> m) write(b, (Map<String, ?>) m);
    else if (v instanceof Iterable<?> list) {
      b.append('[');
      boolean first = true;
      for (Object o : list) {
        if (!first) b.append(',');
        first = false;
        value(b, o);
      }
      b.append(']');
    } else b.append(string(v.toString()));
  }

  /** A JSON string literal. */
  public static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
