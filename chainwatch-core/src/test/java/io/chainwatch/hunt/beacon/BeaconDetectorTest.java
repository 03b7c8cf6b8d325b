package io.chainwatch.hunt.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chainwatch.hunt.ConnectionBatch;
import io.chainwatch.hunt.Finding;
import io.chainwatch.hunt.TelemetryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BeaconDetectorTest {
  static final Instant START = Instant.parse("2023-03-22T00:00:00Z");

  private static TelemetryEvent conn(Instant t, String source, String destination, long bytes) {
    return new TelemetryEvent("zeek.conn", t, source, 50000, destination, 443, null,
        Map.of("id.orig_h", source, "id.resp_h", destination, "orig_bytes", Long.toString(bytes)), "conn.log", 1);
  }

  private static TelemetryEvent ssl(Instant t, String source, String name) {
    return new TelemetryEvent("zeek.ssl", t, source, 50000, "203.0.113.9", 443, null,
        Map.of("id.orig_h", source, "server_name", name), "ssl.log", 7);
  }

  private static List<Finding> run(BeaconDetector d, List<TelemetryEvent> events) {
    for (TelemetryEvent e : events) d.inspect(e, h -> { throw new AssertionError("a beacon is no single-event hit"); });
    List<Finding> out = new ArrayList<>();
    d.finish(out::add);
    return out;
  }

  /** Every 60 s for a day, 512 bytes each time. */
  private static List<TelemetryEvent> periodic(String source, String destination) {
    List<TelemetryEvent> events = new ArrayList<>();
    for (int i = 0; i < 1440; i++) events.add(conn(START.plusSeconds(60L * i), source, destination, 512));
    return events;
  }

  @Test
  void periodicSixtySeconds_scoresOne_withExplanation() {
    BeaconDetector d = new BeaconDetector(BeaconSettings.DEFAULTS);
    List<Finding> found = run(d, periodic("10.20.1.11", "203.0.113.9"));
    assertThat(found).hasSize(1);
    Finding f = found.get(0);
    assertThat(f.hit().detector()).isEqualTo("beacon");
    assertThat(f.hit().indicatorType()).isEqualTo("ipv4");
    assertThat(f.hit().indicatorValue()).isEqualTo("203.0.113.9");
    assertThat(f.hit().level()).isEqualTo("high");
    assertThat(f.count()).isEqualTo(1440);
    assertThat(f.firstSeen()).isEqualTo(START);
    assertThat(f.lastSeen()).isEqualTo(START.plusSeconds(60L * 1439));
    assertThat(f.evidence().get(0).field()).isEqualTo("beacon");
    assertThat(f.evidence().get(0).value()).isEqualTo("score 1.00 (timing 1.00, dispersion 1.00, size 1.00, histogram 1.00, duration 1.00):"
        + " 1440 connections, mean interval 60.0 s, median 60.0 s, jitter 0.0 s (MAD), skew 0.00,"
        + " median size 512 B (MAD 0 B), active in 24 of 24 parts of the span");
    assertThat(f.evidence()).hasSize(5);
    assertThat(f.evidence().get(1).field()).isEqualTo("id.resp_h");
  }

  /**
   * A scan fills the same batch object again for a later chunk; what the detector learnt of the first chunk's pairs
   * (pair 0 is one series there, another here) must not carry over.
   */
  @Test
  void aReusedBatch_isReplayedAsTheNewChunkItIs() {
    ConnectionBatch.Spares spares = new ConnectionBatch.Spares();
    BeaconDetector reused = new BeaconDetector(BeaconSettings.DEFAULTS);
    BeaconDetector fresh = new BeaconDetector(BeaconSettings.DEFAULTS);
    String[][] chunks = {{"10.20.1.11", "203.0.113.9"}, {"10.20.1.12", "198.51.100.7"}};
    ConnectionBatch previous = null;
    for (int chunk = 0; chunk < 2; chunk++) {
      ConnectionBatch b = spares.take("conn.log");
      if (previous != null) assertThat(b).as("the spare batch").isSameAs(previous);
      ConnectionBatch copy = new ConnectionBatch("conn.log");
      for (int i = 0; i < 1440; i++) {
        for (ConnectionBatch target : List.of(b, copy)) add(target, chunks[chunk][0], chunks[chunk][1], 60L * i, i + 1);
      }
      reused.connections(b, 0, b.size());
      fresh.connections(copy, 0, copy.size());
      spares.give(b);
      previous = b;
    }
    List<Finding> expected = new ArrayList<>();
    fresh.finish(expected::add);
    List<Finding> found = new ArrayList<>();
    reused.finish(found::add);
    assertThat(expected).extracting(f -> f.representative().sourceAddress() + " " + f.hit().indicatorValue())
        .containsExactly("10.20.1.11 203.0.113.9", "10.20.1.12 198.51.100.7");
    assertThat(found).isEqualTo(expected);
  }

  /**
   * Within the bound on connection times, a strobe (86,400 connections) is reported with score 1 and gives up the times
   * it kept; once they fill the log, they are compacted away, and the next series keeps its own, in their order.
   */
  @Test
  void aStrobeGivesUpItsTimes_andTheNextSeriesKeepsItsOwn() {
    BeaconDetector d = BeaconDetector.bounded(new BeaconSettings(0.0, 0.0, 0.0, 4), 10, 1000);
    ConnectionBatch strobe = new ConnectionBatch("conn.log");
    for (int i = 0; i < BeaconDetector.STROBE; i++) add(strobe, "10.20.1.11", "198.51.100.7", i, i + 1);
    d.connections(strobe, 0, strobe.size());
    ConnectionBatch periodic = new ConnectionBatch("conn.log");
    for (int i = 0; i < 1440; i++) add(periodic, "10.20.1.12", "203.0.113.9", 60L * i, i + 1);
    d.connections(periodic, 0, periodic.size());
    List<Finding> found = new ArrayList<>();
    d.finish(found::add);
    // the strobe kept 1,000 times (the bound), dropped the next ones until it became a strobe, and gave its 1,000 up;
    // the periodic series then kept 1,000 and dropped 440
    assertThat(d.dropped()).isEqualTo((BeaconDetector.STROBE - 1 - 1000) + 440);
    assertThat(d.logged()).as("the strobe's times compacted away").isEqualTo(1000);
    assertThat(found).extracting(f -> f.hit().indicatorValue()).containsExactly("198.51.100.7", "203.0.113.9");
    assertThat(found.get(0).hit().level()).isEqualTo("high");
    assertThat(found.get(0).count()).isEqualTo(BeaconDetector.STROBE);
    assertThat(found.get(0).evidence().get(0).value()).startsWith("strobe: 86400 connections");
    Finding periodicSeries = found.get(1);
    assertThat(periodicSeries.count()).isEqualTo(1440);
    assertThat(periodicSeries.firstSeen()).isEqualTo(START);
    assertThat(periodicSeries.lastSeen()).isEqualTo(START.plusSeconds(60L * 1439));
    assertThat(periodicSeries.evidence().get(0).value())
        .contains("timing 1.00, dispersion 1.00, size 1.00").contains("1000 connections, mean interval 60.0 s, median 60.0 s, jitter 0.0 s");
    assertThat(periodicSeries.evidence()).extracting(e -> e.line()).containsExactly(1L, 1L, 2L, 3L, 4L);
  }

  private static void add(ConnectionBatch b, String source, String destination, long second, long line) {
    byte[] bytes = (source + " " + destination).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    int split = source.length();
    b.add(ConnectionBatch.CONN, bytes, 0, split, split + 1, bytes.length, split + 1, bytes.length, 50000, 443,
        START.getEpochSecond() + second, 0, 512, line);
  }

  @Test
  void periodicWithJitter_stillScoresHigh() {
    Random random = new Random(42);
    List<TelemetryEvent> events = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 1440; i++) {
      t += 48 + random.nextInt(25); // 60 s ± 20 %
      events.add(conn(START.plusSeconds(t), "10.20.1.11", "203.0.113.9", 500 + random.nextInt(40)));
    }
    BeaconScore s = score(events, "10.20.1.11", "203.0.113.9");
    assertThat(s.timing()).isGreaterThan(0.85);
    assertThat(s.score()).isGreaterThan(0.9);
  }

  @Test
  void randomTraffic_allDay_isNotReported_timingTooIrregular() {
    Random random = new Random(7);
    List<TelemetryEvent> events = new ArrayList<>();
    double t = 0;
    while (t < 86_400) {
      t += -Math.log(1 - random.nextDouble()) * 120; // Poisson arrivals, mean 120 s
      events.add(conn(START.plusMillis((long) (t * 1000)), "10.20.1.11", "198.51.100.7", 200 + random.nextInt(20_000)));
    }
    BeaconScore s = score(events, "10.20.1.11", "198.51.100.7");
    assertThat(s.timing()).isLessThan(0.6);
    assertThat(run(new BeaconDetector(BeaconSettings.DEFAULTS), events)).isEmpty();
  }

  /**
   * Random traffic must rarely pass as a beacon while an implant with jitter still does: series of 24 connections at
   * random (Poisson) times over a day, as people and background services make them, against connections every hour
   * with a jitter of up to ±50 %. On timing, histogram and duration alone (RITA's rule) about a quarter of the random
   * series passed; the dispersion floor stops most of them and none of the beacons.
   */
  @Test
  void randomSeries_rarelyPassAsBeacons_butJitteredBeaconsDo() {
    Random random = new Random(23);
    List<TelemetryEvent> events = new ArrayList<>();
    int series = 300;
    for (int k = 0; k < series; k++) {
      String source = "10.20." + (k / 200) + "." + (k % 200 + 1);
      double t = random.nextDouble() * 3600;
      for (int i = 0; i < 24; i++) {
        events.add(ssl(START.plusMillis((long) (t * 1000)), source, "random.example"));
        t += -Math.log(1 - random.nextDouble()) * 3600;
      }
      t = random.nextDouble() * 3600;
      for (int i = 0; i < 24; i++) {
        events.add(ssl(START.plusMillis((long) (t * 1000)), source, "beacon.example"));
        t += 3600 * (1 + (2 * random.nextDouble() - 1) * 0.5);
      }
    }
    events.sort(java.util.Comparator.comparing(TelemetryEvent::time));
    BeaconSettings rita = new BeaconSettings(0.7, 0.6, 0.0, 4);
    java.util.function.BiFunction<BeaconSettings, String, Long> reported = (settings, name) -> run(new BeaconDetector(settings),
        events).stream().filter(f -> f.hit().indicatorValue().equals(name)).count();
    long randomBefore = reported.apply(rita, "random.example");
    long randomNow = reported.apply(BeaconSettings.DEFAULTS, "random.example");
    assertThat(randomBefore).as("random series passing on RITA's rule").isGreaterThan(series / 10);
    assertThat(randomNow).as("random series passing").isLessThanOrEqualTo(series / 20).isLessThan(randomBefore / 3);
    long beacons = reported.apply(BeaconSettings.DEFAULTS, "beacon.example");
    assertThat(beacons).as("beacons found").isGreaterThanOrEqualTo(series * 95 / 100)
        .isEqualTo(reported.apply(rita, "beacon.example"));
  }

  /**
   * In a hunt of a week an implant that starts calling home on its sixth day (the 3CX implant waited about a week)
   * fills a few parts of the whole span and scored low; it is scored over its own active time too. Random series
   * spread over the week, or over a day or two of it, still rarely pass.
   */
  @Test
  void aWeekLongHunt_findsAnImplantThatStartsLate_andRandomSeriesStillRarelyPass() {
    Random random = new Random(29);
    List<TelemetryEvent> events = new ArrayList<>();
    double week = 7 * 86_400.0;
    int series = 200;
    for (int k = 0; k < series; k++) {
      String source = "10.20." + (k / 200) + "." + (k % 200 + 1);
      // random over the whole week, about two an hour; and random over a day or two of it, about one an hour
      for (double t = random.nextDouble() * 1800; t < week; t += -Math.log(1 - random.nextDouble()) * 1800) {
        events.add(ssl(START.plusMillis((long) (t * 1000)), source, "busy.example"));
      }
      double from = random.nextDouble() * (week - 2 * 86_400);
      double until = from + 86_400 * (1 + random.nextDouble());
      for (double t = from; t < until; t += -Math.log(1 - random.nextDouble()) * 3600) {
        events.add(ssl(START.plusMillis((long) (t * 1000)), source, "daily.example"));
      }
    }
    // the implant: hourly with ±10 % jitter from the sixth day to the end
    for (double t = 5 * 86_400; t < week; t += 3600 * (1 + (2 * random.nextDouble() - 1) * 0.1)) {
      events.add(ssl(START.plusMillis((long) (t * 1000)), "10.20.9.9", "pbxphonenetwork.com"));
    }
    events.sort(java.util.Comparator.comparing(TelemetryEvent::time));
    List<Finding> found = run(new BeaconDetector(BeaconSettings.DEFAULTS), events);
    assertThat(found).filteredOn(f -> f.hit().indicatorValue().equals("pbxphonenetwork.com")).singleElement()
        .satisfies(f -> assertThat(f.evidence().get(0).value()).contains("scored over its own active time, 2023-03-27T00:00:00Z to "));
    // as often as random series of a one-day hunt pass (random 24-connection series: about 4 % in the test above)
    assertThat(found).filteredOn(f -> f.hit().indicatorValue().equals("busy.example")).hasSizeLessThanOrEqualTo(series / 20);
    assertThat(found).filteredOn(f -> f.hit().indicatorValue().equals("daily.example")).hasSizeLessThanOrEqualTo(series / 10);
  }

  /**
   * A hunt of more than a day scores a series active in less than half of it once more over its own active time. A
   * series too short to be reported whenever its times fall (four connections) is ruled out before its times are
   * grouped, and must be ruled out of that second scoring too: the hunt of Zeek's sample logs, and any hunt whose last
   * series was such, failed there reading the grouped times past their end.
   */
  @Test
  void aSeriesTooShortToReport_isNotScoredAgainOverItsActiveTime_inAHuntOfSeveralDays() {
    List<TelemetryEvent> events = new ArrayList<>();
    for (int i = 0; i < 24 * 8; i++) events.add(conn(START.plusSeconds(3600L * i), "10.20.1.11", "203.0.113.9", 512));
    // the last series made: four connections within an hour of a hunt of eight days
    for (int i = 0; i < 4; i++) events.add(conn(START.plusSeconds(86_400L + 900L * i), "10.20.1.12", "198.51.100.7", 100));
    events.sort(java.util.Comparator.comparing(TelemetryEvent::time));

    List<Finding> found = run(new BeaconDetector(BeaconSettings.DEFAULTS), events);

    assertThat(found).extracting(f -> f.hit().indicatorValue()).containsExactly("203.0.113.9");
  }

  /**
   * Most pairs of a busy network are seen once. First come, first served, they filled the series table before a
   * series that begins late came (an implant that starts calling home late), and it was refused. The table's last
   * quarter now goes to pairs seen twice: the one-off pairs beyond three quarters are left out, the late beacon is not.
   */
  @Test
  void aTableFullOfOneOffPairs_stillTakesASeriesThatBeginsLate() {
    List<TelemetryEvent> events = new ArrayList<>();
    // more one-off pairs than the detector remembers (eight per series: it forgets them all several times)
    for (int k = 0; k < 3000; k++) {
      events.add(conn(START.plusSeconds(6L * k), "10.20.1.11", "198.18." + (k / 250) + "." + (k % 250 + 1), 100));
    }
    for (int i = 0; i < 1000; i++) events.add(conn(START.plusSeconds(18_000 + 60L * i), "10.20.1.12", "203.0.113.9", 512));
    BeaconDetector d = BeaconDetector.bounded(BeaconSettings.DEFAULTS, 100, 100_000);
    List<Finding> found = run(d, events);
    assertThat(found).extracting(f -> f.hit().indicatorValue()).containsExactly("203.0.113.9");
    // 75 one-off pairs made series; the other 2,925 and the beacon's first connection were left out
    assertThat(d.dropped()).isEqualTo(2925 + 1);
    assertThat(found.get(0).count()).isEqualTo(999);
  }

  @Test
  void randomHumanBrowsing_inBursts_scoresLow() {
    Random random = new Random(11);
    List<TelemetryEvent> events = new ArrayList<>();
    for (int hour : new int[] {9, 10, 14, 16}) {
      int burst = 3 + random.nextInt(20);
      for (int i = 0; i < burst; i++) {
        events.add(conn(START.plusSeconds(hour * 3600L + random.nextInt(3600)), "10.20.1.11", "198.51.100.8",
            (long) Math.exp(5 + random.nextGaussian() * 2)));
      }
    }
    // the rest of the day has other traffic, so the span is the whole day
    events.add(conn(START, "10.20.1.12", "198.51.100.9", 1));
    events.add(conn(START.plusSeconds(86_399), "10.20.1.12", "198.51.100.9", 1));
    events.sort((a, b) -> a.time().compareTo(b.time()));
    BeaconScore s = score(events, "10.20.1.11", "198.51.100.8");
    assertThat(s.score()).isLessThan(0.5);
    assertThat(run(new BeaconDetector(BeaconSettings.DEFAULTS), events)).isEmpty();
  }

  /**
   * Series are scored on several threads, a block at a time: across many blocks every beacon is still reported once,
   * in the order its series began, and nothing else.
   */
  @Test
  void manySeries_scoredOnSeveralThreads_reportEachBeaconOnceInOrder() {
    BeaconDetector d = new BeaconDetector(BeaconSettings.DEFAULTS);
    List<TelemetryEvent> events = new ArrayList<>();
    List<String> beacons = new ArrayList<>();
    for (int k = 0; k < 5_000; k++) {
      String destination = "203.0." + (k / 250) + "." + (k % 250);
      if (k % 337 == 0 || k == 4_999) {
        beacons.add(destination);
        for (int i = 0; i < 24; i++) events.add(conn(START.plusSeconds(3600L * i + k), "10.20.1.11", destination, 512));
      } else {
        events.add(conn(START.plusSeconds(k), "10.20.1.11", destination, 512));
        events.add(conn(START.plusSeconds(k + 7), "10.20.1.11", destination, 512));
      }
    }
    // the series begin in the order of their first connection in the events
    events.sort(java.util.Comparator.comparing(TelemetryEvent::time));
    List<String> firstSeen = new ArrayList<>();
    for (TelemetryEvent e : events) {
      if (beacons.contains(e.destinationAddress()) && !firstSeen.contains(e.destinationAddress())) firstSeen.add(e.destinationAddress());
    }
    List<Finding> found = run(d, events);
    assertThat(found).extracting(f -> f.hit().indicatorValue()).containsExactlyElementsOf(firstSeen);
  }

  /** Told ahead how much a hunt reads, the detector sizes its tables at once; what it finds is the same. */
  @Test
  void aTableSizedAhead_findsWhatAGrownOneFinds() {
    List<TelemetryEvent> events = new ArrayList<>();
    Random r = new Random(3);
    for (int k = 0; k < 3_000; k++) {
      String destination = "198.51." + (k / 200) + "." + (k % 200);
      int connections = k % 97 == 0 ? 24 : 1 + r.nextInt(3);
      for (int i = 0; i < connections; i++) {
        events.add(conn(START.plusSeconds(k % 97 == 0 ? 3600L * i + k : r.nextInt(86_400)), "10.20.1." + (k % 7), destination, 512));
      }
    }
    events.sort(java.util.Comparator.comparing(TelemetryEvent::time));
    BeaconDetector sized = BeaconDetector.bounded(BeaconSettings.DEFAULTS, 2_000, 100_000);
    sized.expect(1L << 40);
    List<Finding> found = run(sized, events);
    assertThat(found).isNotEmpty().isEqualTo(run(BeaconDetector.bounded(BeaconSettings.DEFAULTS, 2_000, 100_000), events));
    assertThat(sized.dropped()).isPositive();
    // told again once series exist, it keeps them
    BeaconDetector late = BeaconDetector.bounded(BeaconSettings.DEFAULTS, 2_000, 100_000);
    for (TelemetryEvent e : events.subList(0, 100)) late.inspect(e, h -> { });
    late.expect(1L << 40);
    assertThat(run(late, events.subList(100, events.size()))).isEqualTo(found);
  }

  @Test
  void threeConnections_areTooFewToScore_evenPerfectlyRegular() {
    BeaconSettings anyScore = new BeaconSettings(0, 0, 0, 4);
    List<TelemetryEvent> events = periodic("10.20.1.11", "203.0.113.9").subList(0, 3);
    assertThat(run(new BeaconDetector(anyScore), events)).isEmpty();
    List<TelemetryEvent> four = periodic("10.20.1.11", "203.0.113.9").subList(0, 4);
    List<Finding> found = run(new BeaconDetector(anyScore), four);
    assertThat(found).hasSize(1);
    // regular, but four connections in three minutes neither fill the span nor last: 0.5, not reported by default
    assertThat(found.get(0).evidence().get(0).value()).startsWith("score 0.50 (timing 1.00, dispersion 1.00, size 1.00, histogram 0.00, duration 0.00)");
    assertThat(run(new BeaconDetector(BeaconSettings.DEFAULTS), four)).isEmpty();
  }

  @Test
  void minimumConnections_isConfigurable() {
    List<TelemetryEvent> events = periodic("10.20.1.11", "203.0.113.9").subList(0, 10);
    assertThat(run(new BeaconDetector(new BeaconSettings(0.7, 0.6, 0.5, 11)), events)).isEmpty();
    assertThat(run(new BeaconDetector(new BeaconSettings(0.7, 0.6, 0.5, 10)), events)).hasSize(1);
  }

  @Test
  void threshold_isConfigurable() {
    // an hour of 60 s beacons in a day of traffic: regular, but not spread over the day
    List<TelemetryEvent> events = new ArrayList<>(periodic("10.20.1.11", "203.0.113.9").subList(0, 60));
    events.add(conn(START.plusSeconds(86_399), "10.20.1.12", "198.51.100.9", 1));
    double score = score(events, "10.20.1.11", "203.0.113.9").score();
    assertThat(score).isBetween(0.5, 0.7);
    assertThat(run(new BeaconDetector(BeaconSettings.DEFAULTS), events)).isEmpty();
    assertThat(run(new BeaconDetector(new BeaconSettings(0.5, 0.6, 0.5, 4)), events)).hasSize(1);
  }

  /**
   * A hunt rules most series out on their timing before scoring the rest of them; what it reports must be exactly the
   * series whose whole score passes both thresholds.
   */
  @Test
  void seriesRuledOutOnTiming_areExactlyThoseTheWholeScoreRulesOut() {
    Random random = new Random(3);
    List<TelemetryEvent> events = new ArrayList<>();
    List<String[]> pairs = new ArrayList<>();
    for (int p = 0; p < 400; p++) {
      String source = "10.20." + (p / 200) + "." + (p % 200 + 1);
      String destination = "203.0.113." + (p % 250 + 1);
      pairs.add(new String[] {source, destination});
      double jitter = random.nextDouble();
      int n = 4 + random.nextInt(60);
      double t = random.nextInt(3600);
      for (int i = 0; i < n && t < 86_400; i++) {
        long bytes = random.nextInt(3) == 0 ? 512 : 100 + random.nextInt(2000);
        TelemetryEvent e = p % 2 == 0 ? conn(START.plusMillis((long) (t * 1000)), source, destination, bytes)
            : ssl(START.plusMillis((long) (t * 1000)), source, "c2-" + p + ".example");
        events.add(e);
        t += p % 3 == 0 ? -Math.log(1 - random.nextDouble()) * 900 : 900 * (1 - jitter * random.nextDouble());
      }
    }
    events.sort(java.util.Comparator.comparing(TelemetryEvent::time));
    for (BeaconSettings settings : List.of(BeaconSettings.DEFAULTS, new BeaconSettings(0.85, 0.0, 0.0, 4),
        new BeaconSettings(0.5, 0.8, 0.7, 6), new BeaconSettings(0.5, 0.0, 0.6, 4), new BeaconSettings(0.0, 0.0, 0.0, 4))) {
      BeaconDetector d = new BeaconDetector(settings);
      List<String> found = new ArrayList<>();
      for (Finding f : run(d, events)) found.add(f.representative().sourceAddress() + " " + f.hit().indicatorValue());
      List<String> expected = new ArrayList<>();
      for (int p = 0; p < pairs.size(); p++) {
        String destination = p % 2 == 0 ? pairs.get(p)[1] : "c2-" + p + ".example";
        BeaconScore s = d.score(pairs.get(p)[0], destination);
        if (s != null && s.score() >= settings.threshold() && s.timing() >= settings.minimumTiming()
            && s.dispersion() >= settings.minimumDispersion()) {
          expected.add(pairs.get(p)[0] + " " + destination);
        }
      }
      assertThat(found).as(settings.describe()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(expected).as("some reported, some not: " + settings.describe()).isNotEmpty().hasSizeLessThan(
          settings.threshold() == 0 ? 401 : 400);
    }
  }

  @Test
  void internalDestinations_areNotSeries_butNamesAre() {
    List<TelemetryEvent> events = new ArrayList<>(periodic("10.20.1.11", "10.20.0.1"));
    for (int i = 0; i < 1440; i++) events.add(ssl(START.plusSeconds(60L * i), "10.20.1.11", "pbxsources.com"));
    List<Finding> found = run(new BeaconDetector(BeaconSettings.DEFAULTS), events);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).hit().indicatorType()).isEqualTo("hostname");
    assertThat(found.get(0).hit().indicatorValue()).isEqualTo("pbxsources.com");
    assertThat(found.get(0).evidence().get(0).value()).contains("size n/a").contains("mean interval 60.0 s");
  }

  @Test
  void isPublic_excludesPrivateLoopbackLinkLocalAndMulticast() {
    assertThat(BeaconDetector.isPublic("203.0.113.9")).isTrue();
    assertThat(BeaconDetector.isPublic("2001:db8::1")).isTrue();
    for (String a : new String[] {"10.1.2.3", "172.16.0.1", "172.31.255.1", "192.168.1.1", "127.0.0.1", "169.254.1.1",
        "224.0.0.251", "100.64.0.1", "fe80::1", "fd00::1", "::1"}) {
      assertThat(BeaconDetector.isPublic(a)).as(a).isFalse();
    }
    assertThat(BeaconDetector.isPublic("172.32.0.1")).isTrue();
  }

  @Test
  void bowleySkew_ofSkewedIntervals_lowersTheSkewScore() {
    double[] sorted = {10, 11, 12, 13, 14, 60, 61, 62, 300, 400, 800};
    BeaconScore.Regularity r = BeaconScore.Regularity.of(sorted);
    assertThat(r.median()).isEqualTo(60);
    assertThat(r.skew()).isGreaterThan(0.5);
    assertThat(r.skewScore()).isLessThan(0.5);
  }

  /** The score of one series after reading all the events. */
  private static TelemetryEvent http(Instant t, String source, String host, long body) {
    return new TelemetryEvent("zeek.http", t, source, 50000, "203.0.113.9", 80, null,
        Map.of("id.orig_h", source, "host", host, "request_body_len", Long.toString(body)), "http.log", 1);
  }

  /**
   * Zeek's http log gives a request's body length only, 0 for every GET: a series of GETs has no size to score (the
   * same size every time would be the best size score, and irregular browsing would pass as a beacon on it). Its score
   * is that of its timing, histogram and duration, as for TLS; requests with bodies keep their size part.
   */
  @Test
  void httpRequestsWithoutBodies_haveNoSize_whileBodiesKeepTheirs() {
    Random random = new Random(11);
    List<TelemetryEvent> gets = new ArrayList<>();
    List<TelemetryEvent> posts = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 40; i++) {
      t += 600 + random.nextInt(1800); // somewhat irregular: 10 to 40 minutes
      gets.add(http(START.plusSeconds(t), "10.20.1.11", "cdn.example.net", 0));
      posts.add(http(START.plusSeconds(t), "10.20.1.12", "cdn.example.net", 512));
    }
    BeaconScore get = score(gets, "10.20.1.11", "cdn.example.net");
    BeaconScore post = score(posts, "10.20.1.12", "cdn.example.net");
    assertThat(get.size()).isEqualTo(-1);
    assertThat(get.medianSize()).isEqualTo(-1);
    assertThat(get.score()).isCloseTo((get.timing() + get.histogram() + get.duration()) / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(post.size()).isEqualTo(1.0);
    assertThat(post.medianSize()).isEqualTo(512);
    assertThat(get.timing()).isEqualTo(post.timing());
    assertThat(get.score()).as("no best size score for GETs").isLessThan(post.score());

    // the same through the scan's batches
    ConnectionBatch b = new ConnectionBatch("http.log");
    byte[] key = "10.20.1.11 cdn.example.net".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i < gets.size(); i++) {
      b.add(ConnectionBatch.HTTP, key, 0, 10, 11, key.length, -1, -1, 50000, 80, gets.get(i).time().getEpochSecond(), 0, 0,
          i + 1);
    }
    BeaconDetector replayed = new BeaconDetector(BeaconSettings.DEFAULTS);
    replayed.connections(b, 0, b.size());
    assertThat(replayed.score("10.20.1.11", "cdn.example.net")).isEqualTo(get);
  }

  /** A GET every hour, as the 3CX implant fetched its icon files, is still a beacon without a size. */
  @Test
  void hourlyGets_areABeacon() {
    List<TelemetryEvent> events = new ArrayList<>();
    for (int i = 0; i < 24; i++) events.add(http(START.plusSeconds(3600L * i + i % 3), "10.20.1.11", "update.example.net", 0));
    List<Finding> found = run(new BeaconDetector(BeaconSettings.DEFAULTS), events);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).hit().level()).isEqualTo("high");
    assertThat(found.get(0).evidence().get(0).value()).startsWith("score 1.00 (timing 1.00, dispersion 1.00, size n/a, histogram 1.00, duration 1.00)");
  }

  private static BeaconScore score(List<TelemetryEvent> events, String source, String destination) {
    BeaconDetector d = new BeaconDetector(BeaconSettings.DEFAULTS);
    for (TelemetryEvent e : events) d.inspect(e, h -> { });
    BeaconScore s = d.score(source, destination);
    assertThat(s).isNotNull();
    return s;
  }
}
