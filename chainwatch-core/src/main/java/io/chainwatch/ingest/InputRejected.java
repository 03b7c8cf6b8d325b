package io.chainwatch.ingest;

import org.jspecify.annotations.Nullable;

/**
 * The input is not acceptable: malformed, truncated, hostile, of the wrong encoding or inconsistent. Nothing of it
 * was imported. The message is one sentence for a person: the file, the place in it, and what is wrong.
 */
public final class InputRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final @Nullable String place;
  private final String problem;

  /**
   * @param place {@code line 12}, {@code line 12, column 4}, a JSON pointer such as {@code /affected/0/versions}, or
   *     null when the problem is the file as a whole
   */
  public InputRejected(String file, @Nullable String place, String problem) {
    this(file, place, problem, null);
  }

  public InputRejected(String file, @Nullable String place, String problem, @Nullable Throwable cause) {
    super(file + (place == null ? "" : ": " + place) + ": " + problem, cause);
    this.file = file;
    this.place = place;
    this.problem = problem;
  }

  public static InputRejected atLine(String file, long line, String problem) {
    return new InputRejected(file, "line " + line, problem);
  }

  public String file() {
    return file;
  }

  public @Nullable String place() {
    return place;
  }

  public String problem() {
    return problem;
  }
}
