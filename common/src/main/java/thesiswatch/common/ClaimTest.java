package thesiswatch.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test a claim of the essay is held to, fixed in advance in the themes file beside the claim
 * (key {@code test}) and versioned with it: which windows are compared, which signals decide, and
 * how much evidence a verdict needs. A theme without a {@code test} gets {@link #DEFAULT}.
 *
 * <pre>
 * test:
 *   window: {from: 2025-01-01, to: 2025-12-31}     # the essay's year (dates inclusive, UTC)
 *   rolling: 90d                                   # the live window: the last 90 days
 *   baseline: {from: 2024-07-01, to: 2024-12-31}   # before the essay
 *   min_evidence: 30                               # stance-bearing articles a verdict needs
 *   signals:
 *     - {signal: stance_balance, threshold: 0.5, decides: true}
 *     - {signal: attention, threshold: 0.8, decides: true}
 * </pre>
 *
 * <p>Every signal is an estimate with a 95% interval, read against its threshold the same way: the
 * signal bears the claim out when the whole interval lies above the threshold, goes against it when
 * the whole interval lies below, and is inconclusive otherwise.
 *
 * @param window the evaluation window: the period the essay makes its predictions for
 * @param rolling the length of the live window that ends now
 * @param baseline the window before the essay that {@code attention} compares with
 * @param minEvidence stance-bearing articles (supporting plus challenging) in a window below which
 *     the answer is {@code too_early}; for {@code attention}, articles of the theme in the window
 * @param signals the signals computed for the claim, deciding or shown for context
 */
public record ClaimTest(
    Window window, Duration rolling, Window baseline, int minEvidence, List<Signal> signals) {

  /** The share of supporting among the theme's stance-bearing articles (Wilson interval). */
  public static final String STANCE_BALANCE = "stance_balance";

  /**
   * The theme's share of all articles in the window against its share in the baseline, as a rate
   * ratio (log-normal interval). Only for claims about attention itself: more coverage of funding
   * is no evidence that funding dried up.
   */
  public static final String ATTENTION = "attention";

  private static final Set<String> SIGNALS = Set.of(STANCE_BALANCE, ATTENTION);

  /**
   * The essay's year, its half-year before, the last 90 days, 30 pieces of evidence, stance
   * decides.
   */
  public static final ClaimTest DEFAULT =
      new ClaimTest(
          new Window(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)),
          Duration.ofDays(90),
          new Window(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 12, 31)),
          30,
          List.of(new Signal(STANCE_BALANCE, 0.5, true)));

  /**
   * Checks the test.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public ClaimTest {
    if (window == null || baseline == null) {
      throw new IllegalArgumentException("test: window and baseline are required");
    }
    if (!baseline.to().isBefore(window.from())) {
      throw new IllegalArgumentException(
          "test: the baseline must end before the window starts ("
              + baseline
              + ", "
              + window
              + ")");
    }
    if (rolling == null || rolling.toDays() < 7 || rolling.toDays() > 366) {
      throw new IllegalArgumentException("test: rolling must be from 7d to 366d, not " + rolling);
    }
    if (minEvidence < 1 || minEvidence > 100_000) {
      throw new IllegalArgumentException(
          "test: min_evidence must be from 1 to 100000, not " + minEvidence);
    }
    signals = signals == null ? List.of() : List.copyOf(signals);
    Set<String> names = signals.stream().map(Signal::signal).collect(Collectors.toSet());
    if (names.size() != signals.size()) {
      throw new IllegalArgumentException("test: each signal may appear once");
    }
  }

  /** Reads the test as the themes file writes it; absent fields take {@link #DEFAULT}'s values. */
  @JsonCreator
  public static ClaimTest fromFile(
      @JsonProperty("window") Window window,
      @JsonProperty("rolling") String rolling,
      @JsonProperty("baseline") Window baseline,
      @JsonProperty("min_evidence") Integer minEvidence,
      @JsonProperty("signals") List<Signal> signals) {
    Duration rollingWindow = DEFAULT.rolling();
    if (rolling != null) {
      rollingWindow = Env.parseDuration(rolling);
      if (rollingWindow == null) {
        throw new IllegalArgumentException(
            "test: rolling must be a duration such as 90d, not '" + rolling + "'");
      }
    }
    return new ClaimTest(
        window == null ? DEFAULT.window() : window,
        rollingWindow,
        baseline == null ? DEFAULT.baseline() : baseline,
        minEvidence == null ? DEFAULT.minEvidence() : minEvidence,
        signals == null ? DEFAULT.signals() : signals);
  }

  /** The signals that decide the verdict, in file order. */
  public List<Signal> deciding() {
    return signals.stream().filter(Signal::decides).toList();
  }

  /**
   * A span of whole UTC days.
   *
   * @param from the first day
   * @param to the last day, inclusive
   */
  public record Window(LocalDate from, LocalDate to) {
    public Window {
      if (from == null || to == null || to.isBefore(from)) {
        throw new IllegalArgumentException(
            "test: a window needs from ≤ to, not " + from + ".." + to);
      }
    }

    @Override
    public String toString() {
      return from + ".." + to;
    }
  }

  /**
   * One signal of the test.
   *
   * @param signal {@link #STANCE_BALANCE} or {@link #ATTENTION}
   * @param threshold the value the signal's 95% interval is read against: 0.5 for the stance
   *     balance (more support than challenge); for attention 1.0 (coverage rose) or, for a claim
   *     that something continues, a floor such as 0.8 (coverage fell by less than a fifth)
   * @param decides whether the verdict rests on it; a signal that does not decide is shown for
   *     context only
   */
  public record Signal(String signal, double threshold, boolean decides) {
    public Signal {
      if (!SIGNALS.contains(signal)) {
        throw new IllegalArgumentException(
            "test: signal must be stance_balance or attention, not '" + signal + "'");
      }
      double max = STANCE_BALANCE.equals(signal) ? 1 : 100;
      if (!(threshold > 0 && threshold < max)) {
        throw new IllegalArgumentException(
            "test: the threshold of "
                + signal
                + " must be above 0 and below "
                + max
                + ", not "
                + threshold);
      }
    }
  }
}
