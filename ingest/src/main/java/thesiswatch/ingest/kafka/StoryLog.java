package thesiswatch.ingest.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Article;
import thesiswatch.common.Json;

/**
 * Replays the recent part of the {@code articles} topic at start, so the cross-feed story window
 * survives a restart: a copy of a story published before the restart is still recognised.
 */
public final class StoryLog {

  private static final Logger LOG = LoggerFactory.getLogger(StoryLog.class);

  private StoryLog() {}

  /**
   * Hands every committed article written since {@code since} to {@code sink}, partition by
   * partition, oldest first within each.
   *
   * @return how many articles were replayed (fewer than written when {@code timeout} ran out first)
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached within {@code timeout}
   */
  public static int replay(String bootstrapServers, String topic, Instant since, Duration timeout,
      Consumer<Article> sink) {
    int count = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(IngestKafka.stateReader(bootstrapServers))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .collect(Collectors.toList());
      consumer.assign(partitions);
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp start = starts.get(partition);
        consumer.seek(partition, start == null ? end.get(partition) : start.offset());
      }
      Instant deadline = Instant.now().plus(timeout);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          // A partial window only weakens cross-feed matching for a while; it must not stop ingest.
          LOG.warn("story log: replay of {} stopped after {} articles at the {} limit", topic, count, timeout);
          break;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            continue;
          }
          try {
            sink.accept(Json.read(record.value(), Article.class));
            count++;
          } catch (IllegalArgumentException e) {
            LOG.warn("story log: skipping unreadable article offset={} partition={}: {}", record.offset(),
                record.partition(), e.getMessage());
          }
        }
      }
    }
    return count;
  }
}
