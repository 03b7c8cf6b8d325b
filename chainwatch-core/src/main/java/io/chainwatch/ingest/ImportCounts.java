package io.chainwatch.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an import brought, by kind of record, in a stable order: {@code customers=3, installations=40}. */
public final class ImportCounts {
  private final Map<String, Long> counts = new LinkedHashMap<>();

  public void add(String kind, long n) {
    counts.merge(kind, n, Long::sum);
  }

  public void increment(String kind) {
    add(kind, 1);
  }

  public long get(String kind) {
    return counts.getOrDefault(kind, 0L);
  }

  public Map<String, Long> asMap() {
    return Collections.unmodifiableMap(counts);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> {
      if (b.length() > 0) b.append(", ");
      b.append(v).append(' ').append(v == 1 && k.endsWith("s") ? k.substring(0, k.length() - 1) : k);
    });
    return b.length() == 0 ? "nothing" : b.toString();
  }
}
