package io.chainwatch.formats.text;

import io.chainwatch.ingest.InputRejected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads strict UTF-8 text from a stream one line at a time, with a bound on the length of a line.
 *
 * <p>Lines end with {@code \n} or {@code \r\n}; a lone {@code \r} is an ordinary character. The last line needs no
 * newline. A leading byte-order mark is skipped. A line longer than the bound, or one that is not valid UTF-8, is
 * rejected with its line number.
 *
 * <p>Implementation notes: bytes are read into one buffer that grows only up to the line bound. A line is found by its
 * {@code \n} byte, which never occurs inside a multi-byte UTF-8 sequence, and then decoded into a reused char array:
 * ASCII by a plain loop, and the rest of a line that holds a non-ASCII byte by a {@link CharsetDecoder} that reports
 * malformed input instead of replacing it. So the common all-ASCII line costs one pass and no allocation.
 */
public final class Utf8LineReader {
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
  private static final int INITIAL_BUFFER = 1 << 18;

  private final String fileName;
  private final InputStream in;
  private final int maxLineBytes;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  private byte[] bytes;
  private int start;
  private int end;
  private boolean eof;
  private boolean bomSkipped;
  private int lineStart;
  private int lineEnd;
  private boolean lineIsAscii;
  /** Whether {@link #chars} holds the current line; ASCII lines are copied there only when asked for. */
  private boolean charsReady;
  private char[] chars = new char[256];
  private int length;
  private long lineNumber;
  /** Set by {@link #indexOfNewline}: whether the bytes it scanned were all ASCII. */
  private boolean scannedAscii;

  public Utf8LineReader(String fileName, InputStream in) {
    this(fileName, in, DEFAULT_MAX_LINE_BYTES);
  }

  public Utf8LineReader(String fileName, InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) throw new IllegalArgumentException("maxLineBytes must be positive");
    this.fileName = fileName;
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.bytes = new byte[Math.min(INITIAL_BUFFER, maxLineBytes + 2)];
  }

  /**
   * Advances to the next line.
   *
   * @return false at the end of the input
   * @throws InputRejected if the line is too long or not valid UTF-8
   */
  public boolean next() throws IOException {
    if (!bomSkipped) skipBom();
    int scan = start;
    boolean ascii = true;
    while (true) {
      int newline = indexOfNewline(scan, end);
      ascii &= scannedAscii;
      if (newline >= 0) {
        take(start, newline, ascii);
        start = newline + 1;
        return true;
      }
      // One more byte than the bound may be the '\r' of a "\r\n".
      if (end - start > maxLineBytes + 1) throw tooLong();
      if (eof) {
        if (start == end) return false;
        take(start, end, ascii);
        start = end;
        return true;
      }
      scan = end - start;
      fill();
      scan += start;
    }
  }

  /** The number of the current line, from 1; 0 before the first call to {@link #next()}. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The characters of the current line (without its line ending), valid until the next call to {@link #next()}. */
  public char[] chars() {
    ensureChars();
    return chars;
  }

  /** The number of characters of the current line in {@link #chars()}. */
  public int length() {
    ensureChars();
    return length;
  }

  /** The current line as a string. */
  public String line() {
    return lineIsAscii
        ? new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1)
        : new String(chars, 0, length);
  }

  /**
   * The buffer holding the bytes of the current line, from {@link #start()} to {@link #end()} (without the line
   * ending), valid until the next call to {@link #next()}. The bytes are valid UTF-8.
   */
  public byte[] bytes() {
    return bytes;
  }

  public int start() {
    return lineStart;
  }

  public int end() {
    return lineEnd;
  }

  /** Whether the current line is all ASCII, so that each byte is one character. */
  public boolean isAscii() {
    return lineIsAscii;
  }

  /** The column (from 1, in code points) of byte {@code offset} of the current line's buffer. */
  public int columnAt(int offset) {
    int column = 1;
    for (int i = lineStart; i < offset && i < lineEnd; i++) {
      if ((bytes[i] & 0xC0) != 0x80) column++;
    }
    return column;
  }

  public String fileName() {
    return fileName;
  }

  /** A rejection at the current line. */
  public InputRejected reject(String problem) {
    return InputRejected.atLine(fileName, lineNumber, problem);
  }

  /** A rejection at a column (from 1) of the current line. */
  public InputRejected reject(int column, String problem) {
    return new InputRejected(fileName, "line " + lineNumber + ", column " + column, problem);
  }

  private void skipBom() throws IOException {
    while (end - start < 3 && !eof) fill();
    if (end - start >= 3 && (bytes[start] & 0xff) == 0xEF && (bytes[start + 1] & 0xff) == 0xBB
        && (bytes[start + 2] & 0xff) == 0xBF) {
      start += 3;
    }
    bomSkipped = true;
  }

  private int indexOfNewline(int from, int to) {
    byte[] b = bytes;
    int negative = 0;
    for (int i = from; i < to; i++) {
      byte x = b[i];
      if (x == '\n') {
        scannedAscii = negative >= 0;
        return i;
      }
      negative |= x;
    }
    scannedAscii = negative >= 0;
    return -1;
  }

  /** Reads more bytes after {@code end}, first moving the unread part to the front or growing the buffer. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(bytes, start, bytes, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == bytes.length) {
      int grown = (int) Math.min((long) bytes.length * 2, (long) maxLineBytes + 2);
      if (grown <= bytes.length) throw tooLong();
      byte[] bigger = new byte[grown];
      System.arraycopy(bytes, 0, bigger, 0, end);
      bytes = bigger;
    }
    int n = in.read(bytes, end, bytes.length - end);
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  private void take(int from, int to, boolean ascii) {
    lineNumber++;
    if (to > from && bytes[to - 1] == '\r') to--;
    if (to - from > maxLineBytes) {
      lineNumber--;
      throw tooLong();
    }
    lineStart = from;
    lineEnd = to;
    lineIsAscii = ascii;
    charsReady = false;
    // Non-ASCII lines are decoded at once: that is where their UTF-8 is checked.
    if (!ascii) ensureChars();
  }

  private void ensureChars() {
    if (charsReady) return;
    int n = lineEnd - lineStart;
    // A UTF-8 line never has more chars than bytes.
    if (chars.length < n) chars = new char[Math.max(n, Math.min(chars.length * 2, maxLineBytes))];
    byte[] b = bytes;
    char[] c = chars;
    int i = lineStart;
    int j = 0;
    while (i < lineEnd) {
      byte x = b[i];
      if (x < 0) break;
      c[j++] = (char) x;
      i++;
    }
    if (i < lineEnd) j = decodeRest(i, lineEnd, j);
    length = j;
    charsReady = true;
  }

  private int decodeRest(int from, int to, int charsSoFar) {
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CharBuffer out = CharBuffer.wrap(chars, charsSoFar, chars.length - charsSoFar);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) result = decoder.flush(out);
    if (result.isError()) throw reject("is not valid UTF-8 text");
    if (result.isOverflow()) throw new IllegalStateException("a UTF-8 line decoded to more chars than bytes");
    return out.position();
  }

  private InputRejected tooLong() {
    return InputRejected.atLine(fileName, lineNumber + 1, "is longer than " + Utf8Text.describeSize(maxLineBytes));
  }
}
