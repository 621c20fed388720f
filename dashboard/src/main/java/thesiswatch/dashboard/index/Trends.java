package thesiswatch.dashboard.index;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trend buckets for a theme, counted from the index: count, total and share per bucket, with
 * buckets marked incomplete where feeds were failing.
 */
public final class Trends {

  /** Most buckets one request may ask for (e.g. 2000 hours is about 83 days). */
  public static final int MAX_BUCKETS = 2000;

  /**
   * Tells whether coverage was missing (some feed failing) during {@code [start, end)}, or thin
   * (backfilled history with few captures).
   */
  @FunctionalInterface
  public interface Coverage {
    /** True when some feed was failing at some time in {@code [start, end)}. */
    boolean incomplete(Instant start, Instant end);

    /** True when {@code [start, end)} is history a backfill saw only thinly. */
    default boolean thin(Instant start, Instant end) {
      return false;
    }

    /**
     * Changes whenever {@link #incomplete} could answer differently (e.g. counts coverage updates);
     * constant coverage may keep the default.
     */
    default long version() {
      return 0;
    }

    /** Coverage that is never missing. */
    Coverage COMPLETE = (start, end) -> false;

    /** Live outages from {@code outages}, history's depth from {@code depth}. */
    static Coverage of(Coverage outages, Coverage depth) {
      return new Coverage() {
        @Override
        public boolean incomplete(Instant start, Instant end) {
          return outages.incomplete(start, end);
        }

        @Override
        public boolean thin(Instant start, Instant end) {
          return depth.thin(start, end);
        }

        @Override
        public long version() {
          // Each part's version only grows, so their sum changes whenever either does.
          return outages.version() + depth.version();
        }
      };
    }
  }

  /**
   * What a set of buckets is computed from, as far as it changes: the index reader (changed by
   * every refresh that found new documents) and the coverage. Equal versions, equal buckets for
   * equal parameters.
   *
   * @param reader the index reader's version ({@link ArticleIndex#readerVersion()})
   * @param coverage the coverage's {@link Coverage#version()}
   */
  public record Version(long reader, long coverage) {}

  private final ArticleIndex index;
  private final Coverage coverage;

  /** Trends over {@code index}, with outages from {@code coverage}. */
  public Trends(ArticleIndex index, Coverage coverage) {
    this.index = index;
    this.coverage = coverage;
  }

  /** The version buckets are computed from now; read it before computing, for a cache key. */
  public Version version() {
    return new Version(index.readerVersion(), coverage.version());
  }

  /**
   * The buckets for {@code filter} (theme, lang, source; its from/to bound the range), days and
   * weeks starting at midnight in {@code zone}. Without bounds the range ends with the newest
   * article and starts with the oldest, or {@link #MAX_BUCKETS} buckets before the end, whichever
   * is later.
   *
   * @throws BadQueryException when the range needs more than {@link #MAX_BUCKETS} buckets
   */
  public List<Bucket> buckets(ArticleFilter filter, Interval interval, ZoneId zone) {
    Optional<Instant[]> range = index.timeRange();
    Instant to = filter.to();
    Instant from = filter.from();
    if (to == null) {
      if (range.isEmpty()) {
        return List.of();
      }
      long newest = range.get()[1].toEpochMilli();
      to = Instant.ofEpochMilli(interval.plus(interval.floor(newest, zone), 1, zone));
    }
    if (from == null) {
      Instant earliest = to.minusMillis(interval.millis() * MAX_BUCKETS);
      from = range.isEmpty() || range.get()[0].isBefore(earliest) ? earliest : range.get()[0];
    }
    if (!from.isBefore(to)) {
      throw new BadQueryException("bad_range", "from must be before to");
    }
    // Days and weeks in a zone differ from their UTC width only by daylight-saving hours.
    long buckets = interval.bucketCount(from, to);
    if (buckets > MAX_BUCKETS) {
      throw new BadQueryException(
          "too_many_buckets",
          "the range holds "
              + buckets
              + " "
              + interval.key()
              + " buckets; at most "
              + MAX_BUCKETS
              + " are allowed — narrow from/to or use a wider interval");
    }
    BucketCounts counted = index.countBuckets(filter, interval, zone, from, to);
    List<Bucket> result = new ArrayList<>(counted.size());
    for (int i = 0; i < counted.size(); i++) {
      Instant start = counted.start(i);
      result.add(
          Bucket.of(
              start,
              counted.count(i),
              counted.total(i),
              coverage.incomplete(start, counted.end(i)),
              coverage.thin(start, counted.end(i))));
    }
    return result;
  }
}
