package thesiswatch.dashboard.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import thesiswatch.common.ClaimTest;

/** The verdict rules on synthetic windows, and their invariants. */
class ClaimRuleTest {

  static final ClaimTest.Window YEAR =
      new ClaimTest.Window(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
  static final ClaimTest.Window BEFORE =
      new ClaimTest.Window(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 12, 31));
  static final ClaimTest.Signal STANCE = new ClaimTest.Signal(ClaimTest.STANCE_BALANCE, 0.5, true);
  static final ClaimTest.Signal ATTENTION_CONTINUES =
      new ClaimTest.Signal(ClaimTest.ATTENTION, 0.8, true);
  static final ClaimTest.Signal ATTENTION_SHOWN =
      new ClaimTest.Signal(ClaimTest.ATTENTION, 1.0, false);

  static ClaimTest test(ClaimTest.Signal... signals) {
    return new ClaimTest(YEAR, Duration.ofDays(90), BEFORE, 30, List.of(signals));
  }

  static WindowCounts counts(long total, long themed, long supports, long challenges) {
    return new WindowCounts(
        Instant.EPOCH, Instant.EPOCH.plusSeconds(1), total, themed, supports, challenges);
  }

  static final WindowCounts BASELINE = counts(2000, 42, 20, 10);

  @Test
  void clearlyBorneOut() {
    ClaimRule.Assessment a =
        ClaimRule.assess(test(STANCE), counts(2000, 80, 61, 9), BASELINE, true);
    assertThat(a.verdict()).isEqualTo(ClaimRule.BEARS_OUT);
    assertThat(a.tests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reading()).isEqualTo(ClaimRule.READS_BEARS_OUT);
              assertThat(r.low()).isCloseTo(0.773352, org.assertj.core.api.Assertions.within(1e-6));
              assertThat(r.evidence()).isEqualTo(70);
            });
  }

  @Test
  void clearlyNotBorneOut() {
    ClaimRule.Assessment a =
        ClaimRule.assess(test(STANCE), counts(2000, 80, 9, 61), BASELINE, true);
    assertThat(a.verdict()).isEqualTo(ClaimRule.NOT_BORNE_OUT);
  }

  @Test
  void anIntervalContainingItsThresholdIsContested() {
    ClaimRule.Assessment a =
        ClaimRule.assess(test(STANCE), counts(2000, 60, 22, 18), BASELINE, true);
    assertThat(a.verdict()).isEqualTo(ClaimRule.CONTESTED);
    assertThat(a.tests().get(0).reading()).isEqualTo(ClaimRule.READS_INCONCLUSIVE);
  }

  @Test
  void tooEarlyBeforeTheWindowOpensAndWithTooLittleEvidenceSayingHowMuchIsNeeded() {
    assertThat(ClaimRule.assess(test(STANCE), counts(0, 0, 0, 0), BASELINE, false).verdict())
        .isEqualTo(ClaimRule.TOO_EARLY);
    ClaimRule.Assessment thin =
        ClaimRule.assess(test(STANCE), counts(500, 20, 12, 0), BASELINE, true);
    assertThat(thin.verdict()).isEqualTo(ClaimRule.TOO_EARLY);
    assertThat(thin.tests().get(0))
        .satisfies(
            r -> {
              assertThat(r.reading()).isEqualTo(ClaimRule.READS_TOO_LITTLE);
              assertThat(r.evidence()).isEqualTo(12);
              assertThat(r.needed()).isEqualTo(30);
            });
  }

  @Test
  void anAttentionOnlyClaimIsDecidedByTheRateRatio() {
    // Share 3.4% against 2.1%: the whole interval above 0.8 → bears out (coverage did not fall).
    assertThat(
            ClaimRule.assess(test(ATTENTION_CONTINUES), counts(2000, 68, 0, 0), BASELINE, true)
                .verdict())
        .isEqualTo(ClaimRule.BEARS_OUT);
    // Share 0.5% against 2.1%: the whole interval below 0.8 → not borne out.
    assertThat(
            ClaimRule.assess(test(ATTENTION_CONTINUES), counts(8000, 40, 0, 0), BASELINE, true)
                .verdict())
        .isEqualTo(ClaimRule.NOT_BORNE_OUT);
    // No article at all in the baseline: nothing to compare with.
    assertThat(
            ClaimRule.assess(
                    test(ATTENTION_CONTINUES), counts(2000, 68, 0, 0), counts(0, 0, 0, 0), true)
                .verdict())
        .isEqualTo(ClaimRule.UNRESOLVABLE);
  }

  @Test
  void aStanceOnlyClaimIgnoresVolume() {
    // Coverage tripled, but the stance is balanced: attention is shown, not deciding.
    ClaimRule.Assessment a =
        ClaimRule.assess(test(STANCE, ATTENTION_SHOWN), counts(2000, 130, 20, 20), BASELINE, true);
    assertThat(a.verdict()).isEqualTo(ClaimRule.CONTESTED);
    assertThat(a.tests())
        .extracting(ClaimRule.Result::reading)
        .containsExactly(ClaimRule.READS_INCONCLUSIVE, ClaimRule.READS_BEARS_OUT);
  }

  @Test
  void signalsThatDisagreeAreContestedAndNoDecidingSignalIsUnresolvable() {
    ClaimRule.Assessment a =
        ClaimRule.assess(
            test(STANCE, ATTENTION_CONTINUES), counts(8000, 80, 61, 9), BASELINE, true);
    assertThat(a.tests())
        .extracting(ClaimRule.Result::reading)
        .containsExactly(ClaimRule.READS_BEARS_OUT, ClaimRule.READS_NOT_BORNE_OUT);
    assertThat(a.verdict()).isEqualTo(ClaimRule.CONTESTED);
    assertThat(
            ClaimRule.assess(test(ATTENTION_SHOWN), counts(2000, 80, 61, 9), BASELINE, true)
                .verdict())
        .isEqualTo(ClaimRule.UNRESOLVABLE);
  }

  @Test
  void neverBearsOutWhenChallengesOutweighSupport() {
    // Attention alone would bear out; the challenging articles outnumber the supporting ones.
    ClaimRule.Assessment a =
        ClaimRule.assess(test(ATTENTION_CONTINUES), counts(2000, 68, 10, 30), BASELINE, true);
    assertThat(a.verdict()).isEqualTo(ClaimRule.CONTESTED);
    assertThat(a.guarded()).isTrue();
  }

  @Test
  void invariantsHoldOverRandomCounts() {
    Random random = new Random(20251231);
    List<ClaimTest> tests =
        List.of(
            test(STANCE),
            test(ATTENTION_CONTINUES),
            test(STANCE, ATTENTION_CONTINUES),
            test(STANCE, ATTENTION_SHOWN));
    for (int i = 0; i < 20_000; i++) {
      long total = random.nextInt(5000);
      long themed = total == 0 ? 0 : random.nextInt((int) total + 1);
      long supports = themed == 0 ? 0 : random.nextInt((int) themed + 1);
      long challenges = themed - supports == 0 ? 0 : random.nextInt((int) (themed - supports) + 1);
      WindowCounts window = counts(total, themed, supports, challenges);
      for (ClaimTest t : tests) {
        ClaimRule.Assessment a = ClaimRule.assess(t, window, BASELINE, true);
        if (challenges > supports) {
          assertThat(a.verdict()).as("%s", window).isNotEqualTo(ClaimRule.BEARS_OUT);
        }
        for (ClaimRule.Result r : a.tests()) {
          if (r.low() != null) {
            assertThat(r.low()).isLessThanOrEqualTo(r.estimate());
            assertThat(r.high()).isGreaterThanOrEqualTo(r.estimate());
          }
        }
        if (a.verdict().equals(ClaimRule.BEARS_OUT)) {
          assertThat(a.tests())
              .filteredOn(ClaimRule.Result::decides)
              .allSatisfy(r -> assertThat(r.low()).isGreaterThan(r.threshold()));
        }
      }
    }
  }
}
