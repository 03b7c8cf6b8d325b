package io.chainwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs one command as a whole process under {@code /usr/bin/time -v} and measures it: wall time from just before the
 * start to the exit (our clock), CPU time (user + system) and peak resident set size (from {@code time}, which reports the child's
 * {@code ru_maxrss}). Its stderr goes to a file so a failure can be shown.
 */
final class TimedProcess {
  private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
  private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([\\d.]+)");
  private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): ([\\d.]+)");

  /** How one run went. */
  record Result(List<String> command, int exitCode, double wallSeconds, double cpuSeconds, long maxRssKb, Path stderr) {
    String stderrTail() {
      try {
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      } catch (IOException e) {
        return "(stderr unreadable: " + e.getMessage() + ")";
      }
    }

    Result orFail(String what) {
      if (exitCode != 0) {
        throw new BenchFailure(what + " failed with exit status " + exitCode + ": " + String.join(" ", command) + "\n" + stderrTail());
      }
      return this;
    }
  }

  /** The bench cannot go on; the message says which step and why. */
  static final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
      super(message);
    }
  }

  private TimedProcess() {}

  /**
   * @param stdin a file fed to the process's standard input, or null for none
   * @param stdout where standard output goes, or null to discard it
   */
  static Result run(List<String> command, Path workDir, @Nullable Path stdin, @Nullable Path stdout,
      Path stderr, Map<String, String> environment) throws IOException, InterruptedException {
    Path timeFile = Files.createTempFile(workDir, "time-", ".txt");
    List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeFile.toString()));
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
    pb.environment().putAll(environment);
    pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()) : ProcessBuilder.Redirect.from(stdin.toFile()));
    pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
    pb.redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
    long start = System.nanoTime();
    Process p = pb.start();
    int exit = p.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    String time = Files.readString(timeFile, StandardCharsets.UTF_8);
    Files.deleteIfExists(timeFile);
    Matcher m = MAX_RSS.matcher(time);
    long rss = m.find() ? Long.parseLong(m.group(1)) : -1;
    return new Result(List.copyOf(command), exit, wall, seconds(USER, time) + seconds(SYSTEM, time), rss, stderr);
  }

  private static double seconds(Pattern p, String timeOutput) {
    Matcher m = p.matcher(timeOutput);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** Runs a short command and returns its standard output and error, trimmed; empty if it cannot run. */
  static String capture(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
