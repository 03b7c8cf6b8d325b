package io.chainwatch.cli;

import io.chainwatch.advisory.Attribution;
import io.chainwatch.advisory.Incident;
import io.chainwatch.app.Chainwatch;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The incidents as a table: id, disclosure, cause, the strongest attribution per actor, title. */
final class IncidentsTable {
  private final List<Incident> incidents;

  IncidentsTable(Chainwatch cw) {
    this.incidents = cw.incidents().list();
  }

  void print(PrintWriter out) {
    if (incidents.isEmpty()) {
      out.println("No incidents yet: import an advisory (chainwatch import advisory.yaml).");
      return;
    }
    TextTable t = new TextTable("ID", "DISCLOSED", "CAUSED BY", "ATTRIBUTION (confidence)", "TITLE");
    for (Incident i : incidents) {
      Map<String, Integer> strongest = new LinkedHashMap<>();
      for (Attribution a : i.attributions()) strongest.merge(a.actor(), a.confidence(), Math::max);
      String attribution = strongest.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
      t.row(i.id(), i.disclosed() == null ? "-" : i.disclosed(), i.causedBy() == null ? "-" : i.causedBy(),
          attribution.isEmpty() ? "-" : attribution, i.title());
    }
    t.print(out, "");
  }
}
