package thesiswatch.ingest.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.TopicReader;

/**
 * Reads the compacted {@code feed-state} topic to its end: the last committed state of every feed.
 */
public final class FeedStateStore {

  private static final Logger LOG = LoggerFactory.getLogger(FeedStateStore.class);

  private FeedStateStore() {}

  /**
   * The latest state per feed URL.
   *
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached, or the topic
   *     not read to its end, within {@code timeout}
   */
  public static Map<String, FeedState> load(
      String bootstrapServers, String topic, Duration timeout) {
    Map<String, FeedState> states = new HashMap<>();
    TopicReader.Progress progress =
        TopicReader.read(
            TopicReader.settings(bootstrapServers),
            topic,
            null,
            timeout,
            batch -> batch.forEach(record -> apply(states, record)));
    if (!progress.complete()) {
      throw new TimeoutException("feed state: " + topic + " not read to its end within " + timeout);
    }
    return states;
  }

  private static void apply(Map<String, FeedState> states, ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      states.remove(record.key()); // a tombstone: the feed was removed
      return;
    }
    try {
      states.put(record.key(), Json.read(record.value(), FeedState.class));
    } catch (IllegalArgumentException e) {
      // A broken state only costs that feed its memory: it is polled as new.
      LOG.warn(
          "feed state: skipping unreadable state feed_url={} offset={}: {}",
          record.key(),
          record.offset(),
          e.getMessage());
    }
  }
}
