package io.chainwatch.downstream;

import io.chainwatch.hunt.ReadProblem;
import java.util.List;
import java.util.Map;

/**
 * The comparison.
 *
 * @param executables the executable names the product's processes were recognised by (lower case)
 * @param folders install folders whose images count as the product's (lower case)
 * @param productHosts the assets the inventory says run the product (Zeek events from their addresses count)
 * @param events events read with a time
 * @param untimed events without a time, not compared
 * @param productBefore events of the product's processes (or hosts) before the update
 * @param productAfter those at or after it
 * @param behaviours new first, then continued, then stopped; each by kind and first sighting
 * @param notes what limits the comparison (no baseline, behaviours dropped over the bound)
 */
public record DownstreamReport(DownstreamParameters parameters, List<String> executables, List<String> folders,
    List<String> productHosts, long files, long events, long untimed, long productBefore, long productAfter,
    List<Behaviour> behaviours, List<String> notes, Map<String, Long> problems, List<ReadProblem> problemExamples) {
  public DownstreamReport {
    executables = List.copyOf(executables);
    folders = List.copyOf(folders);
    productHosts = List.copyOf(productHosts);
    behaviours = List.copyOf(behaviours);
    notes = List.copyOf(notes);
    problems = Map.copyOf(problems);
    problemExamples = List.copyOf(problemExamples);
  }

  public long newCount() {
    return behaviours.stream().filter(b -> b.status().equals("new")).count();
  }
}
