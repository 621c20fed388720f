package thesiswatch.dashboard.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexWriter;

/**
 * The positions of the records indexed (topic, partition → next offset) and small named states
 * (e.g. the alert state), kept in the Lucene commit's user data. Written by the same commit as the
 * documents, so after a crash the index and the positions agree: replaying from the positions loses
 * nothing and counts nothing twice.
 *
 * <p>Thread-safe: the consumer thread records, any thread reads.
 */
final class IndexCheckpoint {

  private static final String OFFSET_PREFIX = "offset:";
  private static final String STATE_PREFIX = "state:";

  /** Positions and states to be written with the next commit (starting from the last one). */
  private final Map<String, String> pending = new ConcurrentHashMap<>();

  /** The checkpoint as {@code writer}'s index last committed it. */
  IndexCheckpoint(IndexWriter writer) {
    Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
    if (committed != null) {
      committed.forEach(e -> pending.put(e.getKey(), e.getValue()));
    }
    // Every commit says which layout wrote it (ArticleSchema#checkLayout reads it on open).
    pending.put(ArticleSchema.LAYOUT_KEY, ArticleSchema.LAYOUT_VERSION);
  }

  /** Records that {@code topic}/{@code partition} is read up to {@code nextOffset} (exclusive). */
  void recordPosition(String topic, int partition, long nextOffset) {
    pending.put(OFFSET_PREFIX + topic + ":" + partition, Long.toString(nextOffset));
  }

  /** The next offset to read per partition of {@code topic}, as last recorded. */
  Map<Integer, Long> positions(String topic) {
    Map<Integer, Long> positions = new TreeMap<>();
    String prefix = OFFSET_PREFIX + topic + ":";
    pending.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            positions.put(Integer.parseInt(key.substring(prefix.length())), Long.parseLong(value));
          }
        });
    return positions;
  }

  /** Sets the named state to be written with the next commit. */
  void putState(String name, String value) {
    pending.put(STATE_PREFIX + name, value);
  }

  /** The named state as last put or committed. */
  Optional<String> state(String name) {
    return Optional.ofNullable(pending.get(STATE_PREFIX + name));
  }

  /** Commits {@code writer}'s documents together with the positions and states recorded so far. */
  void commit(IndexWriter writer) throws IOException {
    writer.setLiveCommitData(new HashMap<>(pending).entrySet());
    writer.commit();
  }
}
