package io.chainwatch.hunt;

import java.util.List;
import java.util.Map;

/**
 * What a hunt read.
 *
 * @param outsideWindow events skipped by {@code --since}/{@code --until}
 * @param problems how many problems of each kind ({@link ReadProblem})
 * @param examples the first problems, with file and line
 */
public record HuntStats(long files, long events, long bytes, long outsideWindow, Map<String, Long> problems,
    List<ReadProblem> examples) {
  public HuntStats {
    problems = Map.copyOf(problems);
    examples = List.copyOf(examples);
  }
}
