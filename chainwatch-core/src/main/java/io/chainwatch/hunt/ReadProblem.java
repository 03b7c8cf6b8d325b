package io.chainwatch.hunt;

/**
 * Something a reader skipped. Never fatal: a hunt reports how many of each kind, with the first few places.
 *
 * @param kind {@code long-line}, {@code bad-utf8}, {@code corrupt-record} or {@code unknown-format}
 * @param line the line in the file, 0 when the problem is the file as a whole
 */
public record ReadProblem(String file, long line, String kind, String detail) {
  public static final String LONG_LINE = "long-line";
  public static final String BAD_UTF8 = "bad-utf8";
  public static final String CORRUPT = "corrupt-record";
  public static final String UNKNOWN_FORMAT = "unknown-format";
}
