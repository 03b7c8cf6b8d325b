package io.chainwatch.hunt.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A hunt rules series out on their count alone ({@link BeaconScore.Spread#most}) before it sorts their times: that
 * bound must hold for every way the times can fall, or a beacon would go unreported.
 */
class BeaconSpreadTest {
  @Test
  void noSeriesSpreadsFurtherThanItsCountAllows() {
    Random random = new Random(3);
    double span = 86_400;
    for (int round = 0; round < 50_000; round++) {
      int n = 1 + random.nextInt(30);
      double[] times = new double[n];
      int form = random.nextInt(3);
      for (int i = 0; i < n; i++) {
        // anywhere; one per bin, as evenly as can be; or in a few bins
        times[i] = form == 0 ? random.nextDouble() * span
            : form == 1 ? (i * span / n) + random.nextDouble() * (span / n) * 0.1 : random.nextInt(3) * 3600 + i;
      }
      Arrays.sort(times);
      BeaconScore.Spread spread = BeaconScore.Spread.of(times, 0, span);
      BeaconScore.Spread most = BeaconScore.Spread.most(n);
      assertThat(spread.histogram()).as("%d times: %s", n, Arrays.toString(times)).isLessThanOrEqualTo(most.histogram());
      assertThat(spread.duration()).as("%d times: %s", n, Arrays.toString(times)).isLessThanOrEqualTo(most.duration());
    }
  }

  @Test
  void theBoundIsTight_aDozenEvenTimesSpreadAsFarAsCanBe() {
    double[] twelve = new double[12];
    for (int i = 0; i < 12; i++) twelve[i] = i * 7200 + 60;
    // every other bin: bimodal (two count levels), and lasting the whole span
    BeaconScore.Spread spread = BeaconScore.Spread.of(twelve, 0, 86_400);
    assertThat(spread.histogram()).isEqualTo(1.0);
    assertThat(spread.duration()).isGreaterThan(0.9);
    assertThat(BeaconScore.Spread.most(5).duration()).isZero();
    assertThat(BeaconScore.Spread.most(10).histogram()).isZero();
  }
}
