package thesiswatch.dashboard.score;

/**
 * A signal's estimate with its 95% interval, and the two intervals the scorecard uses.
 *
 * @param estimate the point estimate
 * @param low the lower end of the 95% interval
 * @param high the upper end of the 95% interval
 */
public record Estimate(double estimate, double low, double high) {

  /** The standard normal quantile of a two-sided 95% interval. */
  static final double Z95 = 1.959963984540054;

  /**
   * The share {@code successes / n} with its Wilson score interval: unlike the normal
   * approximation, it stays inside 0..1 and behaves for small counts and shares near 0 or 1.
   *
   * @throws IllegalArgumentException when {@code n} is 0 or the counts are inconsistent
   */
  public static Estimate wilson(long successes, long n) {
    if (n <= 0 || successes < 0 || successes > n) {
      throw new IllegalArgumentException(
          "a share needs 0 ≤ successes ≤ n, n > 0: " + successes + "/" + n);
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    // Clamped so that rounding never puts the estimate outside its own interval (p = 1 gave
    // 0.999…).
    return new Estimate(
        p, Math.min(p, Math.max(0, centre - half)), Math.max(p, Math.min(1, centre + half)));
  }

  /**
   * The rate ratio {@code (a / n) / (b / m)} of a share in a window against the share in a
   * baseline, with the log-normal 95% interval ({@code exp(ln RR ± z·√(1/a − 1/n + 1/b − 1/m))}).
   * When {@code a} or {@code b} is 0, the interval adds one half to both counts (Haldane), so that
   * it stays finite; so does the estimate when {@code b} is 0, which would be infinite.
   *
   * @throws IllegalArgumentException when a window has no articles at all or the baseline share is
   *     0 with nothing to compare ({@code b = 0} and {@code a = 0})
   */
  public static Estimate rateRatio(long a, long n, long b, long m) {
    if (n <= 0 || m <= 0 || a < 0 || b < 0 || a > n || b > m) {
      throw new IllegalArgumentException("a rate ratio needs 0 ≤ a ≤ n, 0 ≤ b ≤ m, n, m > 0");
    }
    if (a == 0 && b == 0) {
      throw new IllegalArgumentException(
          "a rate ratio needs articles of the theme in one window at least");
    }
    double ca = a;
    double cb = b;
    if (a == 0 || b == 0) {
      ca += 0.5;
      cb += 0.5;
    }
    double logRatio = Math.log((ca / n) / (cb / m));
    double ratio = b == 0 ? Math.exp(logRatio) : ((double) a / n) / ((double) b / m);
    double se = Math.sqrt(Math.max(0, 1 / ca - 1.0 / n + 1 / cb - 1.0 / m));
    return new Estimate(ratio, Math.exp(logRatio - Z95 * se), Math.exp(logRatio + Z95 * se));
  }

  /** How the interval reads against {@code threshold}. */
  public Reading against(double threshold) {
    if (low > threshold) {
      return Reading.ABOVE;
    }
    if (high < threshold) {
      return Reading.BELOW;
    }
    return Reading.STRADDLES;
  }

  /** Where a 95% interval lies with respect to a threshold. */
  public enum Reading {
    /** The whole interval lies above the threshold. */
    ABOVE,
    /** The whole interval lies below the threshold. */
    BELOW,
    /** The interval contains the threshold. */
    STRADDLES
  }
}
