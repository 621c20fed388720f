package thesiswatch.dashboard.index.cache;

import java.io.IOException;
import org.apache.lucene.index.LeafReader;

/**
 * Saves counting a segment's trend buckets again for the same filter and interval; a segment's
 * buckets are dropped with its reader, i.e. at its next deletion or merge, or all together at the
 * bound.
 *
 * <p>Kept per segment reader, not per core: a deletion in a segment changes its counts, and gives
 * the segment a new reader. So a repeated trend request only counts the segments that are new since
 * the last one.
 *
 * <p>Thread-safe.
 *
 * @param <B> one segment's buckets; generic so that this package needs nothing from the index's
 */
public final class TrendBucketCache<B> {

  /** Bucket sets (filter and interval) kept per segment. */
  static final int PER_SEGMENT = 64;

  private final ReaderCache<String, B> buckets = ReaderCache.perReader(PER_SEGMENT);

  /**
   * The buckets of {@code segment} for {@code key} (what was counted: the filter and the interval),
   * counted by {@code count} when not kept.
   */
  public B get(LeafReader segment, String key, ReaderCache.Loader<String, B> count)
      throws IOException {
    return buckets.get(segment, key, count);
  }
}
