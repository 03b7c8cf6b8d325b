package io.chainwatch.hunt.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A beacon's explanation prints its numbers exactly as {@code String.format("%.2f")} would, without the formatter; and
 * scoring floors times and bin places as {@code Math.floor} does, without its slow path on the quick compiler.
 */
class BeaconScoreFormatTest {
  @Test
  void fixedIsTheFormattersText() {
    Random random = new Random(3);
    double[] special = {0, -0.0, 0.005, 0.015, 0.125, 1.005, 2.675, -0.001, -0.005, 0.995, 9.995, 99.995, 1e-7, 1e7,
        123456789.125, 3599.95, 0.045, -0.045, 1.0 / 3, 2.0 / 3, Double.MIN_VALUE, 1e300, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double x : special) same(x);
    for (int i = 0; i < 100_000; i++) {
      same(random.nextDouble());
      same(random.nextDouble() * 2 - 1);
      same(random.nextDouble() * 100_000);
      same(Math.round(random.nextDouble() * 100_000) / 1000.0 + 0.0005); // ties in the third decimal
      same(random.nextInt(100_000) / 200.0); // ties in the second
    }
  }

  @Test
  void floorIsMathFloor_forTimesAndBinPlaces() {
    Random random = new Random(5);
    double[] special = {0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 1679443200.0, 1679443200.999999, -1679443200.25,
        23.999999999, 24.0, Math.nextDown(1.0), Math.nextUp(-1.0), 4.5e15, -4.5e15};
    for (double x : special) assertThat(BeaconScore.floor(x)).as("%s", x).isEqualTo(Math.floor(x) + 0.0);
    for (int i = 0; i < 200_000; i++) {
      double x = (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(16));
      assertThat(BeaconScore.floor(x)).as("%s", x).isEqualTo(Math.floor(x) + 0.0);
    }
  }

  private static void same(double x) {
    for (int places : new int[] {1, 2}) {
      assertThat(BeaconScore.fixed(x, places)).as("%s to %d places", x, places)
          .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", x));
    }
  }
}
