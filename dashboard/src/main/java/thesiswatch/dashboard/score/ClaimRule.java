package thesiswatch.dashboard.score;

import java.util.ArrayList;
import java.util.List;
import thesiswatch.common.ClaimTest;

/**
 * The verdict rules, applied to the counts of one claim's windows exactly as its pre-registered
 * {@link ClaimTest} says. Pure: the same counts always give the same verdict.
 *
 * <ol>
 *   <li>{@code too_early} when the evaluation window has not begun;
 *   <li>each signal is computed: its estimate and 95% interval, read against its threshold — it
 *       bears the claim out when the whole interval lies above, goes against it when the whole
 *       interval lies below, and is inconclusive otherwise; a signal with less evidence than the
 *       test's {@code min_evidence} says how much it has and needs;
 *   <li>{@code unresolvable} when no signal decides, or a deciding one cannot be computed (no
 *       articles at all in a window); {@code too_early} when a deciding one lacks evidence;
 *   <li>{@code bears_out} when every deciding signal bears the claim out, {@code not_borne_out}
 *       when every one goes against it, {@code contested} otherwise;
 *   <li>never {@code bears_out} when challenging articles outnumber supporting ones (then {@code
 *       contested}), whichever signals decide.
 * </ol>
 */
public final class ClaimRule {

  /** Verdict: every deciding signal bears the claim out. */
  public static final String BEARS_OUT = "bears_out";

  /** Verdict: the deciding signals disagree or are inconclusive. */
  public static final String CONTESTED = "contested";

  /** Verdict: every deciding signal goes against the claim. */
  public static final String NOT_BORNE_OUT = "not_borne_out";

  /** Verdict: the window has not begun, or a deciding signal has less evidence than it needs. */
  public static final String TOO_EARLY = "too_early";

  /** Verdict: no signal applies. */
  public static final String UNRESOLVABLE = "unresolvable";

  /** A signal's reading: its interval lies above the threshold. */
  public static final String READS_BEARS_OUT = "bears_out";

  /** A signal's reading: its interval lies below the threshold. */
  public static final String READS_NOT_BORNE_OUT = "not_borne_out";

  /** A signal's reading: its interval contains the threshold. */
  public static final String READS_INCONCLUSIVE = "inconclusive";

  /** A signal's reading: less evidence than the test needs. */
  public static final String READS_TOO_LITTLE = "too_little_evidence";

  /** A signal's reading: it cannot be computed (a window without articles). */
  public static final String READS_NOT_COMPUTABLE = "not_computable";

  private ClaimRule() {}

  /**
   * One signal as computed.
   *
   * @param signal {@link ClaimTest#STANCE_BALANCE} or {@link ClaimTest#ATTENTION}
   * @param estimate the point estimate, or null when it cannot be computed
   * @param low the interval's lower end, or null
   * @param high the interval's upper end, or null
   * @param threshold what the interval is read against
   * @param decides whether the verdict rests on it
   * @param reading one of the {@code READS_*} values
   * @param evidence the evidence it rests on (stance-bearing articles; the theme's articles for
   *     attention)
   * @param needed the evidence the test needs
   */
  public record Result(
      String signal,
      Double estimate,
      Double low,
      Double high,
      double threshold,
      boolean decides,
      String reading,
      long evidence,
      long needed) {}

  /**
   * A verdict with the signals it rests on.
   *
   * @param verdict one of the verdict constants
   * @param tests every signal of the test, deciding or not, in the test's order
   * @param guarded whether the invariant (never {@code bears_out} against more challenging than
   *     supporting articles) changed the verdict
   */
  public record Assessment(String verdict, List<Result> tests, boolean guarded) {}

  /**
   * The verdict of a claim whose evaluation window holds {@code window} and whose baseline holds
   * {@code baseline}; {@code begun} says whether the window has begun at the time asked about.
   */
  public static Assessment assess(
      ClaimTest test, WindowCounts window, WindowCounts baseline, boolean begun) {
    if (!begun) {
      return new Assessment(TOO_EARLY, List.of(), false);
    }
    List<Result> results = new ArrayList<>();
    for (ClaimTest.Signal signal : test.signals()) {
      results.add(
          ClaimTest.STANCE_BALANCE.equals(signal.signal())
              ? stanceBalance(signal, window, test.minEvidence())
              : attention(signal, window, baseline, test.minEvidence()));
    }
    List<Result> deciding = results.stream().filter(Result::decides).toList();
    String verdict;
    if (deciding.isEmpty()
        || deciding.stream().anyMatch(r -> r.reading().equals(READS_NOT_COMPUTABLE))) {
      verdict = UNRESOLVABLE;
    } else if (deciding.stream().anyMatch(r -> r.reading().equals(READS_TOO_LITTLE))) {
      verdict = TOO_EARLY;
    } else if (deciding.stream().allMatch(r -> r.reading().equals(READS_BEARS_OUT))) {
      verdict = BEARS_OUT;
    } else if (deciding.stream().allMatch(r -> r.reading().equals(READS_NOT_BORNE_OUT))) {
      verdict = NOT_BORNE_OUT;
    } else {
      verdict = CONTESTED;
    }
    boolean guarded = verdict.equals(BEARS_OUT) && window.challenges() > window.supports();
    return new Assessment(guarded ? CONTESTED : verdict, List.copyOf(results), guarded);
  }

  private static Result stanceBalance(ClaimTest.Signal signal, WindowCounts window, int needed) {
    long n = window.stanceBearing();
    if (n < needed || n == 0) {
      return new Result(
          signal.signal(),
          n == 0 ? null : (double) window.supports() / n,
          null,
          null,
          signal.threshold(),
          signal.decides(),
          READS_TOO_LITTLE,
          n,
          needed);
    }
    Estimate share = Estimate.wilson(window.supports(), n);
    return read(signal, share, n, needed);
  }

  private static Result attention(
      ClaimTest.Signal signal, WindowCounts window, WindowCounts baseline, int needed) {
    if (window.total() == 0
        || baseline.total() == 0
        || (window.themed() == 0 && baseline.themed() == 0)) {
      return new Result(
          signal.signal(),
          null,
          null,
          null,
          signal.threshold(),
          signal.decides(),
          READS_NOT_COMPUTABLE,
          window.themed(),
          needed);
    }
    if (window.themed() < needed) {
      return new Result(
          signal.signal(),
          null,
          null,
          null,
          signal.threshold(),
          signal.decides(),
          READS_TOO_LITTLE,
          window.themed(),
          needed);
    }
    Estimate ratio =
        Estimate.rateRatio(window.themed(), window.total(), baseline.themed(), baseline.total());
    return read(signal, ratio, window.themed(), needed);
  }

  private static Result read(
      ClaimTest.Signal signal, Estimate estimate, long evidence, long needed) {
    String reading =
        switch (estimate.against(signal.threshold())) {
          case ABOVE -> READS_BEARS_OUT;
          case BELOW -> READS_NOT_BORNE_OUT;
          case STRADDLES -> READS_INCONCLUSIVE;
        };
    return new Result(
        signal.signal(),
        estimate.estimate(),
        estimate.low(),
        estimate.high(),
        signal.threshold(),
        signal.decides(),
        reading,
        evidence,
        needed);
  }
}
