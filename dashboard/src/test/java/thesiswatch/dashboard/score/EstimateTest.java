package thesiswatch.dashboard.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The two intervals verdicts rest on, against values computed independently. */
class EstimateTest {

  @Test
  void wilsonIntervalOfAShare() {
    // The example: 61 of 70 → 87%, 95% CI 77–93%.
    Estimate share = Estimate.wilson(61, 70);
    assertThat(share.estimate()).isCloseTo(0.871429, within(1e-6));
    assertThat(share.low()).isCloseTo(0.773352, within(1e-6));
    assertThat(share.high()).isCloseTo(0.930859, within(1e-6));
    Estimate none = Estimate.wilson(0, 10);
    assertThat(none.low()).isEqualTo(0.0);
    assertThat(none.high()).isCloseTo(0.277533, within(1e-6));
    Estimate all = Estimate.wilson(10, 10);
    assertThat(all.low()).isCloseTo(0.722467, within(1e-6));
    assertThat(all.high()).isCloseTo(1.0, within(1e-9));
    Estimate half = Estimate.wilson(20, 40);
    assertThat(half.low()).isCloseTo(0.351995, within(1e-6));
    assertThat(half.high()).isCloseTo(0.648005, within(1e-6));
  }

  @Test
  void logNormalIntervalOfARateRatio() {
    Estimate ratio = Estimate.rateRatio(68, 2000, 42, 2000);
    assertThat(ratio.estimate()).isCloseTo(1.619048, within(1e-6));
    assertThat(ratio.low()).isCloseTo(1.107621, within(1e-6));
    assertThat(ratio.high()).isCloseTo(2.366617, within(1e-6));
    // A zero count: the interval adds one half to both (Haldane); a zero baseline the estimate too.
    Estimate gone = Estimate.rateRatio(0, 100, 5, 100);
    assertThat(gone.estimate()).isEqualTo(0.0);
    assertThat(gone.low()).isCloseTo(0.005094, within(1e-6));
    assertThat(gone.high()).isCloseTo(1.622331, within(1e-6));
    Estimate fromNothing = Estimate.rateRatio(5, 100, 0, 100);
    assertThat(fromNothing.estimate()).isCloseTo(11.0, within(1e-9));
    assertThat(fromNothing.high()).isCloseTo(196.302017, within(1e-5));
  }

  @Test
  void anIntervalReadsAgainstAThreshold() {
    assertThat(new Estimate(0.8, 0.6, 0.9).against(0.5)).isEqualTo(Estimate.Reading.ABOVE);
    assertThat(new Estimate(0.3, 0.2, 0.45).against(0.5)).isEqualTo(Estimate.Reading.BELOW);
    assertThat(new Estimate(0.5, 0.4, 0.6).against(0.5)).isEqualTo(Estimate.Reading.STRADDLES);
  }

  @Test
  void impossibleCountsAreRefused() {
    assertThatThrownBy(() -> Estimate.wilson(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Estimate.wilson(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Estimate.rateRatio(0, 10, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Estimate.rateRatio(1, 0, 1, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
