package thesiswatch.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;

/** Reads the compacted {@code feed-state} topic to its end: the last committed state of every feed. */
public final class FeedStateStore {

  private static final Logger LOG = LoggerFactory.getLogger(FeedStateStore.class);

  private FeedStateStore() {}

  /**
   * The latest state per feed URL.
   *
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached within
   *     {@code timeout}
   */
  public static Map<String, FeedState> load(String bootstrapServers, String topic, Duration timeout) {
    Map<String, FeedState> states = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(IngestKafka.stateReader(bootstrapServers))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // read_committed end offsets are the last stable offsets: everything committed so far.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (!caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          throw new TimeoutException(
              "feed state: " + topic + " not read to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(states, record);
        }
      }
    }
    return states;
  }

  private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
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
      LOG.warn("feed state: skipping unreadable state feed_url={} offset={}: {}", record.key(), record.offset(),
          e.getMessage());
    }
  }
}
