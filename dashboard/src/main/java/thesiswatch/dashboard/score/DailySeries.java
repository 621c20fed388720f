package thesiswatch.dashboard.score;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import thesiswatch.common.ThemeMatch;
import thesiswatch.dashboard.index.ArticleFilter;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.index.BucketCounts;
import thesiswatch.dashboard.index.Interval;

/**
 * One theme's articles per day of one zone, read from the index once, with running sums, so that
 * any window of whole days — the evaluation window as of every month of the track record, the
 * rolling window as of every week — is counted in constant time.
 */
final class DailySeries {

  private final LocalDate first;
  private final ZoneId zone;
  private final long[] totals;
  private final long[] themed;
  private final long[] supports;
  private final long[] challenges;

  private DailySeries(
      LocalDate first,
      ZoneId zone,
      long[] totals,
      long[] themed,
      long[] supports,
      long[] challenges) {
    this.first = first;
    this.zone = zone;
    this.totals = totals;
    this.themed = themed;
    this.supports = supports;
    this.challenges = challenges;
  }

  /** The days {@code [first, end)} of {@code zone} of {@code theme} in {@code index}. */
  static DailySeries read(
      ArticleIndex index, String theme, LocalDate first, LocalDate end, ZoneId zone) {
    Instant from = first.atStartOfDay(zone).toInstant();
    Instant to = end.atStartOfDay(zone).toInstant();
    ArticleFilter ofTheme = ArticleFilter.ALL.withTheme(theme);
    BucketCounts all = index.countBuckets(ofTheme, Interval.DAY, zone, from, to);
    BucketCounts pro =
        index.countBuckets(ofTheme.withStance(ThemeMatch.SUPPORTS), Interval.DAY, zone, from, to);
    BucketCounts contra =
        index.countBuckets(ofTheme.withStance(ThemeMatch.CHALLENGES), Interval.DAY, zone, from, to);
    return new DailySeries(
        first,
        zone,
        running(all.totals()),
        running(all.counts()),
        running(pro.counts()),
        running(contra.counts()));
  }

  /** The counts of the days {@code [from, to)}, clipped to the days this series holds. */
  WindowCounts window(LocalDate from, LocalDate to) {
    int a = clip(from);
    int b = Math.max(a, clip(to));
    return new WindowCounts(
        from.atStartOfDay(zone).toInstant(),
        to.atStartOfDay(zone).toInstant(),
        totals[b] - totals[a],
        themed[b] - themed[a],
        supports[b] - supports[a],
        challenges[b] - challenges[a]);
  }

  private int clip(LocalDate day) {
    long offset = day.toEpochDay() - first.toEpochDay();
    return (int) Math.max(0, Math.min(totals.length - 1, offset));
  }

  /** Running sums: element {@code i} is the sum of the first {@code i} values. */
  private static long[] running(long[] values) {
    long[] sums = new long[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      sums[i + 1] = sums[i] + values[i];
    }
    return sums;
  }
}
