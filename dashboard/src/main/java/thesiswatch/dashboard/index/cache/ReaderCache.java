package thesiswatch.dashboard.index.cache;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * Saves recomputing what was derived from a segment or reader; an entry is dropped when its reader
 * closes, or with the rest of its reader's entries when their bound is reached.
 *
 * <p>Values derived from one index reader (a segment, or the whole index as one refresh sees it),
 * kept until that reader closes. A segment's documents and terms never change (an update is a new
 * document elsewhere plus a deletion), so an entry is never stale: kept per segment core it
 * outlives refreshes; kept per reader (a segment with its deletions, or a whole index reader) it
 * lasts until the next deletion or refresh. A reader keeps up to a bound of entries and starts
 * afresh when it is reached: reads take no lock (searches read these on every page from many
 * threads; a least-recently-used order would make every read a write under a lock).
 *
 * <p>Thread-safe. Two threads that miss the same key at once both compute it; one result is kept.
 *
 * @param <K> what a value is looked up by within a reader
 * @param <V> the derived value (never null)
 */
public final class ReaderCache<K, V> {

  /** Computes a value that is not kept yet. */
  @FunctionalInterface
  public interface Loader<K, V> {
    V load(K key) throws IOException;
  }

  private final int maxPerReader;
  private final boolean perCore;
  private final Map<IndexReader.CacheKey, Map<K, V>> readers = new ConcurrentHashMap<>();

  private ReaderCache(int maxPerReader, boolean perCore) {
    this.maxPerReader = maxPerReader;
    this.perCore = perCore;
  }

  /**
   * Values that depend only on a segment's documents and terms, not on which of them are deleted.
   */
  public static <K, V> ReaderCache<K, V> perCore(int maxPerSegment) {
    return new ReaderCache<>(maxPerSegment, true);
  }

  /** Values that depend on everything a reader sees, deletions included. */
  public static <K, V> ReaderCache<K, V> perReader(int maxPerReader) {
    return new ReaderCache<>(maxPerReader, false);
  }

  /**
   * The value for {@code key} in {@code reader} (a segment, for a per-core cache), computed by
   * {@code loader} when not kept.
   */
  public V get(IndexReader reader, K key, Loader<K, V> loader) throws IOException {
    IndexReader.CacheHelper helper =
        perCore
            ? (reader instanceof LeafReader segment ? segment.getCoreCacheHelper() : null)
            : reader.getReaderCacheHelper();
    if (helper == null) {
      return loader.load(key);
    }
    Map<K, V> values =
        readers.computeIfAbsent(
            helper.getKey(),
            readerKey -> {
              helper.addClosedListener(readers::remove);
              return new ConcurrentHashMap<>();
            });
    V value = values.get(key);
    if (value == null) {
      value = loader.load(key);
      if (values.size() >= maxPerReader) {
        values.clear();
      }
      values.put(key, value);
    }
    return value;
  }

  /** Readers with kept values (for tests: a closed reader's values go with it). */
  int readers() {
    return readers.size();
  }
}
