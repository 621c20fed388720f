package thesiswatch.dashboard.index;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import thesiswatch.dashboard.index.cache.TrendBucketCache;

/**
 * Trend buckets counted from doc values, per segment: a segment's buckets are computed in one pass
 * and kept until the segment changes (segments are immutable; a new deletion gives a new segment
 * reader and so a new cache key), so repeated requests only count new segments.
 *
 * <p>Thread-safe.
 */
final class BucketCounter {

  /** One segment's non-empty buckets, sorted by start. */
  private record SegmentBuckets(long[] starts, long[] counts, long[] totals) {}

  private final TrendBucketCache<SegmentBuckets> cache = new TrendBucketCache<>();

  /**
   * Per bucket of {@code interval} from {@code start} (aligned) to {@code end} (exclusive), in
   * {@code searcher}'s index: the articles of {@code filter.theme()} (and {@code filter.stance()},
   * when given; all articles when neither is) and all articles, both under the filter's language
   * and source.
   */
  BucketCounts count(
      IndexSearcher searcher, ArticleFilter filter, Interval interval, Instant start, Instant end)
      throws IOException {
    return count(searcher, filter, interval, ZoneOffset.UTC, start, end);
  }

  /**
   * As {@link #count(IndexSearcher, ArticleFilter, Interval, Instant, Instant)}, in {@code zone}.
   */
  BucketCounts count(
      IndexSearcher searcher,
      ArticleFilter filter,
      Interval interval,
      ZoneId zone,
      Instant start,
      Instant end)
      throws IOException {
    long first = interval.floor(start.toEpochMilli(), zone);
    long endMillis = end.toEpochMilli();
    // In a zone, days and weeks differ in length (daylight saving): find buckets by their starts.
    long[] starts = bucketStarts(interval, zone, first, endMillis);
    int buckets = starts.length;
    long[] counts = new long[buckets];
    long[] totals = new long[buckets];
    if (buckets > 0) {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        SegmentBuckets cached = segmentBuckets(searcher, leaf, filter, interval, zone);
        int i = Arrays.binarySearch(cached.starts(), first);
        for (i = i >= 0 ? i : -i - 1;
            i < cached.starts().length && cached.starts()[i] < endMillis;
            i++) {
          int bucket = Arrays.binarySearch(starts, cached.starts()[i]);
          counts[bucket] += cached.counts()[i];
          totals[bucket] += cached.totals()[i];
        }
      }
    }
    return new BucketCounts(interval, Instant.ofEpochMilli(first), counts, totals, zone);
  }

  /** The starts of the buckets from {@code first} (aligned) that start before {@code end}. */
  private static long[] bucketStarts(Interval interval, ZoneId zone, long first, long end) {
    if (end <= first) {
      return new long[0];
    }
    long[] starts = new long[(int) ((end - first + interval.millis() - 1) / interval.millis()) + 2];
    int n = 0;
    for (long s = first; s < end; s = interval.plus(first, n, zone)) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = s;
    }
    return Arrays.copyOf(starts, n);
  }

  private SegmentBuckets segmentBuckets(
      IndexSearcher searcher,
      LeafReaderContext leaf,
      ArticleFilter filter,
      Interval interval,
      ZoneId zone)
      throws IOException {
    String key =
        filter.theme()
            + "|"
            + filter.stance()
            + "|"
            + filter.lang()
            + "|"
            + filter.source()
            + "|"
            + interval
            + "|"
            + zone.getId();
    return cache.get(leaf.reader(), key, k -> countSegment(searcher, leaf, filter, interval, zone));
  }

  /** Counts one segment: every live document under the language/source filter, in one pass. */
  private static SegmentBuckets countSegment(
      IndexSearcher searcher,
      LeafReaderContext leaf,
      ArticleFilter filter,
      Interval interval,
      ZoneId zone)
      throws IOException {
    ArticleFilter scope = new ArticleFilter(null, null, filter.lang(), filter.source(), null, null);
    Weight weight =
        searcher.createWeight(
            searcher.rewrite(ArticleSchema.filterQuery(scope, false)),
            ScoreMode.COMPLETE_NO_SCORES,
            1);
    BulkScorer scorer = weight.bulkScorer(leaf);
    Map<Long, long[]> byStart = new HashMap<>();
    if (scorer != null) {
      NumericDocValues times = DocValues.getNumeric(leaf.reader(), ArticleSchema.TIME);
      Matcher matcher = new Matcher(leaf, filter);
      scorer.score(
          new LeafCollector() {
            @Override
            public void setScorer(Scorable scorable) {}

            @Override
            public void collect(int doc) throws IOException {
              if (!times.advanceExact(doc)) {
                return;
              }
              long[] bucket =
                  byStart.computeIfAbsent(
                      interval.floor(times.longValue(), zone), k -> new long[2]);
              bucket[1]++;
              if (matcher.matches(doc)) {
                bucket[0]++;
              }
            }
          },
          leaf.reader().getLiveDocs());
    }
    long[] starts = byStart.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    long[] counts = new long[starts.length];
    long[] totals = new long[starts.length];
    for (int i = 0; i < starts.length; i++) {
      long[] bucket = byStart.get(starts[i]);
      counts[i] = bucket[0];
      totals[i] = bucket[1];
    }
    return new SegmentBuckets(starts, counts, totals);
  }

  /** Whether a document has the filter's theme (and stance), read from doc values. */
  private static final class Matcher {
    private final SortedSetDocValues values;
    private final long ord;
    private final boolean all;

    Matcher(LeafReaderContext leaf, ArticleFilter filter) throws IOException {
      all = filter.theme() == null && filter.stance() == null;
      String field;
      String term;
      if (filter.theme() != null && filter.stance() != null) {
        field = ArticleSchema.THEME_STANCE;
        term = filter.theme() + ":" + filter.stance();
      } else if (filter.theme() != null) {
        field = ArticleSchema.THEME;
        term = filter.theme();
      } else {
        field = ArticleSchema.STANCE;
        term = filter.stance();
      }
      values = DocValues.getSortedSet(leaf.reader(), field);
      ord = all ? -1 : values.lookupTerm(new BytesRef(term));
    }

    boolean matches(int doc) throws IOException {
      if (all) {
        return true;
      }
      if (ord < 0 || !values.advanceExact(doc)) {
        return false;
      }
      for (int i = 0; i < values.docValueCount(); i++) {
        if (values.nextOrd() == ord) {
          return true;
        }
      }
      return false;
    }
  }
}
