package thesiswatch.dashboard.score;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import thesiswatch.common.ClaimTest;

/**
 * The sentence that explains a verdict, in Chinese and English, built only from the numbers the
 * verdict rests on, so a reader can check it by hand against the figures shown beside it.
 */
final class Sentences {

  private Sentences() {}

  /**
   * What a window is called in the sentence.
   *
   * @param from the first day
   * @param to the last day, inclusive
   * @param asOf the day the counts end (inclusive), or null when the window is complete
   * @param rollingDays the length of a rolling window, or 0 for the evaluation window
   */
  record WindowLabel(LocalDate from, LocalDate to, LocalDate asOf, long rollingDays) {

    String en() {
      if (rollingDays > 0) {
        return "In the " + rollingDays + " days to " + to;
      }
      String span = wholeYear() ? "In " + from.getYear() : "From " + from + " to " + to;
      return asOf == null ? span : span + " (to " + asOf + ")";
    }

    /**
     * Whether the evaluation window is over: no article published later can change its counts,
     * though history brought in late (a backfill) still can.
     */
    boolean closed() {
      return rollingDays == 0 && asOf == null;
    }

    private boolean wholeYear() {
      return from.getDayOfYear() == 1 && to.equals(from.withDayOfYear(from.lengthOfYear()));
    }

    String zh() {
      if (rollingDays > 0) {
        return "截至" + to + "的" + rollingDays + "天内";
      }
      String span = wholeYear() ? from.getYear() + "年" : from + "至" + to;
      return asOf == null ? span : span + "（截至" + asOf + "）";
    }
  }

  /** The sentence in both languages: {@code zh} and {@code en}. */
  static Map<String, String> why(
      Map<String, String> themeName,
      WindowLabel label,
      WindowCounts window,
      WindowCounts baseline,
      ClaimTest test,
      ClaimRule.Assessment assessment) {
    String nameEn = themeName.getOrDefault("en", "the theme");
    String nameZh = themeName.getOrDefault("zh", nameEn);
    if (assessment.tests().isEmpty()) {
      LocalDate opens = test.window().from();
      return Map.of(
          "en", "Too early: the window opens on " + opens + ".",
          "zh", "为时尚早：评估窗口自" + opens + "起。");
    }
    List<String> en = new ArrayList<>();
    List<String> zh = new ArrayList<>();
    for (ClaimRule.Result result : assessment.tests()) {
      if (result.signal().equals(ClaimTest.STANCE_BALANCE)) {
        en.add(stanceEn(result, window, nameEn));
        zh.add(stanceZh(result, window, nameZh));
      } else {
        en.add(attentionEn(result, window, baseline));
        zh.add(attentionZh(result, window, baseline));
      }
    }
    String numbersEn = label.en() + ", " + String.join("; ", en) + ".";
    String numbersZh = label.zh() + "，" + String.join("；", zh) + "。";
    return Map.of(
        "en", numbersEn + " " + verdictEn(assessment, test, label.closed()),
        "zh", numbersZh + verdictZh(assessment, test, label.closed()));
  }

  private static String stanceEn(ClaimRule.Result r, WindowCounts w, String name) {
    long n = w.stanceBearing();
    if (n == 0) {
      return "no article on " + name + " takes a side yet (the test needs " + r.needed() + ")";
    }
    String base =
        w.supports() + " of " + n + " stance-bearing articles on " + name + " support the claim";
    if (r.low() == null) {
      return base + " (" + percent(r.estimate()) + "); the test needs " + r.needed();
    }
    return base
        + " ("
        + percent(r.estimate())
        + ", 95% CI "
        + percentRange(r.low(), r.high())
        + ")";
  }

  private static String stanceZh(ClaimRule.Result r, WindowCounts w, String name) {
    long n = w.stanceBearing();
    if (n == 0) {
      return "尚无表明立场的" + name + "报道（检验需要" + r.needed() + "篇）";
    }
    String base = n + "篇表明立场的" + name + "报道中有" + w.supports() + "篇支持这一论点";
    if (r.low() == null) {
      return base + "（" + percent(r.estimate()) + "）；检验需要" + r.needed() + "篇";
    }
    return base + "（" + percent(r.estimate()) + "，95%置信区间" + percentRange(r.low(), r.high()) + "）";
  }

  private static String attentionEn(ClaimRule.Result r, WindowCounts w, WindowCounts b) {
    if (r.estimate() == null) {
      return "the theme's share of coverage cannot be compared yet ("
          + w.themed()
          + " of its articles in the window, "
          + b.total()
          + " articles in the baseline; the test needs "
          + r.needed()
          + ")";
    }
    String move = r.estimate() > 1 ? "rose" : r.estimate() < 1 ? "fell" : "held";
    return "the theme's share of coverage "
        + move
        + " from "
        + share(b.themed(), b.total())
        + " to "
        + share(w.themed(), w.total())
        + " (rate ratio "
        + ratio(r.estimate())
        + ", 95% CI "
        + ratio(r.low())
        + "–"
        + ratio(r.high())
        + ")";
  }

  private static String attentionZh(ClaimRule.Result r, WindowCounts w, WindowCounts b) {
    if (r.estimate() == null) {
      return "该主题的报道占比尚无法比较（窗口内" + w.themed() + "篇，基线共" + b.total() + "篇；检验需要" + r.needed() + "篇）";
    }
    String move = r.estimate() > 1 ? "升至" : r.estimate() < 1 ? "降至" : "持平于";
    return "该主题在全部报道中的占比从"
        + share(b.themed(), b.total())
        + move
        + share(w.themed(), w.total())
        + "（比率"
        + ratio(r.estimate())
        + "，95%置信区间"
        + ratio(r.low())
        + "–"
        + ratio(r.high())
        + "）";
  }

  private static String verdictEn(ClaimRule.Assessment a, ClaimTest test, boolean closed) {
    return switch (a.verdict()) {
      case ClaimRule.BEARS_OUT ->
          "Borne out: every deciding signal's interval lies above its threshold.";
      case ClaimRule.NOT_BORNE_OUT ->
          "Not borne out: every deciding signal's interval lies below its threshold.";
      case ClaimRule.CONTESTED ->
          a.guarded()
              ? "Contested: challenging articles outnumber supporting ones."
              : "Contested: the deciding signals disagree, or an interval contains its threshold.";
      // A closed window is short of evidence for good unless history is backfilled: "too early"
      // alone would read as if waiting were enough.
      case ClaimRule.TOO_EARLY ->
          closed
              ? "Too early: the window has closed, but a deciding signal has less evidence than the"
                  + " test's "
                  + test.minEvidence()
                  + "; only more of the window's own coverage, backfilled, can still decide it."
              : "Too early: a deciding signal has less evidence than the test's "
                  + test.minEvidence()
                  + ".";
      default -> "Unresolvable: no deciding signal can be computed from these windows.";
    };
  }

  private static String verdictZh(ClaimRule.Assessment a, ClaimTest test, boolean closed) {
    return switch (a.verdict()) {
      case ClaimRule.BEARS_OUT -> "得到印证：每个决定性信号的置信区间都高于其阈值。";
      case ClaimRule.NOT_BORNE_OUT -> "未得到印证：每个决定性信号的置信区间都低于其阈值。";
      case ClaimRule.CONTESTED -> a.guarded() ? "存在争议：质疑的报道多于支持的报道。" : "存在争议：决定性信号彼此矛盾，或置信区间包含阈值。";
      case ClaimRule.TOO_EARLY ->
          closed
              ? "为时尚早：评估窗口已经结束，但有决定性信号的证据少于检验所需的" + test.minEvidence() + "篇；只有补录窗口内的更多报道才可能作出判定。"
              : "为时尚早：有决定性信号的证据少于检验所需的" + test.minEvidence() + "篇。";
      default -> "无法判定：这些窗口无法计算任何决定性信号。";
    };
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  private static String percentRange(double low, double high) {
    return Math.round(low * 100) + "–" + Math.round(high * 100) + "%";
  }

  private static String share(long count, long total) {
    return total == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * count / total);
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
  }
}
