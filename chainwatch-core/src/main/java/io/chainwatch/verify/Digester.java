package io.chainwatch.verify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256, SHA-1 and MD5 of a file in one streaming pass.
 *
 * <p>Implementation notes: a large file is read in 4 MiB chunks; the calling thread reads and feeds SHA-256 and SHA-1
 * (both have CPU intrinsics) while a second thread feeds MD5 (the slowest of the three) from the same chunk, so the
 * three digests cost about as much as the slower of the two halves. A chunk goes back to the free pool when both threads are done with it (a count of two). Small files
 * are hashed on the calling thread: starting a thread costs more than it saves.
 */
public final class Digester {
  static final int CHUNK = 4 << 20;
  private static final int SMALL = 1 << 20;
  private static final int CHUNKS = 4;

  private Digester() {}

  public static FileDigests digest(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return ch.size() <= SMALL ? digestSmall(ch) : digestLarge(ch);
    }
  }

  private static FileDigests digestSmall(FileChannel ch) throws IOException {
    MessageDigest sha256 = md("SHA-256");
    MessageDigest sha1 = md("SHA-1");
    MessageDigest md5 = md("MD5");
    ByteBuffer buf = ByteBuffer.allocate(64 << 10);
    while (ch.read(buf) > 0 || buf.position() > 0) {
      buf.flip();
      sha256.update(buf.array(), 0, buf.limit());
      sha1.update(buf.array(), 0, buf.limit());
      md5.update(buf.array(), 0, buf.limit());
      buf.clear();
    }
    return new FileDigests(hex(sha256), hex(sha1), hex(md5));
  }

  private record Chunk(byte[] bytes, int length, AtomicInteger users) {}

  private static final Chunk END = new Chunk(new byte[0], 0, new AtomicInteger());

  private static FileDigests digestLarge(FileChannel ch) throws IOException {
    MessageDigest sha256 = md("SHA-256");
    MessageDigest sha1 = md("SHA-1");
    MessageDigest md5 = md("MD5");
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(CHUNKS + 1);
    for (int i = 0; i < CHUNKS; i++) free.add(new byte[CHUNK]);
    Thread helper = new Thread(() -> {
      try {
        for (Chunk c; (c = work.take()) != END; ) {
          md5.update(c.bytes(), 0, c.length());
          release(c, free);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "digest-md5");
    helper.setDaemon(true);
    helper.start();
    @Nullable IOException failure = null;
    try {
      while (true) {
        byte[] bytes = free.take();
        int n = fill(ch, bytes);
        if (n == 0) {
          free.add(bytes);
          break;
        }
        Chunk c = new Chunk(bytes, n, new AtomicInteger(2));
        work.put(c);
        sha256.update(bytes, 0, n);
        sha1.update(bytes, 0, n);
        release(c, free);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new InterruptedIOException("hashing interrupted");
    } catch (IOException e) {
      failure = e;
    } finally {
      if (failure != null) helper.interrupt();
      else work.add(END);
      try {
        helper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        helper.interrupt();
        failure = new InterruptedIOException("hashing interrupted");
      }
    }
    if (failure != null) throw failure;
    return new FileDigests(hex(sha256), hex(sha1), hex(md5));
  }

  private static void release(Chunk c, BlockingQueue<byte[]> free) {
    if (c.users().decrementAndGet() == 0) free.add(c.bytes());
  }

  /** Reads until the array is full or the file ends; the count read. */
  private static int fill(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) break;
    }
    return buf.position();
  }

  static MessageDigest md(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  static String hex(MessageDigest md) {
    return HexFormat.of().formatHex(md.digest());
  }
}
