package io.chainwatch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigesterTest {
  @TempDir Path dir;

  private static String hex(String algorithm, byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
  }

  @Test
  void digests_smallAndLargeFiles_matchTheJdk_acrossChunkBoundaries() throws Exception {
    for (int size : new int[] {0, 1, 65_537, (1 << 20) + 1, Digester.CHUNK * 2 + 12_345}) {
      byte[] b = new byte[size];
      new Random(size).nextBytes(b);
      Path f = Files.write(dir.resolve("f" + size), b);
      FileDigests d = Digester.digest(f);
      assertThat(d).isEqualTo(new FileDigests(hex("SHA-256", b), hex("SHA-1", b), hex("MD5", b)));
    }
  }
}
