package io.chainwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a unified JVM log ({@code -Xlog:gc,gc+heap+exit:file=...}) says about the heap: the peak of heap in use (the
 * largest "before" figure of any collection, or the use at exit when that is larger; it includes garbage not yet
 * collected), the peak left after a collection (an upper bound of the live data: what shows whether an import streams),
 * the largest committed heap, and the number and total time of pauses.
 */
record GcLog(long peakUsedMb, long peakLiveMb, long peakCommittedMb, int pauses, double pauseMillis) {
  // [1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(512M) 12.345ms
  private static final Pattern PAUSE = Pattern.compile("\\[gc\\s*\\].*?Pause.*?(\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");
  // [9.9s][info][gc,heap,exit]  garbage-first heap   total 524288K, used 123456K [...]
  // [9.9s][info][gc,heap,exit]  PSYoungGen      total 458752K, used 374442K [...]   (and ParOldGen: summed)
  private static final Pattern EXIT_USED = Pattern.compile("\\[gc,heap,exit\\s*\\].*(?:heap|generation|Gen)\\s+total (\\d+)K, used (\\d+)K");

  static GcLog read(Path file) throws IOException {
    long peakUsed = 0, peakLive = 0, peakCommitted = 0, exitUsed = 0, exitTotal = 0;
    int pauses = 0;
    double millis = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        pauses++;
        peakUsed = Math.max(peakUsed, Long.parseLong(m.group(1)));
        peakLive = Math.max(peakLive, Long.parseLong(m.group(2)));
        peakCommitted = Math.max(peakCommitted, Long.parseLong(m.group(3)));
        millis += Double.parseDouble(m.group(4));
        continue;
      }
      Matcher e = EXIT_USED.matcher(line);
      if (e.find()) {
        exitTotal += Long.parseLong(e.group(1));
        exitUsed += Long.parseLong(e.group(2));
      }
    }
    peakCommitted = Math.max(peakCommitted, exitTotal / 1024);
    return new GcLog(Math.max(peakUsed, exitUsed / 1024), peakLive, peakCommitted, pauses, millis);
  }
}
