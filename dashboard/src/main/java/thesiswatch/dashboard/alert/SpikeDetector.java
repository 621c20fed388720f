package thesiswatch.dashboard.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds spikes in a series of per-period counts: a period spikes when its count is at least the
 * rule's minimum, at least the minimum ratio of the trailing baseline mean, and improbable under a
 * Poisson distribution with that mean. The mean of a few trailing periods is itself uncertain, so
 * the Poisson test uses its upper bound (mean + 2 standard errors): a quiet fortnight must not make
 * an ordinary day look like a spike. An alert is raised on the rising edge only (the period before
 * did not spike), never within the cooldown of an earlier alert, and never for a period that
 * already alerted — so evaluating the same series again (a restart, a replay) raises nothing new.
 *
 * <p>Pure: no clock, no I/O. What has already fired is passed in.
 */
public final class SpikeDetector {

  private final SpikeRule rule;

  /** A detector applying {@code rule}. */
  public SpikeDetector(SpikeRule rule) {
    this.rule = rule;
  }

  /**
   * The new alerts in a series.
   *
   * @param theme the theme id
   * @param granularity {@code hour} or {@code day}
   * @param firstStart start of the period of {@code counts[0]}
   * @param width period length
   * @param counts counts per consecutive period; the first {@code baselinePeriods} serve only as
   *     baseline
   * @param fired the starts of periods that already alerted for this theme and granularity
   * @param detected the detection time stamped on new alerts
   */
  public List<Alert> detect(
      String theme,
      String granularity,
      Instant firstStart,
      Duration width,
      long[] counts,
      List<Instant> fired,
      Instant detected) {
    List<Alert> alerts = new ArrayList<>();
    List<Instant> firedSoFar = new ArrayList<>(fired);
    boolean previousSpiked = false;
    for (int i = rule.baselinePeriods(); i < counts.length; i++) {
      double baseline = mean(counts, i - rule.baselinePeriods(), i);
      double upper = baseline + 2 * Math.sqrt(baseline / rule.baselinePeriods());
      double p = poissonTail(counts[i], Math.max(upper, SpikeRule.BASELINE_FLOOR));
      boolean spiked = isSpike(counts[i], baseline, p);
      Instant start = firstStart.plus(width.multipliedBy(i));
      if (spiked && !previousSpiked && !cooling(start, firedSoFar)) {
        double ratio = counts[i] / Math.max(baseline, SpikeRule.BASELINE_FLOOR);
        alerts.add(
            new Alert(
                Alert.idOf(theme, granularity, start),
                theme,
                granularity,
                start,
                start.plus(width),
                counts[i],
                round(baseline),
                round(ratio),
                p,
                detected,
                Alert.historical(start, start.plus(width), detected)));
        firedSoFar.add(start);
      }
      previousSpiked = spiked;
    }
    return alerts;
  }

  /**
   * Whether {@code count} against {@code baseline} (with tail probability {@code p}) is a spike.
   */
  boolean isSpike(long count, double baseline, double p) {
    return count >= rule.minCount()
        && count >= rule.minRatio() * Math.max(baseline, SpikeRule.BASELINE_FLOOR)
        && p <= rule.maxP();
  }

  private boolean cooling(Instant start, List<Instant> fired) {
    Predicate<Instant> near =
        f -> Duration.between(f, start).abs().compareTo(rule.cooldown()) < 0 || f.equals(start);
    return fired.stream().anyMatch(near);
  }

  private static double mean(long[] counts, int from, int to) {
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += counts[i];
    }
    return (double) sum / (to - from);
  }

  /** P(X ≥ k) for X ~ Poisson(λ), summed in log space so that tiny tails stay accurate. */
  static double poissonTail(long k, double lambda) {
    if (k <= 0) {
      return 1.0;
    }
    double logLambda = Math.log(lambda);
    // log P(X = k) = -λ + k log λ - log k!
    double logTerm = -lambda;
    for (long i = 1; i <= k; i++) {
      logTerm += logLambda - Math.log(i);
    }
    double sum = 0;
    double term = Math.exp(logTerm);
    for (long i = k; term > sum * 1e-17 || i < k + 1; i++) {
      sum += term;
      term *= lambda / (i + 1);
      if (i > k + 10_000) {
        break;
      }
    }
    return Math.min(1.0, sum);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
