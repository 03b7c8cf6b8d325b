package io.chainwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What an {@code exposure --format json} document lists: installations, distinct assets and customers, by status. */
record ExposureCount(long installations, long assets, long customers, Map<String, Long> byStatus) {
  static ExposureCount read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    long installations = 0;
    Set<String> assets = new HashSet<>();
    Map<String, Long> byStatus = new TreeMap<>();
    JsonNode customers = root.path("customers");
    for (JsonNode c : customers) {
      String customer = c.path("customer").asText();
      for (JsonNode a : c.path("assets")) {
        installations++;
        assets.add(customer + "\n" + a.path("asset").asText());
        byStatus.merge(a.path("status").asText(), 1L, Long::sum);
      }
    }
    return new ExposureCount(installations, assets.size(), customers.size(), byStatus);
  }
}
