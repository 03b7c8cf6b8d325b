package io.chainwatch.hunt.beacon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dispersion score's median deviation is found by merging, not by sorting the deviations: it must give the very
 * value the sort gave, bit for bit, or a series at a threshold would score differently.
 */
class BeaconMedianDeviationTest {
  @Test
  void theMergeGivesTheMedianOfTheSortedDeviations() {
    Random random = new Random(5);
    for (int round = 0; round < 100_000; round++) {
      int n = 1 + random.nextInt(40);
      double[] values = new double[n];
      int form = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        // intervals of jittered beacons, random traffic, a few repeated values, and sizes (whole numbers)
        values[i] = form == 0 ? 300 + random.nextGaussian() * 5 : form == 1 ? random.nextDouble() * 86_400
            : form == 2 ? random.nextInt(3) * 60 : random.nextInt(2_000);
      }
      Arrays.sort(values);
      double center = BeaconScore.median(values, 0, n);
      assertThat(BeaconScore.medianDeviation(values, center)).as(Arrays.toString(values))
          .isEqualTo(sortedMedianDeviation(values, center));
    }
  }

  @Test
  void aPerfectBeaconHasNoDeviation_andOneOutlierDoesNotMoveIt() {
    assertThat(BeaconScore.medianDeviation(new double[] {60, 60, 60, 60}, 60)).isZero();
    assertThat(BeaconScore.medianDeviation(new double[] {58, 60, 60, 61, 900}, 60)).isEqualTo(1);
    assertThat(BeaconScore.medianDeviation(new double[] {42}, 42)).isZero();
  }

  /** The median deviation as scoring computed it before: every deviation, sorted. */
  private static double sortedMedianDeviation(double[] sorted, double center) {
    double[] deviations = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) deviations[i] = Math.abs(sorted[i] - center);
    Arrays.sort(deviations);
    return BeaconScore.median(deviations, 0, deviations.length);
  }
}
