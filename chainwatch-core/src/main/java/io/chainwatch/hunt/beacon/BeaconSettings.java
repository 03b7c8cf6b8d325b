package io.chainwatch.hunt.beacon;

/**
 * When a connection series is reported as a beacon.
 *
 * @param threshold the least overall score reported, 0 to 1 (RITA shows 0.5 and up, calls 0.7 low)
 * @param minimumTiming the least timing score reported: a series whose intervals are irregular is no beacon however
 *     evenly it spreads over the day (steady human or background traffic scores high on spread alone)
 * @param minimumDispersion the least dispersion score of the intervals, (median − MAD) / median: 0.5 asks that the
 *     intervals' median absolute deviation be at most half their median. RITA has no such floor, and its timing score
 *     (the mean of this and a skew score) let random (Poisson) traffic through for 10 to 29 % of series of 12 to 96
 *     connections, because a skew score near 1 is common by chance; random intervals have a dispersion score of about
 *     0.3, a beacon with uniform jitter of ±j of its period 1 − j/2 (an implant that sleeps its period less up to 99 %
 *     of it: at least 0.5)
 * @param minimumConnections the least number of distinct connection times (RITA: 4)
 */
public record BeaconSettings(double threshold, double minimumTiming, double minimumDispersion, int minimumConnections) {
  public static final BeaconSettings DEFAULTS = new BeaconSettings(0.7, 0.6, 0.5, 4);

  public BeaconSettings {
    if (threshold < 0 || threshold > 1) throw new IllegalArgumentException("the beacon threshold must be between 0 and 1");
    if (minimumTiming < 0 || minimumTiming > 1) throw new IllegalArgumentException("the timing threshold must be between 0 and 1");
    if (minimumDispersion < 0 || minimumDispersion > 1) {
      throw new IllegalArgumentException("the dispersion threshold must be between 0 and 1");
    }
    if (minimumConnections < 4) throw new IllegalArgumentException("a beacon needs at least 4 connections");
  }

  /** As a hunt records them: {@code threshold 0.7, min-timing 0.6, min-dispersion 0.5, min-connections 4}. */
  public String describe() {
    return "threshold " + threshold + ", min-timing " + minimumTiming + ", min-dispersion " + minimumDispersion
        + ", min-connections " + minimumConnections;
  }
}
