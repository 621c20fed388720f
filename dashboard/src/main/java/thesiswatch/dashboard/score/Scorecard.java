package thesiswatch.dashboard.score;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import thesiswatch.common.ClaimTest;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.dashboard.index.ArticleIndex;

/**
 * Holds each claim of the essay to the test its themes file fixes in advance ({@link ClaimTest}),
 * by the rules of {@link ClaimRule}: the verdict in the evaluation window (the essay's year) and in
 * the rolling window (the last days, for live use), each with the numbers it rests on, a sentence
 * built from them, the evidence on both sides (counter-evidence first), and the track record — what
 * the scorecard said at the end of every month and week of the history.
 *
 * <p>All windows are whole days of one zone: UTC unless the reader asks for another, so a reader at
 * UTC+8 sees the essay's year by the calendar they read it in. The track record that {@code
 * claim-verdicts} keeps is always in UTC, so it does not depend on who asked. The scorecard is as
 * of the clock's now, never as of the newest article, so one mis-dated article cannot move it.
 */
public final class Scorecard {

  /** Evidence headlines shown per stance. */
  public static final int EVIDENCE = 5;

  private final ArticleIndex index;
  private final ThemeCatalog catalog;
  private final Clock clock;
  private final EvidenceFinder evidence;

  /** A scorecard over {@code index} for the claims of {@code catalog}. */
  public Scorecard(ArticleIndex index, ThemeCatalog catalog, Clock clock) {
    this.index = index;
    this.catalog = catalog;
    this.clock = clock;
    this.evidence = new EvidenceFinder(index, EVIDENCE);
  }

  /**
   * The scorecard.
   *
   * @param asOf the time it is computed for
   * @param tz the zone whose days its windows are made of
   * @param themeSetVersion the version of the themes file whose tests it applies
   * @param claims one per theme, in the themes file's order
   */
  public record Result(Instant asOf, String tz, String themeSetVersion, List<Claim> claims) {}

  /**
   * One claim's verdict in one window.
   *
   * @param verdict one of {@link ClaimRule}'s verdicts
   * @param why the sentence that explains it, {@code zh} and {@code en}
   * @param window the window's first and last day and the day its counts end
   * @param tests every signal with its estimate, interval, threshold and reading
   */
  public record Judgement(
      String verdict,
      Map<String, String> why,
      Map<String, Object> window,
      List<ClaimRule.Result> tests,
      long supporting,
      long challenging,
      long neutral,
      long articles,
      long allArticles) {}

  /**
   * One claim, as {@code GET /api/scorecard} returns it.
   *
   * @param verdict the verdict in the evaluation window
   * @param why its sentence
   * @param window the evaluation window
   * @param baseline the baseline window and its counts
   * @param tests the signals of the evaluation window
   * @param rolling the verdict in the rolling window, for live use
   * @param evidence headlines on each side in the evaluation window, and where to find them all
   * @param history the evaluation window's verdict at the end of every month
   * @param weekly the rolling window's verdict at the end of every week
   * @param method the pre-registered test, as data, and the rule that reads it
   */
  public record Claim(
      String theme,
      Map<String, String> name,
      Map<String, String> claim,
      String predicted,
      String verdict,
      Map<String, String> why,
      Map<String, Object> window,
      Map<String, Object> baseline,
      List<ClaimRule.Result> tests,
      long supporting,
      long challenging,
      long neutral,
      Judgement rolling,
      EvidenceFinder.Evidence evidence,
      List<TrackRecord.Point> history,
      List<TrackRecord.Point> weekly,
      Map<String, Object> method) {}

  /** The scorecard as of now, in UTC days. */
  public Result compute() {
    return compute(clock.instant(), ZoneOffset.UTC);
  }

  /** The scorecard as of now, its windows whole days in {@code zone}. */
  public Result compute(ZoneId zone) {
    return compute(clock.instant(), zone);
  }

  /** The scorecard as of {@code asOf}, its windows whole days in {@code zone}. */
  public Result compute(Instant asOf, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(asOf, zone);
    List<Claim> claims = new ArrayList<>();
    for (ThemeCatalog.Theme theme : catalog.themes()) {
      claims.add(claim(theme, today, zone));
    }
    String tz = zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    return new Result(asOf, tz, catalog.version(), claims);
  }

  /**
   * The track record of every claim as of now, in UTC: the entries {@code claim-verdicts} keeps.
   */
  public List<TrackRecord.Entry> trackRecord() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<TrackRecord.Entry> entries = new ArrayList<>();
    for (ThemeCatalog.Theme theme : catalog.themes()) {
      Judge judge = judge(theme, today, ZoneOffset.UTC);
      entries.addAll(TrackRecord.monthly(theme.id(), theme.test(), today, judge::evaluation));
      entries.addAll(TrackRecord.weekly(theme.id(), theme.test(), today, judge::rolling));
    }
    return entries;
  }

  /** The themes whose claims this scorecard judges. */
  public ThemeCatalog catalog() {
    return catalog;
  }

  private Claim claim(ThemeCatalog.Theme theme, LocalDate today, ZoneId zone) {
    ClaimTest test = theme.test();
    Judge judge = judge(theme, today, zone);
    Judgement main = judge.evaluation(today);
    Judgement rolling = judge.rolling(today);
    WindowCounts base = judge.baseline();
    Map<String, Object> baseline = new LinkedHashMap<>();
    baseline.put("from", test.baseline().from());
    baseline.put("to", test.baseline().to());
    baseline.put("articles", base.themed());
    baseline.put("allArticles", base.total());
    return new Claim(
        theme.id(),
        theme.name(),
        theme.claim(),
        theme.direction(),
        main.verdict(),
        main.why(),
        main.window(),
        baseline,
        main.tests(),
        main.supporting(),
        main.challenging(),
        main.neutral(),
        rolling,
        evidence.find(theme.id(), test.window(), today, zone),
        points(TrackRecord.monthly(theme.id(), test, today, judge::evaluation)),
        points(TrackRecord.weekly(theme.id(), test, today, judge::rolling)),
        method(test));
  }

  private static List<TrackRecord.Point> points(List<TrackRecord.Entry> entries) {
    return entries.stream().map(TrackRecord.Entry::point).toList();
  }

  private Judge judge(ThemeCatalog.Theme theme, LocalDate today, ZoneId zone) {
    ClaimTest test = theme.test();
    LocalDate first = earliest(test, today);
    return new Judge(theme, DailySeries.read(index, theme.id(), first, today.plusDays(1), zone));
  }

  /** The first day any window of {@code test} can reach as of {@code today}. */
  private static LocalDate earliest(ClaimTest test, LocalDate today) {
    LocalDate rollingStart = today.minusDays(test.rolling().toDays() - 1);
    LocalDate first = test.baseline().from();
    return rollingStart.isBefore(first) ? rollingStart : first;
  }

  /** The verdicts of one claim for any day, over one theme's daily series. */
  private record Judge(ThemeCatalog.Theme theme, DailySeries series) {

    WindowCounts baseline() {
      ClaimTest.Window b = theme.test().baseline();
      return series.window(b.from(), b.to().plusDays(1));
    }

    /** The evaluation window's verdict with the counts up to and including {@code day}. */
    Judgement evaluation(LocalDate day) {
      ClaimTest test = theme.test();
      ClaimTest.Window w = test.window();
      boolean begun = !day.isBefore(w.from());
      LocalDate last = day.isBefore(w.to()) ? day : w.to();
      WindowCounts counts =
          begun ? series.window(w.from(), last.plusDays(1)) : series.window(w.from(), w.from());
      LocalDate asOf = last.isBefore(w.to()) ? last : null;
      return judge(
          counts,
          begun,
          new Sentences.WindowLabel(w.from(), w.to(), begun ? asOf : null, 0),
          window(w.from(), w.to(), begun ? last : null));
    }

    /** The rolling window's verdict for the days that end with {@code day}. */
    Judgement rolling(LocalDate day) {
      long days = theme.test().rolling().toDays();
      LocalDate from = day.minusDays(days - 1);
      WindowCounts counts = series.window(from, day.plusDays(1));
      return judge(
          counts, true, new Sentences.WindowLabel(from, day, null, days), window(from, day, day));
    }

    private Judgement judge(
        WindowCounts counts,
        boolean begun,
        Sentences.WindowLabel label,
        Map<String, Object> window) {
      ClaimTest test = theme.test();
      WindowCounts base = baseline();
      ClaimRule.Assessment assessment = ClaimRule.assess(test, counts, base, begun);
      return new Judgement(
          assessment.verdict(),
          Sentences.why(theme.name(), label, counts, base, test, assessment),
          window,
          assessment.tests(),
          counts.supports(),
          counts.challenges(),
          counts.neutral(),
          counts.themed(),
          counts.total());
    }

    private static Map<String, Object> window(LocalDate from, LocalDate to, LocalDate asOf) {
      Map<String, Object> window = new LinkedHashMap<>();
      window.put("from", from);
      window.put("to", to);
      window.put("asOf", asOf);
      return window;
    }
  }

  /** The pre-registered test as data, with the rule in words, for {@code method}. */
  static Map<String, Object> method(ClaimTest test) {
    Map<String, Object> method = new LinkedHashMap<>();
    method.put("window", Map.of("from", test.window().from(), "to", test.window().to()));
    method.put("rolling", test.rolling().toDays() + "d");
    method.put("baseline", Map.of("from", test.baseline().from(), "to", test.baseline().to()));
    method.put("minEvidence", test.minEvidence());
    method.put("signals", test.signals());
    method.put("rule", RULE);
    return method;
  }

  /** The verdict rules of {@link ClaimRule}, as the page and the API state them. */
  static final Map<String, String> RULE =
      Map.of(
          "en",
          "Each signal's 95% interval is read against its threshold: above it bears the claim out,"
              + " below it goes against it, containing it is inconclusive. stance_balance is the"
              + " share of supporting among the theme's stance-bearing articles (Wilson interval);"
              + " attention is the theme's share of all articles in the window against the baseline"
              + " (rate ratio, log-normal interval). The verdict is bears_out when every deciding"
              + " signal bears the claim out, not_borne_out when every one goes against it,"
              + " contested otherwise; too_early before the window opens or while a deciding signal"
              + " has less evidence than min_evidence; unresolvable when no deciding signal can be"
              + " computed. Never bears_out when challenging articles outnumber supporting ones.",
          "zh",
          "每个信号的95%置信区间与其阈值比较：整个区间高于阈值即支持论点，低于阈值即否定论点，包含阈值则不确定。"
              + "立场平衡（stance_balance）是该主题表明立场的报道中支持者所占比例（Wilson区间）；"
              + "关注度（attention）是窗口内该主题占全部报道的比例与基线期的比率（对数正态区间）。"
              + "所有决定性信号都支持时判定为得到印证（bears_out），都否定时为未得到印证（not_borne_out），"
              + "否则为存在争议（contested）；窗口开始前或决定性信号证据不足min_evidence时为为时尚早（too_early）；"
              + "无法计算任何决定性信号时为无法判定（unresolvable）。质疑的报道多于支持的报道时，绝不判定为得到印证。");
}
