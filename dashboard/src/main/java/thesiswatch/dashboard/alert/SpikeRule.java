package thesiswatch.dashboard.alert;

import java.time.Duration;

/**
 * When a period's count is a spike.
 *
 * @param baselinePeriods trailing periods the baseline mean is taken from
 * @param minCount the count must be at least this
 * @param minRatio the count must be at least this many times the baseline mean (floored at {@link
 *     #BASELINE_FLOOR})
 * @param maxP the Poisson tail probability of the count given the baseline must be at most this
 * @param cooldown no second alert for the same theme and granularity within this time of one
 */
public record SpikeRule(
    int baselinePeriods, int minCount, double minRatio, double maxP, Duration cooldown) {

  /**
   * Smallest baseline mean a count is compared with: a theme never seen before needs more than a
   * handful of articles to count as spiking.
   */
  public static final double BASELINE_FLOOR = 1.0;

  public SpikeRule {
    if (baselinePeriods < 1) {
      throw new IllegalArgumentException(
          "baselinePeriods must be at least 1, got " + baselinePeriods);
    }
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
    }
    if (!(minRatio >= 1)) {
      throw new IllegalArgumentException("minRatio must be at least 1, got " + minRatio);
    }
    if (!(maxP > 0 && maxP < 1)) {
      throw new IllegalArgumentException("maxP must be in (0, 1), got " + maxP);
    }
    if (cooldown == null || cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative");
    }
  }
}
