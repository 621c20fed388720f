package thesiswatch.dashboard.kafka;

import java.time.Duration;

/**
 * How soon after the last refresh the articles read since are made searchable, by how much waits. A
 * refresh flushes a segment and may wait for small merges (Lucene merges on refresh), so its cost
 * is per refresh, not per article: refreshing every poll during a backfill spent a quarter of the
 * reader's time there (docs/benchmarks.md, Pipeline). So:
 *
 * <ul>
 *   <li>a trickle (a few articles, nothing more to read) is refreshed after a quarter of the
 *       interval, so a lone new article is searchable quickly;
 *   <li>a flow (more articles each poll) after the interval;
 *   <li>a backlog (the last poll came back full: more waits to be read) after {@value
 *       #BACKLOG_FACTOR} intervals, so catching up writes few, larger segments — still well inside
 *       the feed item → searchable target of a poll interval plus 2 s.
 * </ul>
 */
final class RefreshPace {

  /** At most this many unsearchable articles, with nothing left to read, are a trickle. */
  static final int TRICKLE = 16;

  /** While a backlog is read, refreshes are this many intervals apart. */
  static final int BACKLOG_FACTOR = 5;

  private static final int TRICKLE_DIVISOR = 4;

  private RefreshPace() {}

  /**
   * The gap to keep after the last refresh, for {@code pending} articles read and not searchable
   * yet, when the last poll {@code filled} its record limit.
   */
  static Duration gap(Duration interval, int pending, boolean filled) {
    if (filled) {
      return interval.multipliedBy(BACKLOG_FACTOR);
    }
    if (pending <= TRICKLE) {
      return interval.dividedBy(TRICKLE_DIVISOR);
    }
    return interval;
  }
}
