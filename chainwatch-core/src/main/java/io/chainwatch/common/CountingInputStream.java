package io.chainwatch.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and reports them to a {@link Progress} every mebibyte. */
public final class CountingInputStream extends FilterInputStream {
  private static final long STEP = 1 << 20;
  private final Progress progress;
  private final String label;
  private final long total;
  private long count;
  private long reported;

  public CountingInputStream(InputStream in, Progress progress, String label, long total) {
    super(in);
    this.progress = progress;
    this.label = label;
    this.total = total;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) advance(1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) advance(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long k = super.skip(n);
    advance(k);
    return k;
  }

  private void advance(long n) {
    count += n;
    if (count - reported >= STEP) {
      reported = count;
      progress.update(label, count, total);
    }
  }

  public long count() {
    return count;
  }
}
