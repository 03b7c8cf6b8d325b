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
}
