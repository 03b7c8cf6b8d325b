package io.chainwatch.verify;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Positioned reads from a file channel. */
final class Bytes {
  private Bytes() {}

  /** Exactly {@code n} bytes at {@code offset}, little-endian; EOFException when the file ends first. */
  static ByteBuffer read(FileChannel ch, long offset, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (buf.hasRemaining()) {
      if (ch.read(buf, offset + buf.position()) < 0) throw new EOFException("the file ends at " + ch.size());
    }
    return buf.flip();
  }

  static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }

  static int u16(ByteBuffer b, int at) {
    return Short.toUnsignedInt(b.getShort(at));
  }
}
