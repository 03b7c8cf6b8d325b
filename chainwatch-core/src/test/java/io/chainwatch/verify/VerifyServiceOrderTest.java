package io.chainwatch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are analysed on several threads, yet reported in walk order, with verdicts looked up on the caller's thread. */
class VerifyServiceOrderTest {
  @TempDir Path dir;

  @Test
  void reportsComeInWalkOrder_verdictsOnTheCallingThread() throws Exception {
    List<Path> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Path sub = Files.createDirectories(dir.resolve("d" + (i % 3)));
      // sizes vary so that later files often finish first
      Path f = Files.write(sub.resolve(String.format("f%02d.bin", i)), new byte[(i % 7 == 0) ? 3 << 20 : 100 + i]);
      expected.add(f);
    }
    expected.sort(null);
    Thread caller = Thread.currentThread();
    List<Thread> lookups = new ArrayList<>();
    HashIndicators indicators = (type, hex) -> {
      lookups.add(Thread.currentThread());
      return Set.of();
    };
    VerifyService service = new VerifyService(der -> { throw new MalformedSignature("unused"); }, new MsiReader() {
      @Override public byte[] signature(Path file) { return null; }
      @Override public byte[] digest(Path file, String algorithm) { return new byte[0]; }
    }, indicators, h -> false);
    List<Path> seen = new ArrayList<>();
    service.verify(List.of(dir), r -> seen.add(r.path()));
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(lookups).hasSize(3 * 60).containsOnly(caller);
  }
}
