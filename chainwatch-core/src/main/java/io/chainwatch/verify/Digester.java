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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256, SHA-1 and MD5 of a file in one streaming pass.
 *
 * <p>Implementation notes: a large file is read in 4 MiB chunks; the calling thread reads and feeds SHA-256 while two
 * helper threads feed SHA-1 and MD5 from the same chunk, so the three digests cost about as much as the slowest one
 * alone (on two cores, about half their sum). A chunk goes back to the free pool when all three are done with it (a
 * count of three). Small files are hashed on the calling thread: starting threads costs more than it saves.
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
    for (int i = 0; i < CHUNKS; i++) free.add(new byte[CHUNK]);
    // One thread per digest: the reading thread feeds SHA-256, two helpers SHA-1 and MD5. Measured alone, each of the
    // three takes a similar time per byte, so any pairing on one thread makes that thread the bottleneck.
    List<BlockingQueue<Chunk>> queues = List.of(new ArrayBlockingQueue<>(CHUNKS + 1), new ArrayBlockingQueue<>(CHUNKS + 1));
    List<Thread> helpers = List.of(helper(sha1, queues.get(0), free, "digest-sha1"), helper(md5, queues.get(1), free, "digest-md5"));
    @Nullable IOException failure = null;
    try {
      while (true) {
        byte[] bytes = free.take();
        int n = fill(ch, bytes);
        if (n == 0) {
          free.add(bytes);
          break;
        }
        Chunk c = new Chunk(bytes, n, new AtomicInteger(1 + queues.size()));
        for (BlockingQueue<Chunk> q : queues) q.put(c);
        sha256.update(bytes, 0, n);
        release(c, free);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = new InterruptedIOException("hashing interrupted");
    } catch (IOException e) {
      failure = e;
    } finally {
      for (int i = 0; i < helpers.size(); i++) {
        if (failure != null) helpers.get(i).interrupt();
        else queues.get(i).add(END);
      }
      for (Thread helper : helpers) {
        try {
          helper.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          helper.interrupt();
          failure = new InterruptedIOException("hashing interrupted");
        }
      }
    }
    if (failure != null) throw failure;
    return new FileDigests(hex(sha256), hex(sha1), hex(md5));
  }

  private static Thread helper(MessageDigest md, BlockingQueue<Chunk> work, BlockingQueue<byte[]> free, String name) {
    Thread t = new Thread(() -> {
      try {
        for (Chunk c; (c = work.take()) != END; ) {
          md.update(c.bytes(), 0, c.length());
          release(c, free);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
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
