package thesiswatch.dashboard.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The scorecard's verdict rules and statistics. */
class ScorecardTest {

  @Test
  void verdicts() {
    assertThat(Scorecard.verdict("rising", "rising", 9, 9, 0)).isEqualTo(Scorecard.TOO_LITTLE_DATA);
    assertThat(Scorecard.verdict("rising", "rising", 40, 20, 5)).isEqualTo(Scorecard.BEARS_OUT);
    assertThat(Scorecard.verdict("rising", "rising", 40, 5, 20)).isEqualTo(Scorecard.CONTESTED);
    assertThat(Scorecard.verdict("rising", "steady", 40, 20, 5)).isEqualTo(Scorecard.CONTESTED);
    assertThat(Scorecard.verdict("rising", "falling", 40, 5, 20))
        .isEqualTo(Scorecard.NOT_BORNE_OUT);
    assertThat(Scorecard.verdict("rising", "falling", 40, 20, 5)).isEqualTo(Scorecard.CONTESTED);
    assertThat(Scorecard.verdict("persisting", "steady", 40, 10, 10))
        .isEqualTo(Scorecard.BEARS_OUT);
    assertThat(Scorecard.verdict("persisting", "rising", 40, 10, 3)).isEqualTo(Scorecard.BEARS_OUT);
    assertThat(Scorecard.verdict("persisting", "falling", 40, 3, 10))
        .isEqualTo(Scorecard.NOT_BORNE_OUT);
  }

  @Test
  void statistics() {
    assertThat(Scorecard.normalCdf(0)).isCloseTo(0.5, within(1e-7));
    assertThat(Scorecard.normalCdf(1.96)).isCloseTo(0.9750021, within(1e-6));
    assertThat(Scorecard.normalCdf(-1.0)).isCloseTo(0.1586553, within(1e-6));
    // 30 of 100 recent against 15 of 100 before: z = 0.15 / sqrt(0.225 * 0.775 * 0.02) = 2.5400
    assertThat(Scorecard.zScore(30, 100, 15, 100)).isCloseTo(2.5400, within(1e-4));
    assertThat(Scorecard.zScore(3, 0, 15, 100)).isEqualTo(0.0);
  }
}
