package io.chainwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chainwatch.hunt.Evidence;
import io.chainwatch.hunt.HuntParameters;
import io.chainwatch.hunt.HuntResult;
import io.chainwatch.hunt.HuntStats;
import io.chainwatch.hunt.Sighting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderAheadTest {
  private static final Instant T = Instant.parse("2023-03-22T10:01:02Z");

  @Test
  void outputRenderedAhead_isTheOutputRenderedAfterTheHunt_inBothFormats() {
    HuntResult hunt = hunt(3).withId(7);
    for (OutputFormat format : List.of(OutputFormat.json, OutputFormat.table)) {
      RenderAhead ahead = new RenderAhead((w, r) -> HuntCommand.render(w, r, format));
      ahead.start(hunt);
      assertThat(printed(ahead, hunt)).isEqualTo(direct(hunt, format)).contains("akamaicontainer.com");
    }
  }

  @Test
  void outputAboveTheBound_isNotHeldInMemory_butRenderedWhenPrinted() {
    HuntResult big = hunt(RenderAhead.MAX_SIGHTINGS + 1).withId(8);
    List<String> renderedOn = Collections.synchronizedList(new ArrayList<>());
    RenderAhead ahead = new RenderAhead((w, r) -> {
      renderedOn.add(Thread.currentThread().getName());
      w.print("hunt " + r.id());
    });
    ahead.start(big);
    assertThat(renderedOn).isEmpty();
    assertThat(printed(ahead, big)).isEqualTo("hunt 8");
    assertThat(renderedOn).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void aFailureWhileRenderingAhead_isRaisedWhenPrinting() {
    RenderAhead ahead = new RenderAhead((w, r) -> {
      throw new IllegalStateException("cannot render JSON");
    });
    HuntResult hunt = hunt(1).withId(9);
    ahead.start(hunt);
    assertThatThrownBy(() -> printed(ahead, hunt)).hasMessage("cannot render JSON");
  }

  private static String printed(RenderAhead ahead, HuntResult stored) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      ahead.print(out, stored);
    }
    return text.toString();
  }

  private static String direct(HuntResult hunt, OutputFormat format) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      HuntCommand.render(out, hunt, format);
    }
    return text.toString();
  }

  private static HuntResult hunt(int sightings) {
    List<Sighting> list = new ArrayList<>();
    for (int i = 0; i < sightings; i++) {
      list.add(new Sighting("ioc", "domain", "akamaicontainer.com", null, "Acme", "host-" + i, T, T.plusSeconds(i), 1 + i,
          List.of(new Evidence("dns.log", 10 + i, "query", "www.akamaicontainer.com"))));
    }
    return new HuntResult(0, T, T.plusSeconds(2), new HuntParameters(List.of("logs"), "3CX-2023-03", null, null, null, null,
        "off"), 1, 0, list, new HuntStats(1, 100, 1000, 0, Map.of(), List.of()));
  }
}
