package io.chainwatch.verify;

/** The file's structure is broken (truncated headers, a directory pointing outside the file); one sentence. */
public final class MalformedFile extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedFile(String problem) {
    super(problem);
  }
}
