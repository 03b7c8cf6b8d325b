package io.chainwatch.formats.telemetry;

import io.chainwatch.hunt.ReadProblem;
import io.chainwatch.hunt.TelemetrySink;
import io.chainwatch.ingest.Head;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Lines of a telemetry file, tolerant and bounded: a line longer than the bound is skipped up to its end without
 * being held in memory, a line that is not UTF-8 is skipped, and each is reported to the sink with its line number;
 * reading goes on. Lines end with {@code \n} or {@code \r\n}; the last needs none; a leading BOM is dropped.
 */
public final class TelemetryLines {
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  private final String file;
  private final InputStream in;
  private final TelemetrySink sink;
  private final int max;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1024];
  private long number;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  public TelemetryLines(String file, InputStream in, TelemetrySink sink) {
    this(file, in, sink, DEFAULT_MAX_LINE_BYTES);
  }

  public TelemetryLines(String file, InputStream in, TelemetrySink sink, int maxLineBytes) {
    this(file, in, sink, maxLineBytes, 0);
  }

  /** @param linesBefore the lines of the file before {@code in} starts (it starts at the beginning of a line) */
  public TelemetryLines(String file, InputStream in, TelemetrySink sink, int maxLineBytes, long linesBefore) {
    this.file = file;
    this.in = in;
    this.sink = sink;
    this.max = maxLineBytes;
    this.number = linesBefore;
  }

  /**
   * Whether one of the first {@code lines} lines of a file's head, stripped of blanks at both ends, passes {@code test}.
   * A sniff looks at several: a log rotated or copied while it was written can start with a partial line. A line the
   * head cuts short is not looked at.
   */
  public static boolean anyFirstLine(Head head, int lines, Predicate<String> test) {
    String t = head.text();
    int from = 0;
    for (int n = 0; n < lines && from < t.length(); n++) {
      int end = t.indexOf('\n', from);
      if (end < 0 && head.bytes().length >= Head.SIZE) return false;
      if (test.test((end < 0 ? t.substring(from) : t.substring(from, end)).strip())) return true;
      if (end < 0) return false;
      from = end + 1;
    }
    return false;
  }

  /** The number of the line last returned. */
  public long number() {
    return number;
  }

  /** The next line without its end, or null at the end of the input. */
  public @Nullable String next() throws IOException {
    while (true) {
      int length = 0;
      boolean tooLong = false;
      boolean any = false;
      while (true) {
        if (pos == limit) {
          limit = in.read(buffer);
          pos = 0;
          if (limit <= 0) {
            limit = 0;
            if (!any) return null;
            break;
          }
        }
        any = true;
        int start = pos;
        while (pos < limit && buffer[pos] != '\n') pos++;
        int chunk = pos - start;
        if (!tooLong) {
          if (length + chunk > max) {
            tooLong = true;
          } else {
            if (length + chunk > line.length) {
              byte[] bigger = new byte[Math.min(max, Math.max(line.length * 2, length + chunk))];
              System.arraycopy(line, 0, bigger, 0, length);
              line = bigger;
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
          }
        }
        if (pos < limit) {
          pos++; // the newline
          break;
        }
      }
      number++;
      if (tooLong) {
        sink.problem(new ReadProblem(file, number, ReadProblem.LONG_LINE, "is longer than " + max + " bytes; skipped"));
        continue;
      }
      int from = 0;
      if (number == 1 && length >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) from = 3;
      if (length > from && line[length - 1] == '\r') length--;
      boolean ascii = true;
      for (int i = from; i < length; i++) {
        if (line[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) return new String(line, from, length - from, StandardCharsets.ISO_8859_1);
      try {
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(line, from, length - from));
        return chars.toString();
      } catch (CharacterCodingException e) {
        sink.problem(new ReadProblem(file, number, ReadProblem.BAD_UTF8, "is not valid UTF-8; skipped"));
      }
    }
  }
}
