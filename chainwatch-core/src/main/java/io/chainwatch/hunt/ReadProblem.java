package io.chainwatch.hunt;

/**
 * Something a reader skipped, or read only in part. Never fatal: a hunt reports how many of each kind, with the first
 * few places.
 *
 * @param kind {@code long-line}, {@code bad-utf8}, {@code corrupt-record}, {@code unknown-format},
 *     {@code expansion-bound} (a compressed file that expands beyond the bound: the rest of it is not read) or
 *     {@code bad-time} (a record whose time cannot be read: it is read without one)
 * @param line the line in the file, 0 when the problem is the file as a whole
 */
public record ReadProblem(String file, long line, String kind, String detail) {
  public static final String LONG_LINE = "long-line";
  public static final String BAD_UTF8 = "bad-utf8";
  public static final String CORRUPT = "corrupt-record";
  public static final String UNKNOWN_FORMAT = "unknown-format";
  public static final String EXPANSION_BOUND = "expansion-bound";
  public static final String BAD_TIME = "bad-time";
  /** A mapped export none of whose records has any of the columns the mapping says carry indicators. */
  public static final String UNMAPPED = "unmapped-columns";
}
