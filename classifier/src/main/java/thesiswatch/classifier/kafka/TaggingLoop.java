package thesiswatch.classifier.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.classifier.ClassifierConfig;
import thesiswatch.classifier.match.ThemeMatcher;

/**
 * The classifier's consume → tag → produce loop, exactly once: each poll is one Kafka transaction
 * holding the tagged articles, the dead letters and the consumed offsets ({@code
 * sendOffsetsToTransaction}), so a crash at any point either publishes a batch and moves the group
 * past it, or neither.
 *
 * <p>Errors in three tiers: a fenced or otherwise unusable producer or consumer is fatal (another
 * instance with the same id took over; the loop ends and {@link #failure()} says why); any other
 * Kafka error aborts the transaction and rewinds the consumer to the committed offsets, so the
 * batch is tagged again; an unreadable record is not an error of the batch but a dead letter. A
 * commit that times out is the exception to the second tier: Kafka forbids aborting it, so it is
 * committed again.
 */
public final class TaggingLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(TaggingLoop.class);

  /** What the loop reports, for metrics. */
  public interface Listener {
    /** A batch was committed. */
    void committed(BatchTagger.Output output, Duration took);

    /** A batch was aborted and will be read again. */
    void aborted(KafkaException cause);

    /** The loop's Kafka clients exist (for their client metrics); they close when the loop ends. */
    void clientsOpened(Consumer<?, ?> consumer, Producer<?, ?> producer);

    /** The loop's Kafka clients closed. */
    void clientsClosed();
  }

  /** Makes the loop's Kafka clients from their settings; tests hand in mock clients. */
  interface Clients {
    Consumer<String, byte[]> consumer(Properties settings);

    Producer<String, byte[]> producer(Properties settings);
  }

  private static final Clients KAFKA =
      new Clients() {
        @Override
        public Consumer<String, byte[]> consumer(Properties settings) {
          return new KafkaConsumer<>(settings);
        }

        @Override
        public Producer<String, byte[]> producer(Properties settings) {
          return new KafkaProducer<>(settings);
        }
      };

  private final ClassifierConfig config;
  private final Clients clients;
  private final Supplier<ThemeMatcher> matcher;
  private final Runnable beforePoll;
  private final Listener listener;
  private final BatchTagger tagger;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopped;
  private volatile Consumer<String, byte[]> consumer;
  private volatile Throwable failure;

  /**
   * A loop for {@code config}, tagging with whatever {@code matcher} supplies at each batch,
   * running {@code beforePoll} (e.g. the themes-file check) before each poll.
   */
  public TaggingLoop(
      ClassifierConfig config,
      Supplier<ThemeMatcher> matcher,
      Runnable beforePoll,
      Listener listener) {
    this(config, KAFKA, matcher, beforePoll, listener);
  }

  TaggingLoop(
      ClassifierConfig config,
      Clients clients,
      Supplier<ThemeMatcher> matcher,
      Runnable beforePoll,
      Listener listener) {
    this.config = config;
    this.clients = clients;
    this.matcher = matcher;
    this.beforePoll = beforePoll;
    this.listener = listener;
    this.tagger = new BatchTagger(config.topics());
  }

  @Override
  public void run() {
    Consumer<String, byte[]> consumer = null;
    Producer<String, byte[]> producer = null;
    try {
      consumer = clients.consumer(KafkaClients.consumer(config));
      this.consumer = consumer;
      producer = clients.producer(KafkaClients.producer(config, config.transactionalId()));
      listener.clientsOpened(consumer, producer);
      // Fences any older instance with our transactional id and aborts its open transaction.
      producer.initTransactions();
      consumer.subscribe(List.of(config.topics().articles()), new RebalanceLog());
      log.info(
          "classifier tagging {} → {} as {} (group {})",
          config.topics().articles(),
          config.topics().tagged(),
          config.transactionalId(),
          config.groupId());
      while (!stopped) {
        beforePoll.run();
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(config.pollTimeout());
        } catch (WakeupException e) {
          if (stopped) {
            break;
          }
          throw e;
        }
        if (!records.isEmpty()) {
          process(consumer, producer, records);
        }
      }
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | FencedInstanceIdException e) {
      failure = e;
      log.error(
          "classifier stopped: fenced by a newer instance with id {}: {}",
          config.transactionalId(),
          e.toString());
    } catch (WakeupException e) {
      // Woken inside a batch's rewind by stop(): the batch was aborted and will be read again.
      if (!stopped) {
        failure = e;
      }
    } catch (RuntimeException e) {
      failure = e;
      log.error("classifier stopped: {}", e.toString(), e);
    } finally {
      listener.clientsClosed();
      closeQuietly(producer, consumer);
      finished.countDown();
    }
  }

  private void process(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      ConsumerRecords<String, byte[]> records) {
    long start = System.nanoTime();
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
    records.forEach(batch::add);
    producer.beginTransaction();
    try {
      BatchTagger.Output output = tagger.tag(batch, matcher.get(), Instant.now());
      for (ProducerRecord<String, byte[]> record : output.records(config.topics())) {
        producer.send(record);
      }
      producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
      commit(producer);
      listener.committed(output, Duration.ofNanos(System.nanoTime() - start));
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException
        | CommitUnresolvedException e) {
      // The producer cannot abort after these; the loop ends.
      throw e;
    } catch (KafkaException e) {
      log.warn("batch of {} articles aborted, reading it again: {}", batch.size(), e.toString());
      producer.abortTransaction();
      rewind(consumer, records.partitions());
      listener.aborted(e);
    } catch (RuntimeException e) {
      // A bug in tagging: publish nothing of the batch, then stop.
      producer.abortTransaction();
      throw e;
    }
  }

  /**
   * Commits the open transaction. A commit that timed out may still be completing at the broker, so
   * Kafka allows only the commit to be tried again, never an abort. It is tried again until the
   * transaction timeout has passed; by then the broker has settled the transaction one way or the
   * other, and only a new producer (a restarted instance) can learn which.
   */
  private void commit(Producer<String, byte[]> producer) {
    long deadline = System.nanoTime() + config.transactionTimeout().toNanos();
    while (true) {
      try {
        producer.commitTransaction();
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() - deadline >= 0) {
          throw new CommitUnresolvedException(config.transactionTimeout(), e);
        }
        log.warn("committing a batch timed out, committing it again: {}", e.toString());
      }
    }
  }

  /** A commit that kept timing out for the whole transaction timeout: the loop must end. */
  static final class CommitUnresolvedException extends KafkaException {
    CommitUnresolvedException(Duration tried, TimeoutException last) {
      super("a batch's commit did not complete within " + tried + "; restart to resolve it", last);
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
      offsets.put(
          partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
    }
    return offsets;
  }

  /** Back to the last committed offsets, so an aborted batch is read again. */
  private static void rewind(Consumer<String, byte[]> consumer, Set<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      if (offset == null) {
        consumer.seekToBeginning(List.of(partition));
      } else {
        consumer.seek(partition, offset);
      }
    }
  }

  /** Stops the loop: the open batch, if any, is committed first. Returns at once. */
  public void stop() {
    stopped = true;
    Consumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  /** Waits up to {@code timeout} for the loop to end; whether it did. */
  public boolean await(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the loop has ended. */
  public boolean finished() {
    return finished.getCount() == 0;
  }

  /** Why the loop ended on its own, or null. */
  public Throwable failure() {
    return failure;
  }

  private void closeQuietly(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer) {
    Duration timeout = config.closeTimeout();
    if (producer != null) {
      try {
        producer.close(timeout);
      } catch (RuntimeException e) {
        log.warn("closing the producer failed: {}", e.toString());
      }
    }
    if (consumer != null) {
      try {
        consumer.close(timeout);
      } catch (RuntimeException e) {
        log.warn("closing the consumer failed: {}", e.toString());
      }
    }
  }

  /**
   * Rebalances need no action: a batch's transaction is committed or aborted before the next poll,
   * and partitions are only revoked or lost inside poll, so no transaction is ever open across a
   * rebalance. Offsets live in the transactions, so a new owner starts where the old one committed.
   */
  private static final class RebalanceLog implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      log.info("partitions revoked: {}", partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      log.info("partitions assigned: {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      log.warn("partitions lost (another instance owns them now): {}", partitions);
    }
  }
}
