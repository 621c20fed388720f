package thesiswatch.dashboard.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * Values derived from one segment, kept until the segment closes. A segment's documents and terms
 * never change (an update is a new document elsewhere plus a deletion), so an entry is never
 * stale: keyed by the segment's core it outlives refreshes, keyed by the segment reader (core plus
 * deletions) it lasts until a deletion in that segment. A segment keeps up to a bound of entries
 * and starts afresh when it is reached: reads take no lock (searches read these on every page
 * from many threads; a least-recently-used order would make every read a write under a lock).
 *
 * <p>Thread-safe. Two threads that miss the same key at once both compute it; one result is kept.
 *
 * @param <K> what a value is looked up by within a segment
 * @param <V> the derived value (never null)
 */
final class SegmentCache<K, V> {

  /** Computes a value that is not kept yet. */
  @FunctionalInterface
  interface Loader<K, V> {
    V load(K key) throws IOException;
  }

  private final int maxPerSegment;
  private final boolean withDeletions;
  private final Map<IndexReader.CacheKey, Map<K, V>> segments = new ConcurrentHashMap<>();

  private SegmentCache(int maxPerSegment, boolean withDeletions) {
    this.maxPerSegment = maxPerSegment;
    this.withDeletions = withDeletions;
  }

  /** Values that depend only on a segment's documents and terms, not on which of them are deleted. */
  static <K, V> SegmentCache<K, V> perCore(int maxPerSegment) {
    return new SegmentCache<>(maxPerSegment, false);
  }

  /** Values that also depend on which documents of a segment are deleted. */
  static <K, V> SegmentCache<K, V> perReader(int maxPerSegment) {
    return new SegmentCache<>(maxPerSegment, true);
  }

  /** The value for {@code key} in {@code segment}, computed by {@code loader} when not kept. */
  V get(LeafReader segment, K key, Loader<K, V> loader) throws IOException {
    IndexReader.CacheHelper helper = withDeletions ? segment.getReaderCacheHelper() : segment.getCoreCacheHelper();
    if (helper == null) {
      return loader.load(key);
    }
    Map<K, V> values = segments.computeIfAbsent(helper.getKey(), segmentKey -> {
      helper.addClosedListener(segments::remove);
      return new ConcurrentHashMap<>();
    });
    V value = values.get(key);
    if (value == null) {
      value = loader.load(key);
      if (values.size() >= maxPerSegment) {
        values.clear();
      }
      values.put(key, value);
    }
    return value;
  }

  /** Segments with kept values (for tests: a closed segment's values go with it). */
  int segments() {
    return segments.size();
  }
}
