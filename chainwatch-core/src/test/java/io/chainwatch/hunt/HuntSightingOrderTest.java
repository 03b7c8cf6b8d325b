package io.chainwatch.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.common.Progress;
import io.chainwatch.intel.IntelRepository;
import io.chainwatch.portfolio.AssetDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hunt of a busy network may report hundreds of beacons or rule hits: by kind of detector, its sightings come most
 * severe first (a rule set's critical rules before its informational ones), then by detector, indicator, customer and
 * host.
 */
class HuntSightingOrderTest {
  @TempDir Path dir;

  /** Reports each line as a hit of the level the line names, on the indicator the line is, as the rule it names. */
  static final class Levels implements Detector {
    @Override
    public void inspect(TelemetryEvent event, java.util.function.Consumer<Hit> hits) {
      String[] line = event.fields().get("query").split(" ");
      String rule = line.length > 2 ? line[2] : "sigma:r1";
      hits.accept(new Hit(rule, "sigma", line[0], "query", line[0], line.length > 1 && !line[1].equals("-") ? line[1] : null));
    }
  }

  @Test
  void byKindOfDetector_theMostSevereFirst_thenByDetectorAndIndicator() throws IOException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("a.log"), "a low\nb informational\nc critical\nd\ne high\nf medium\ng high\nh odd\n"
        + "i critical sigma:r0\nj high sigma:r2\nk - sigma:r0\n");
    IntelRepository intel = fake(IntelRepository.class, (name, args) -> List.of());
    AssetDirectory assets = fake(AssetDirectory.class, (name, args) -> Optional.empty());
    HuntRepository hunts = fake(HuntRepository.class, (name, args) -> 1L);
    HuntService service = new HuntService(List.of(new HuntServiceBoundsTest.Lines()), intel, assets, hunts,
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    HuntResult r = service.hunt(new HuntParameters(List.of(logs.toString()), null, null, null, null, null),
        List.of(new Levels()), Progress.NONE);
    assertThat(r.sightings()).extracting(s -> s.indicatorValue() + ":" + s.level())
        .containsExactly("i:critical", "c:critical", "e:high", "g:high", "j:high", "f:medium", "a:low", "b:informational",
            "k:null", "d:null", "h:odd");
  }

  @SuppressWarnings("unchecked")
  private static <T> T fake(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
    return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> answer.apply(method.getName(), args));
  }
}
