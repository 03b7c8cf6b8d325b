package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionBatchTest {
  /** A pair's key and hash are those of {@code source + '\n' + destination}: the detector finds events' series by them. */
  @Test
  void aPairsKeyAndHash_areThoseOfTheJoinedText() {
    ConnectionBatch b = new ConnectionBatch("http.log");
    byte[] line = "10.20.1.11 update.voxline-cdn.net 203.0.113.9".getBytes(StandardCharsets.US_ASCII);
    b.add(ConnectionBatch.HTTP, line, 0, 10, 11, 33, 34, line.length, 50000, 80, 1_679_443_200L, 0, 0, 1);
    byte[] key = "10.20.1.11\nupdate.voxline-cdn.net".getBytes(StandardCharsets.UTF_8);
    byte[] copied = new byte[b.keyLength(0) + 2];
    b.copyKey(0, copied, 1);
    assertThat(java.util.Arrays.copyOfRange(copied, 1, copied.length - 1)).isEqualTo(key);
    assertThat(b.keyHash(0)).isEqualTo(ConnectionBatch.keyHash(key, 0, key.length));
    assertThat(b.keyEquals(0, copied, 1, copied.length - 1)).isTrue();
    assertThat(b.keyEquals(0, copied, 0, copied.length - 2)).isFalse();
    assertThat(b.responder(0)).isEqualTo("203.0.113.9");
  }

  /** Keys are compared eight bytes at a time: the same answer as byte by byte, at every length and offset. */
  @Test
  void sameBytes_isByteByByteEquality() {
    java.util.Random random = new java.util.Random(9);
    byte[] a = new byte[80];
    byte[] b = new byte[80];
    for (int round = 0; round < 200_000; round++) {
      int n = random.nextInt(40);
      int af = random.nextInt(a.length - n + 1);
      int bf = random.nextInt(b.length - n + 1);
      for (int i = 0; i < a.length; i++) a[i] = (byte) random.nextInt(3);
      System.arraycopy(a, af, b, bf, n);
      if (n > 0 && random.nextBoolean()) b[bf + random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
      int bn = random.nextInt(8) == 0 ? Math.max(0, Math.min(b.length - bf, n + random.nextInt(3) - 1)) : n;
      assertThat(ConnectionBatch.same(a, af, af + n, b, bf, bf + bn))
          .isEqualTo(java.util.Arrays.equals(a, af, af + n, b, bf, bf + bn));
    }
  }
}
