package thesiswatch.dashboard.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.DeadLetter;
import thesiswatch.common.TopicReader;
import thesiswatch.dashboard.intake.RecordProblem;

/**
 * Writes the records of {@code articles.tagged} that cannot be indexed to {@code
 * articles.tagged.dlq}, each once. The reader's offsets live in the index commit, so a crash
 * replays the records since the last commit: the letters already on the topic are read first (by
 * their source position), letters are flushed before each index commit so that no commit passes a
 * letter that is not on the broker, and a letter whose source position is on the topic is not
 * written again.
 *
 * <p>Used by the consumer thread only.
 */
final class DeadLetterWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);

  /** How long reading the letters already written may take before it is tried again. */
  private static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String topic;
  private final MeterRegistry registry;
  private final Counter failed;
  private final Set<String> written = new HashSet<>();
  private final List<Future<RecordMetadata>> unflushed = new ArrayList<>();
  private KafkaProducer<String, byte[]> producer;
  private boolean ledgerRead;

  DeadLetterWriter(String bootstrapServers, String topic, MeterRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.registry = registry;
    this.failed =
        Counter.builder("thesiswatch.dashboard.deadletters.failed")
            .description("dead letters the broker refused (the record stays on its own topic)")
            .register(registry);
  }

  /**
   * Reads the source positions of the letters already on the topic, once.
   *
   * @throws org.apache.kafka.common.KafkaException when the broker cannot be read in time; call
   *     again
   */
  void readLedger() {
    if (ledgerRead) {
      return;
    }
    Set<String> found = new HashSet<>();
    TopicReader.Progress progress =
        TopicReader.read(
            TopicReader.settings(bootstrapServers),
            topic,
            null,
            LEDGER_TIMEOUT,
            batch -> {
              for (ConsumerRecord<String, byte[]> record : batch) {
                String source = DeadLetter.sourceOf(record.headers());
                if (source != null) {
                  found.add(source);
                }
              }
            });
    if (!progress.complete()) {
      throw new TimeoutException("reading " + topic + " took longer than " + LEDGER_TIMEOUT);
    }
    written.addAll(found);
    ledgerRead = true;
  }

  /** Writes the letter of {@code record} failed with {@code problem}, unless already written. */
  void write(ConsumerRecord<String, byte[]> record, RecordProblem problem) {
    write(
        record.topic(), record.partition(), record.offset(), record.key(), record.value(), problem);
  }

  /** Writes the letter of the record at a position, unless already written. */
  void write(
      String sourceTopic,
      int partition,
      long offset,
      String key,
      byte[] value,
      RecordProblem problem) {
    Counter.builder("thesiswatch.dashboard.records.dead_lettered")
        .description(
            "records of articles.tagged not indexed, by kind, sent to its dead-letter topic")
        .tag("kind", problem.kind())
        .register(registry)
        .increment();
    LOG.warn(
        "dashboard: {}-{}@{} not indexed: {}: {}",
        sourceTopic,
        partition,
        offset,
        problem.kind(),
        problem.message());
    String position = DeadLetter.position(sourceTopic, partition, offset);
    if (!written.add(position)) {
      return; // replayed after a crash or a reopen: its letter is on the topic already
    }
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              DashboardProducers.properties(bootstrapServers, "thesiswatch-dashboard-dlq"));
    }
    ProducerRecord<String, byte[]> letter =
        DeadLetter.of(
            topic, sourceTopic, partition, offset, key, value, problem.kind(), problem.message());
    unflushed.add(producer.send(letter));
  }

  /**
   * Blocks until every letter written so far is on the broker (before the index commit that passes
   * their offsets). A letter the broker refuses for good is logged and counted: its record stays on
   * its own topic, and one bad letter must not hold up the partition.
   */
  void flush() {
    if (unflushed.isEmpty()) {
      return;
    }
    producer.flush();
    for (Future<RecordMetadata> sent : unflushed) {
      try {
        sent.get();
      } catch (ExecutionException e) {
        failed.increment();
        LOG.error("dashboard: a dead letter to {} was refused: {}", topic, e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    unflushed.clear();
  }

  @Override
  public void close() {
    if (producer != null) {
      flush();
      producer.close();
    }
  }
}
