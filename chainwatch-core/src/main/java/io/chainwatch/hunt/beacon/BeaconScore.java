package io.chainwatch.hunt.beacon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;

/**
 * The score of one connection series, after RITA v5 ({@code analysis/beacons.go}); each part is 0 to 1.
 *
 * <ul>
 *   <li>timing: the intervals between distinct connection times; the mean of a skew score (1 − |Bowley skew|, the
 *       skew taken as 0 when the quartiles are less than 10 s apart or the median equals a quartile) and a
 *       dispersion score ((median − MAD) / median, at least 0);
 *   <li>size: the same two measures over bytes sent per connection; absent when the log carries no sizes (nor does an
 *       HTTP request without a body), and the other parts then weigh a third each;
 *   <li>histogram: the hunt's span cut into 24 bins; the larger of a flatness score (1 − coefficient of variation of
 *       the bin counts, 0 above 1) and a bimodality score (how many bins share the two most common count levels,
 *       levels 5 % of the largest count wide, once 11 bins are active), for jobs that run twice as often at night;
 *   <li>duration: once 6 bins are active, the larger of the series' share of the span and its longest run of
 *       consecutive active bins (wrapping) over 12.
 * </ul>
 *
 * @param dispersion the timing's dispersion score alone, (median − MAD) / median of the intervals
 * @param meanInterval seconds; {@code jitter} is the intervals' median absolute deviation, seconds
 * @param medianSize bytes, or -1 without sizes; {@code sizeJitter} its MAD
 */
public record BeaconScore(double score, double timing, double dispersion, double size, double histogram, double duration, int connections,
    double meanInterval, double medianInterval, double jitter, double skew, long medianSize, long sizeJitter, int activeBins) {
  static final int BINS = 24;

  /**
   * @param times distinct connection times, epoch seconds, ascending, at least 4
   * @param sizes bytes per connection, or an empty array when unknown
   * @param spanStart the hunt's first connection time, epoch seconds; {@code spanEnd} its last
   */
  public static BeaconScore of(double[] times, long[] sizes, double spanStart, double spanEnd) {
    int n = times.length;
    Regularity t = Regularity.of(deltas(times));
    double timing = t.score();

    double size = -1;
    long medianSize = -1;
    long sizeJitter = -1;
    if (sizes.length > 0) {
      double[] s = new double[sizes.length];
      for (int i = 0; i < s.length; i++) s[i] = sizes[i];
      Arrays.sort(s);
      Regularity r = Regularity.of(s);
      size = r.score();
      medianSize = Math.round(r.median());
      sizeJitter = Math.round(r.mad());
    }

    Spread spread = Spread.of(times, spanStart, spanEnd);
    double histogram = spread.histogram();
    double duration = spread.duration();
    double score = size < 0 ? (timing + histogram + duration) / 3 : (timing + size + histogram + duration) / 4;
    double mean = (times[n - 1] - times[0]) / (n - 1);
    return new BeaconScore(score, timing, t.madScore(), size, histogram, duration, n, mean, t.median(), t.mad(), t.skew(), medianSize,
        sizeJitter, spread.activeBins());
  }

  /**
   * The best score a series can reach with this timing score (1 when not yet known) and perfectly regular sizes: its
   * spread over the span bounds it. Most series of a busy network are a few connections in a few hours; a hunt rules
   * them out on this, which costs no sorting, before it scores their timing.
   *
   * @param sized whether the series has sizes (they count for a quarter, else the parts weigh a third each)
   */
  public static double best(Spread spread, boolean sized, double timing) {
    // summed in the order of() sums its parts, so that rounding cannot put the bound below the real score
    return sized ? (timing + 1.0 + spread.histogram() + spread.duration()) / 4 : (timing + spread.histogram() + spread.duration()) / 3;
  }

  /**
   * How a series spreads over the hunt's span: the histogram and duration parts of the score.
   *
   * @param activeBins how many of the {@link #BINS} parts of the span have a connection
   */
  public record Spread(double histogram, double duration, int activeBins) {
    /**
     * The best spread {@code times} distinct connection times can have, whenever they fall: the histogram part is 0
     * below 11 (fewer than 13 bins active leave the bin counts' coefficient of variation at 1 or more, and bimodality
     * asks for 11 active bins), the duration part 0 below 6 active bins. Most series of a busy network are a handful
     * of connections: a hunt rules them out on their count alone, before it groups and sorts their times.
     */
    public static Spread most(long times) {
      return new Spread(times >= 11 ? 1 : 0, times >= 6 ? 1 : 0, (int) Math.min(BINS, times));
    }

    /** @param times distinct connection times, epoch seconds, ascending, at least one */
    public static Spread of(double[] times, double spanStart, double spanEnd) {
      int n = times.length;
      double span = spanEnd - spanStart;
      int[] bins = new int[BINS];
      for (double time : times) {
        int b = span <= 0 ? 0 : (int) Math.min(BINS - 1, floor((time - spanStart) * BINS / span));
        bins[Math.max(0, b)]++;
      }
      int active = 0;
      int largest = 0;
      for (int c : bins) {
        if (c > 0) active++;
        largest = Math.max(largest, c);
      }
      double histogram = Math.max(flatness(bins), active >= 11 ? bimodality(bins, largest) : 0);
      double duration = 0;
      if (active >= 6) {
        double coverage = span <= 0 ? 0 : (times[n - 1] - times[0]) / span;
        duration = Math.min(1, Math.max(coverage, longestRun(bins) / 12.0));
      }
      return new Spread(histogram, duration, active);
    }
  }

  /**
   * The timing part of {@link #of}'s score alone ({@link Regularity#score()}, its dispersion {@link
   * Regularity#madScore()}). Most series of a busy network are irregular: a hunt rules them out on this (they could
   * reach neither the timing thresholds nor the overall one) before it scores their sizes.
   */
  static Regularity timing(double[] times) {
    return Regularity.of(deltas(times));
  }

  /**
   * {@code Math.floor(x)} for the times and bin places scored here (well within a long): the quick compiler (C1), which
   * runs most hunts, has no intrinsic for {@code Math.floor} and calls {@code StrictMath}'s bit arithmetic, a sizeable
   * part of scoring hundreds of thousands of series.
   */
  static double floor(double x) {
    long whole = (long) x;
    return x < whole ? whole - 1 : whole;
  }

  /** The intervals between the times, sorted. */
  private static double[] deltas(double[] times) {
    double[] deltas = new double[times.length - 1];
    for (int i = 1; i < times.length; i++) deltas[i - 1] = times[i] - times[i - 1];
    Arrays.sort(deltas);
    return deltas;
  }

  /** Skew and dispersion of sorted values. */
  record Regularity(double skew, double skewScore, double median, double mad, double madScore) {
    /** The part of the score these values make: the mean of the skew and dispersion scores. */
    double score() {
      return (skewScore + madScore) / 2;
    }

    static Regularity of(double[] sorted) {
      int n = sorted.length;
      double q2 = BeaconScore.median(sorted, 0, n);
      double q1 = BeaconScore.median(sorted, 0, n / 2);
      double q3 = BeaconScore.median(sorted, (n + 1) / 2, n);
      double skew = 0;
      if (q3 - q1 >= 10 && q2 != q1 && q2 != q3) skew = (q1 + q3 - 2 * q2) / (q3 - q1);
      double mad = medianDeviation(sorted, q2);
      double madScore = q2 <= 0 ? (mad == 0 ? 1 : 0) : Math.max(0, (q2 - mad) / q2);
      return new Regularity(skew, 1 - Math.abs(skew), q2, mad, madScore);
    }
  }

  /**
   * The median of the distances of sorted values (at least one) from {@code center}, the same as sorting the distances
   * and taking their median, without the sort: the values below the center, read downwards, and those from it, read
   * upwards, give their distances in ascending order (a rounded difference keeps its operands' order), so merging the
   * two up to the middle finds it. Sorting the distances was half the timing score, which a hunt computes for every
   * series that may be reported.
   */
  static double medianDeviation(double[] sorted, double center) {
    int n = sorted.length;
    int below = 0; // the values below the center: sorted[0, below)
    int above = n;
    while (below < above) {
      int mid = (below + above) >>> 1;
      if (sorted[mid] < center) below = mid + 1;
      else above = mid;
    }
    int down = below - 1;
    int up = below;
    double previous = 0;
    double current = 0;
    for (int rank = 0; rank <= n / 2; rank++) {
      previous = current;
      double left = down >= 0 ? Math.abs(sorted[down] - center) : Double.POSITIVE_INFINITY;
      double right = up < n ? Math.abs(sorted[up] - center) : Double.POSITIVE_INFINITY;
      if (left <= right) {
        current = left;
        down--;
      } else {
        current = right;
        up++;
      }
    }
    return n % 2 == 1 ? current : (previous + current) / 2;
  }

  /** The median of sorted[from, to); the one value of a one-element range, 0 of an empty one. */
  static double median(double[] sorted, int from, int to) {
    int n = to - from;
    if (n <= 0) return from < sorted.length ? sorted[from] : sorted[sorted.length - 1];
    int mid = from + n / 2;
    return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double flatness(int[] bins) {
    double mean = 0;
    for (int c : bins) mean += c;
    mean /= bins.length;
    if (mean == 0) return 0;
    double variance = 0;
    for (int c : bins) variance += (c - mean) * (c - mean);
    double cv = Math.sqrt(variance / bins.length) / mean;
    return cv > 1 ? 0 : 1 - cv;
  }

  /** The share of bins (one outlier bin forgiven) whose counts fall in the two most common levels. */
  private static double bimodality(int[] bins, int largest) {
    int width = Math.max(1, (int) Math.ceil(largest * 0.05));
    int[] frequency = new int[largest / width + 1];
    for (int c : bins) frequency[c / width]++;
    Arrays.sort(frequency);
    int top = frequency[frequency.length - 1] + (frequency.length > 1 ? frequency[frequency.length - 2] : 0);
    return Math.min(1, top / (double) (bins.length - 1));
  }

  /** The longest run of active bins, wrapping from the last to the first. */
  private static int longestRun(int[] bins) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < 2 * bins.length; i++) {
      if (bins[i % bins.length] > 0) {
        run++;
        best = Math.max(best, Math.min(run, bins.length));
      } else {
        run = 0;
      }
    }
    return best;
  }

  /** One sentence for the analyst: what made the score. */
  public String explain() {
    StringBuilder s = new StringBuilder(200);
    s.append("score ").append(fixed(score, 2)).append(" (timing ").append(fixed(timing, 2)).append(", dispersion ")
        .append(fixed(dispersion, 2)).append(", ");
    s.append(size < 0 ? "size n/a" : "size " + fixed(size, 2));
    s.append(", histogram ").append(fixed(histogram, 2)).append(", duration ").append(fixed(duration, 2)).append("): ")
        .append(connections).append(" connections, mean interval ").append(seconds(meanInterval)).append(", median ")
        .append(seconds(medianInterval)).append(", jitter ").append(seconds(jitter)).append(" (MAD), skew ")
        .append(fixed(skew, 2));
    if (medianSize >= 0) s.append(", median size ").append(medianSize).append(" B (MAD ").append(sizeJitter).append(" B)");
    s.append(", active in ").append(activeBins).append(" of ").append(BINS).append(" parts of the span");
    return s.toString();
  }

  private static String seconds(double s) {
    return fixed(s, 1) + " s";
  }

  /**
   * {@code String.format(Locale.ROOT, "%.<places>f", x)}, the same text (Java rounds the shortest decimal form of the
   * double half up), without the formatter: a hunt explains thousands of beacons at its end, before the formatter's
   * code is compiled, and that took a tenth of the whole hunt.
   */
  static String fixed(double x, int places) {
    if (Double.isNaN(x) || Double.isInfinite(x)) return String.format(Locale.ROOT, "%." + places + "f", x);
    boolean negative = x < 0 || (x == 0 && 1 / x < 0);
    String shortest = Double.toString(Math.abs(x));
    if (shortest.indexOf('E') >= 0) {
      String digits = new BigDecimal(shortest).setScale(places, RoundingMode.HALF_UP).toPlainString();
      return negative ? "-" + digits : digits;
    }
    // the decimal digits rounded half up at the place asked for, by hand: BigDecimal's code is large, and compiling it
    // for a hunt's last half second cost more than the formatting
    int dot = shortest.indexOf('.');
    char[] digits = new char[dot + places];
    shortest.getChars(0, dot, digits, 0);
    int fraction = shortest.length() - dot - 1;
    for (int i = 0; i < places; i++) digits[dot + i] = i < fraction ? shortest.charAt(dot + 1 + i) : '0';
    boolean carry = places < fraction && shortest.charAt(dot + 1 + places) >= '5';
    for (int i = digits.length - 1; carry && i >= 0; i--) {
      if (digits[i] == '9') {
        digits[i] = '0';
      } else {
        digits[i]++;
        carry = false;
      }
    }
    StringBuilder out = new StringBuilder(digits.length + 3);
    if (negative) out.append('-');
    if (carry) out.append('1');
    out.append(digits, 0, dot);
    if (places > 0) out.append('.').append(digits, dot, places);
    return out.toString();
  }

}
