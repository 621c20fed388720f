package thesiswatch.common;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic's committed records from a starting point to the end the topic had when the read
 * began: how a service loads its compacted state, replays recent history, or re-tags everything.
 * Partitions are assigned by hand, so no consumer group is joined and no offset is committed; a
 * record written after the read began is not handed over, so a read of a busy topic ends.
 */
public final class TopicReader {

  /** How long a metadata or offset lookup may take when the read itself has no deadline. */
  public static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(200);

  private TopicReader() {}

  /**
   * How far a read got.
   *
   * @param records records handed over
   * @param complete whether every partition was read to its end (false when the deadline came
   *     first)
   */
  public record Progress(long records, boolean complete) {}

  /** Settings for a reader with keys as text and values as bytes (the pipeline's JSON). */
  public static Properties settings(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Only what committed transactions wrote: an aborted batch was never published.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Partitions are assigned by hand; no group, nothing committed.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Distinct per read, so broker logs tell concurrent reads apart.
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "thesiswatch-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  /**
   * Hands every committed record of {@code topic} from {@code since} on (null: from the beginning)
   * up to the end offsets seen at the start to {@code handler}, one poll's records at a time, in
   * offset order within each partition. A topic that does not exist has nothing to read.
   *
   * @param settings consumer settings with {@link StringDeserializer} keys and {@link
   *     ByteArrayDeserializer} values, e.g. {@link #settings}; a group id, if any, is unused
   * @param timeout bounds the whole read, lookups included; null reads for as long as it takes
   *     (each lookup still bounded by {@link #LOOKUP_TIMEOUT})
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be reached in time
   */
  public static Progress read(
      Properties settings,
      String topic,
      Instant since,
      Duration timeout,
      Consumer<List<ConsumerRecord<String, byte[]>>> handler) {
    Instant deadline = timeout == null ? null : Instant.now().plus(timeout);
    Duration lookup = timeout == null ? LOOKUP_TIMEOUT : timeout;
    long handed = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
      List<TopicPartition> partitions = new ArrayList<>();
      List<PartitionInfo> infos = consumer.partitionsFor(topic, lookup);
      for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      if (partitions.isEmpty()) {
        return new Progress(0, true);
      }
      consumer.assign(partitions);
      // read_committed end offsets are the last stable offsets: everything committed so far.
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, lookup);
      seekToStart(consumer, partitions, since, end, lookup);
      while (!reached(consumer, end)) {
        if (deadline != null && Instant.now().isAfter(deadline)) {
          return new Progress(handed, false);
        }
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
            batch.add(record);
          }
        }
        if (!batch.isEmpty()) {
          handler.accept(batch);
          handed += batch.size();
        }
      }
    }
    return new Progress(handed, true);
  }

  /**
   * The latest value per key of a compacted {@code topic}, read to its end as {@code type}:
   * tombstones remove their key, and a value that is not a valid {@code type} is skipped (it costs
   * its key its memory, never the read), reported to {@code skipped}.
   *
   * @param timeout bounds the read; null for as long as it takes
   * @throws TimeoutException when the topic was not read to its end within {@code timeout}
   */
  public static <T> Map<String, T> latest(
      String bootstrapServers,
      String topic,
      Class<T> type,
      Duration timeout,
      BiConsumer<ConsumerRecord<String, byte[]>, IllegalArgumentException> skipped) {
    return latest(
        bootstrapServers, topic, (key, value) -> Json.read(value, type), timeout, skipped);
  }

  /**
   * As {@link #latest(String, String, Class, Duration, BiConsumer)}, each value read by {@code
   * reader} from its record's key and bytes; an {@link IllegalArgumentException} from it skips the
   * record.
   */
  public static <T> Map<String, T> latest(
      String bootstrapServers,
      String topic,
      BiFunction<String, byte[], T> reader,
      Duration timeout,
      BiConsumer<ConsumerRecord<String, byte[]>, IllegalArgumentException> skipped) {
    Map<String, T> values = new HashMap<>();
    Progress progress =
        read(
            settings(bootstrapServers),
            topic,
            null,
            timeout,
            batch -> {
              for (ConsumerRecord<String, byte[]> record : batch) {
                if (record.key() == null) {
                  continue;
                }
                if (record.value() == null) {
                  values.remove(record.key());
                  continue;
                }
                try {
                  values.put(record.key(), reader.apply(record.key(), record.value()));
                } catch (IllegalArgumentException e) {
                  skipped.accept(record, e);
                }
              }
            });
    if (!progress.complete()) {
      throw new TimeoutException(topic + " not read to its end within " + timeout);
    }
    return values;
  }

  private static void seekToStart(
      KafkaConsumer<String, byte[]> consumer,
      List<TopicPartition> partitions,
      Instant since,
      Map<TopicPartition, Long> end,
      Duration lookup) {
    if (since == null) {
      consumer.seekToBeginning(partitions);
      return;
    }
    Map<TopicPartition, Long> times = new HashMap<>();
    partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, lookup);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp start = starts.get(partition);
      // No record at or after the time: nothing of this partition is recent enough.
      consumer.seek(partition, start == null ? end.get(partition) : start.offset());
    }
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
      if (consumer.position(entry.getKey()) < entry.getValue()) {
        return false;
      }
    }
    return true;
  }
}
