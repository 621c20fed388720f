package thesiswatch.dashboard.backfill;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.BackfillState;
import thesiswatch.common.TopicReader;

/**
 * Follows the compacted {@code backfill-state} topic from its beginning into {@link
 * BackfillProgress}, on its own thread ({@code dashboard-backfill-state}): the progress is shown,
 * never indexed, so it needs no offsets of its own. A missing topic or an absent broker is asked
 * again every few seconds; nothing here can stop the dashboard.
 */
public final class BackfillStateReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackfillStateReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final String bootstrapServers;
  private final String topic;
  private final BackfillProgress progress;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile KafkaConsumer<String, byte[]> consumer;

  /** A reader of {@code topic} into {@code progress}; call {@link #start()}. */
  public BackfillStateReader(String bootstrapServers, String topic, BackfillProgress progress) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.progress = progress;
    this.thread = new Thread(this::loop, "dashboard-backfill-state");
    this.thread.setDaemon(true);
  }

  /** Starts following the topic. */
  public void start() {
    thread.start();
  }

  private void loop() {
    while (!stopping) {
      Properties settings = TopicReader.settings(bootstrapServers);
      try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(settings)) {
        consumer = kafka;
        List<PartitionInfo> partitions = kafka.partitionsFor(topic, RETRY);
        if (partitions == null || partitions.isEmpty()) {
          pause();
          continue;
        }
        List<TopicPartition> assigned =
            partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        kafka.assign(assigned);
        kafka.seekToBeginning(assigned);
        while (!stopping) {
          for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
            apply(record);
          }
        }
      } catch (WakeupException e) {
        return;
      } catch (KafkaException e) {
        LOG.debug("dashboard: backfill progress unavailable for now: {}", e.toString());
        pause();
      } finally {
        consumer = null;
      }
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return; // a compacted topic refuses such records; nothing could remove it again
    }
    if (record.value() == null) {
      progress.remove(record.key());
      return;
    }
    try {
      progress.update(BackfillState.read(record.key(), record.value()));
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "dashboard: ignoring an unreadable backfill state {}: {}", record.key(), e.getMessage());
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  /** Stops the thread; idempotent. */
  @Override
  public void close() {
    stopping = true;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    } else {
      // Only a pause between attempts needs an interrupt: one that reaches the consumer while it
      // closes makes Kafka log an ERROR for a clean stop.
      thread.interrupt();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
