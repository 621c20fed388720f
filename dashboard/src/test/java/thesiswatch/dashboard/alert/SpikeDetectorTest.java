package thesiswatch.dashboard.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import thesiswatch.dashboard.DashboardConfig;

/** The spike detector on synthetic series. */
class SpikeDetectorTest {

  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  /** The dashboard's default rule. */
  private static final SpikeRule RULE =
      new SpikeRule(
          DashboardConfig.DEFAULT_ALERT_BASELINE_PERIODS,
          DashboardConfig.DEFAULT_ALERT_MIN_COUNT,
          DashboardConfig.DEFAULT_ALERT_MIN_RATIO,
          DashboardConfig.DEFAULT_ALERT_MAX_P,
          DashboardConfig.DEFAULT_ALERT_COOLDOWN);

  private final SpikeDetector detector = new SpikeDetector(RULE);

  /** {@code days} of Poisson noise around {@code mean} (fixed seed: the same series every run). */
  private static long[] noise(double mean, int days, long seed) {
    Random random = new Random(seed);
    long[] counts = new long[days];
    for (int i = 0; i < days; i++) {
      // Knuth's Poisson sampler: fine for small means.
      double limit = Math.exp(-mean);
      double product = random.nextDouble();
      int k = 0;
      while (product > limit) {
        product *= random.nextDouble();
        k++;
      }
      counts[i] = k;
    }
    return counts;
  }

  @Test
  void firesOnceOnTheRisingEdgeOfASpike() {
    long[] counts = noise(2.0, 40, 7);
    counts[25] = 14;
    counts[26] = 16;
    counts[27] = 12;
    List<Alert> alerts = detector.detect("layoffs", "day", START, DAY, counts, List.of(), NOW);
    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.id()).isEqualTo("layoffs:day:2025-01-26T00:00:00Z");
    assertThat(alert.periodStart()).isEqualTo(Instant.parse("2025-01-26T00:00:00Z"));
    assertThat(alert.periodEnd()).isEqualTo(Instant.parse("2025-01-27T00:00:00Z"));
    assertThat(alert.count()).isEqualTo(14);
    assertThat(alert.detected()).isEqualTo(NOW);
    assertThat(alert.pValue()).isLessThan(0.001);
  }

  @Test
  void theDemoLayoffsWaveFiresOnce() {
    // The shape seeds/samples/README.md gives the demo: 1-4 layoffs stories a weekday, 0-1 at
    // weekends from Monday 2025-01-06, then 6, 8, 7, 5 on 2025-02-10..13, then back to normal.
    long[] week = {2, 1, 3, 2, 2, 1, 0};
    long[] counts = new long[56];
    for (int day = 0; day < counts.length; day++) {
      counts[day] = week[day % 7];
    }
    counts[35] = 6;
    counts[36] = 8;
    counts[37] = 7;
    counts[38] = 5;
    List<Alert> alerts =
        detector.detect(
            "layoffs", "day", Instant.parse("2025-01-06T00:00:00Z"), DAY, counts, List.of(), NOW);
    // 6 against a mean of 1.57 is not yet improbable enough; 8 against 1.86 is (p = 0.0055).
    assertThat(alerts)
        .extracting(Alert::id, Alert::count)
        .containsExactly(tuple("layoffs:day:2025-02-11T00:00:00Z", 8L));
  }

  @Test
  void ordinaryNoiseNeverFires() {
    // 100 fixed series x 46 evaluated days of Poisson(3) noise: 4,600 chances for a false alarm.
    List<Alert> alarms = new ArrayList<>();
    for (long seed = 1; seed <= 100; seed++) {
      alarms.addAll(
          detector.detect("layoffs", "day", START, DAY, noise(3.0, 60, seed), List.of(), NOW));
    }
    // Six fire (0.13 % of days), each a count of at least three times the true mean — days
    // that P(X >= 9 | 3) = 0.4 % makes rare. No count below 9 ever fires.
    assertThat(alarms).extracting(Alert::count).containsExactly(9L, 9L, 11L, 12L, 10L, 10L);
  }

  @Test
  void smallCountsNeverPage() {
    long[] counts = new long[20];
    counts[18] = 4; // from nothing to four: far above baseline, but under the minimum count
    assertThat(
            detector.detect("gig_work", "hour", START, Duration.ofHours(1), counts, List.of(), NOW))
        .isEmpty();
  }

  @Test
  void evaluatingAgainRaisesNothingNew() {
    long[] counts = noise(2.0, 40, 7);
    counts[25] = 14;
    List<Alert> first = detector.detect("layoffs", "day", START, DAY, counts, List.of(), NOW);
    List<Alert> again =
        detector.detect(
            "layoffs",
            "day",
            START,
            DAY,
            counts,
            first.stream().map(Alert::periodStart).toList(),
            NOW.plusSeconds(5));
    assertThat(first).hasSize(1);
    assertThat(again).isEmpty();
  }

  @Test
  void aSecondSpikeInsideTheCooldownIsSuppressedAndOneAfterItFires() {
    long[] counts = noise(1.0, 40, 3);
    counts[20] = 12;
    counts[21] = 1;
    counts[22] = 12; // a new rising edge, but within 72 h of the first
    counts[30] = 15; // well after the cooldown
    SpikeRule threeDays = new SpikeRule(14, 5, 3.0, 0.001, Duration.ofHours(72));
    List<Alert> alerts =
        new SpikeDetector(threeDays)
            .detect("vc_funding", "day", START, DAY, counts, List.of(), NOW);
    assertThat(alerts)
        .extracting(Alert::periodStart)
        .containsExactly(START.plus(DAY.multipliedBy(20)), START.plus(DAY.multipliedBy(30)));
  }

  @Test
  void poissonTailMatchesKnownValues() {
    assertThat(SpikeDetector.poissonTail(0, 2.0)).isEqualTo(1.0);
    assertThat(SpikeDetector.poissonTail(1, 2.0)).isCloseTo(1 - Math.exp(-2), offset(1e-12));
    // P(X >= 6 | 1) = 1 - sum_{i<6} e^-1 / i! = 0.000594184817...
    assertThat(SpikeDetector.poissonTail(6, 1.0)).isCloseTo(0.000594184817, offset(1e-11));
  }

  @Test
  void aSpikeFoundInItsOwnPeriodOrTheNextIsNewsAndOneFoundLaterIsHistory() {
    Instant start = Instant.parse("2025-02-10T00:00:00Z");
    Instant end = Instant.parse("2025-02-11T00:00:00Z");
    assertThat(Alert.historical(start, end, Instant.parse("2025-02-10T18:00:00Z"))).isFalse();
    assertThat(Alert.historical(start, end, Instant.parse("2025-02-11T23:59:59Z"))).isFalse();
    assertThat(Alert.historical(start, end, Instant.parse("2025-02-12T00:00:01Z"))).isTrue();
  }
}
