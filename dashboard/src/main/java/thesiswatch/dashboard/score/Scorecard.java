package thesiswatch.dashboard.score;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.ThemeCatalog;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.Highlights;
import thesiswatch.dashboard.index.IndexedArticle;
import thesiswatch.dashboard.index.Interval;
import thesiswatch.dashboard.index.SearchPage;
import thesiswatch.dashboard.index.SearchRequest;
import thesiswatch.dashboard.index.Segment;

/**
 * Holds each claim of the essay against the index. The observed direction compares the theme's
 * share of all articles in the recent window with its share in the baseline window before it (a
 * two-proportion z-test gives how sure that is); stances count the articles that support or
 * challenge the claim. The verdict combines both:
 *
 * <ul>
 *   <li>{@code too_little_data}: fewer than {@link #MIN_VOLUME} articles of the theme in both
 *       windows;
 *   <li>{@code bears_out}: the observed direction is the predicted one ({@code persisting} is borne
 *       out by rising or steady) and supporting articles are at least as many as challenging ones;
 *   <li>{@code not_borne_out}: the theme is falling and challenging articles outnumber supporting
 *       ones;
 *   <li>{@code contested}: anything in between.
 * </ul>
 *
 * <p>Windows are whole UTC days ending with the day of the newest article (or today, if that is
 * earlier), so that replayed history is judged as of its own time.
 */
public final class Scorecard {

  /** Length of the recent window. */
  public static final Duration RECENT = Duration.ofDays(14);

  /** Length of the baseline window, just before the recent one. */
  public static final Duration BASELINE = Duration.ofDays(28);

  /** Fewest articles of a theme in both windows for any verdict but {@code too_little_data}. */
  public static final int MIN_VOLUME = 10;

  /** |z| above which a change counts as a direction (two-sided 95 %). */
  public static final double Z_SIGNIFICANT = 1.96;

  /** Evidence headlines shown per stance. */
  public static final int EVIDENCE = 3;

  /** Verdict: the news bears the claim out. */
  public static final String BEARS_OUT = "bears_out";

  /** Verdict: direction or stances disagree. */
  public static final String CONTESTED = "contested";

  /** Verdict: the theme is falling and challenged more than supported. */
  public static final String NOT_BORNE_OUT = "not_borne_out";

  /** Verdict: too few articles to say. */
  public static final String TOO_LITTLE_DATA = "too_little_data";

  /**
   * The scorecard.
   *
   * @param asOf end of the recent window
   * @param recentFrom start of the recent window (end of the baseline)
   * @param baselineFrom start of the baseline window
   * @param claims one per theme, in the themes file's order
   */
  public record Result(
      Instant asOf, Instant recentFrom, Instant baselineFrom, List<Claim> claims) {}

  /**
   * One claim.
   *
   * @param predicted the essay's direction ({@code rising} or {@code persisting})
   * @param observed {@code rising}, {@code falling} or {@code steady}
   * @param confidence how sure the observed change is, 0..1 (1 − two-sided p-value)
   * @param volume articles of the theme in both windows
   */
  public record Claim(
      String theme,
      Map<String, String> name,
      Map<String, String> claim,
      String predicted,
      String observed,
      double confidence,
      long volume,
      long recentCount,
      long recentTotal,
      long baselineCount,
      long baselineTotal,
      long supporting,
      long challenging,
      String verdict,
      List<Evidence> evidence) {}

  /**
   * An evidence headline with the theme's matched terms flagged.
   *
   * @param stance supports, challenges or neutral
   */
  public record Evidence(
      String id,
      String title,
      List<Segment> highlight,
      String link,
      Instant time,
      String source,
      String stance,
      List<String> matched) {}

  private final ArticleIndex index;
  private final ThemeCatalog catalog;
  private final Clock clock;

  /** A scorecard over {@code index} for the claims of {@code catalog}. */
  public Scorecard(ArticleIndex index, ThemeCatalog catalog, Clock clock) {
    this.index = index;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The scorecard as of now. */
  public Result compute() {
    Instant now = clock.instant();
    Optional<Instant[]> range = index.timeRange();
    Instant newest = range.isPresent() && range.get()[1].isBefore(now) ? range.get()[1] : now;
    // Whole UTC days, so that the counts come from the index's cached day buckets.
    Instant asOf = Interval.DAY.windowEnd(newest);
    Instant recentFrom = asOf.minus(RECENT);
    Instant baselineFrom = recentFrom.minus(BASELINE);
    int baselineDays = (int) BASELINE.toDays();
    long[] totals =
        index.countBuckets(ArticleFilter.ALL, Interval.DAY, baselineFrom, asOf).totals();
    long baselineTotal = sum(totals, 0, baselineDays);
    long recentTotal = sum(totals, baselineDays, totals.length);
    ArticleFilter both = ArticleFilter.ALL.between(baselineFrom, asOf);
    List<Claim> claims = new ArrayList<>();
    for (ThemeCatalog.Theme theme : catalog.themes()) {
      ArticleFilter ofTheme = both.withTheme(theme.id());
      long[] counts = index.countBuckets(ofTheme, Interval.DAY, baselineFrom, asOf).counts();
      long baselineCount = sum(counts, 0, baselineDays);
      long recentCount = sum(counts, baselineDays, counts.length);
      long supporting =
          sum(
              index
                  .countBuckets(
                      ofTheme.withStance(ThemeMatch.SUPPORTS), Interval.DAY, baselineFrom, asOf)
                  .counts());
      long challenging =
          sum(
              index
                  .countBuckets(
                      ofTheme.withStance(ThemeMatch.CHALLENGES), Interval.DAY, baselineFrom, asOf)
                  .counts());
      double z = zScore(recentCount, recentTotal, baselineCount, baselineTotal);
      String observed = z > Z_SIGNIFICANT ? "rising" : z < -Z_SIGNIFICANT ? "falling" : "steady";
      double confidence = 1 - 2 * (1 - normalCdf(Math.abs(z)));
      long volume = recentCount + baselineCount;
      String verdict = verdict(theme.direction(), observed, volume, supporting, challenging);
      List<Evidence> evidence = new ArrayList<>();
      evidence.addAll(evidence(ofTheme.withStance(ThemeMatch.SUPPORTS), theme.id()));
      evidence.addAll(evidence(ofTheme.withStance(ThemeMatch.CHALLENGES), theme.id()));
      if (evidence.isEmpty()) {
        evidence.addAll(evidence(ofTheme, theme.id()));
      }
      claims.add(
          new Claim(
              theme.id(),
              theme.name(),
              theme.claim(),
              theme.direction(),
              observed,
              round(confidence),
              volume,
              recentCount,
              recentTotal,
              baselineCount,
              baselineTotal,
              supporting,
              challenging,
              verdict,
              evidence));
    }
    return new Result(asOf, recentFrom, baselineFrom, claims);
  }

  private static long sum(long[] values) {
    return sum(values, 0, values.length);
  }

  private static long sum(long[] values, int from, int to) {
    long total = 0;
    for (int i = from; i < to; i++) {
      total += values[i];
    }
    return total;
  }

  /** The verdict for a claim; see the class comment. */
  static String verdict(
      String predicted, String observed, long volume, long supporting, long challenging) {
    if (volume < MIN_VOLUME) {
      return TOO_LITTLE_DATA;
    }
    boolean directionHolds =
        "persisting".equals(predicted) ? !observed.equals("falling") : observed.equals("rising");
    if (directionHolds && supporting >= challenging) {
      return BEARS_OUT;
    }
    if (observed.equals("falling") && challenging > supporting) {
      return NOT_BORNE_OUT;
    }
    return CONTESTED;
  }

  /** Two-proportion z statistic of share a/n against b/m; 0 when either window is empty. */
  static double zScore(long a, long n, long b, long m) {
    if (n == 0 || m == 0) {
      return 0;
    }
    double p1 = (double) a / n;
    double p0 = (double) b / m;
    double pooled = (double) (a + b) / (n + m);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
    return se == 0 ? 0 : (p1 - p0) / se;
  }

  /** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, error below 1.5e-7). */
  static double normalCdf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.sqrt(2));
    double erf =
        1
            - t
                * (0.254829592
                    + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-x * x / 2);
    return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private List<Evidence> evidence(ArticleFilter filter, String themeId) {
    SearchPage page =
        index.search(new SearchRequest(null, filter, EVIDENCE, null, SearchRequest.Order.NEWEST));
    List<Evidence> list = new ArrayList<>();
    for (SearchPage.Hit hit : page.hits()) {
      IndexedArticle indexed = hit.article();
      TaggedArticle a = indexed.article();
      ThemeMatch match =
          a.themes().stream().filter(m -> m.id().equals(themeId)).findFirst().orElseThrow();
      list.add(
          new Evidence(
              a.id(),
              a.title(),
              Highlights.mark(a.title(), match.matched()),
              indexed.safeLink(),
              a.effectiveTime(),
              indexed.source(),
              match.stance(),
              match.matched()));
    }
    return list;
  }
}
