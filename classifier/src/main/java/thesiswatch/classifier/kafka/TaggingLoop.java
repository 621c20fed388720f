package thesiswatch.classifier.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InterruptException;
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
import thesiswatch.common.KafkaRefusals;
import thesiswatch.common.StallWatch;
import thesiswatch.common.Topics;

// Over 400 lines: the transaction's failure tiers (retry, narrow, dead-letter, fatal) read best
// beside the loop they steer; tagging, limits and dead letters are classes of their own.
/**
 * (Longer than most classes: the error tiers and the narrowing belong with the transaction they
 * guard.)
 *
 * <p>The classifier's consume → tag → produce loop, exactly once: each poll is one Kafka
 * transaction holding the tagged articles, the dead letters and the consumed offsets ({@code
 * sendOffsetsToTransaction}), so a crash at any point either publishes a batch and moves the group
 * past it, or neither.
 *
 * <p>Errors in four tiers: a fenced or otherwise unusable producer or consumer is fatal (another
 * instance with the same id took over; the loop ends and {@link #failure()} says why, as it does
 * for any {@link Error} outside one record's tagging); a batch Kafka refuses for what it holds (a
 * record over the size limit) is aborted and read again one record per transaction, and a record
 * refused alone goes to {@code articles.dlq} with the error in its headers, so one record never
 * blocks its partition; any other Kafka error aborts the transaction and rewinds the consumer to
 * the committed offsets, so the batch is tagged again; an unreadable record, or one whose tagging
 * throws, is not an error of the batch but a dead letter. A commit that times out is the exception
 * to the third tier: Kafka forbids aborting it, so it is committed again. Every tier keeps the
 * exactly-once rule: what a transaction publishes and the offsets it moves past commit together.
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
   * Partitions whose records up to an offset Kafka refused as a batch: read one per transaction.
   */
  private final Map<TopicPartition, Long> suspects = new HashMap<>();

  /** Why Kafka refused the last batch or record it refused. */
  private RuntimeException lastRefusal;

  private final StallWatch stalls;

  /**
   * A loop for {@code config}, tagging with whatever {@code matcher} supplies at each batch,
   * running {@code beforePoll} (e.g. the themes-file check) before each poll, telling {@code
   * stalls} when a batch waits (aborted, to be read again) and when one commits.
   */
  public TaggingLoop(
      ClassifierConfig config,
      Supplier<ThemeMatcher> matcher,
      Runnable beforePoll,
      Listener listener,
      StallWatch stalls) {
    this(config, KAFKA, matcher, beforePoll, listener, stalls);
  }

  TaggingLoop(
      ClassifierConfig config,
      Clients clients,
      Supplier<ThemeMatcher> matcher,
      Runnable beforePoll,
      Listener listener,
      StallWatch stalls) {
    this.stalls = stalls;
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
      consumer.subscribe(List.of(config.topics().articles()), new Rebalances());
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
    } catch (RuntimeException | Error e) {
      // Whatever else ends the loop is a fatal error, never a silent stop: the service exits 1.
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
    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
    records.forEach(batch::add);
    if (batch.stream().anyMatch(this::suspect)) {
      processOneByOne(consumer, producer, batch);
      return;
    }
    Failure failure = transact(consumer, producer, batch);
    if (failure == Failure.REFUSED) {
      // Some record of the batch made Kafka refuse it: read again, these records go one per
      // transaction until each refused one is dead-lettered alone.
      for (ConsumerRecord<String, byte[]> record : batch) {
        suspects.merge(
            new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
      }
      log.warn(
          "Kafka refused a batch of {} articles ({}); reading it again one article per"
              + " transaction",
          batch.size(),
          lastRefusal.toString());
    }
  }

  /**
   * Each record in its own transaction; a record Kafka refuses alone goes to the dead-letter topic;
   * a retriable failure stops the pass (the consumer is back at the failed record).
   */
  private void processOneByOne(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      List<ConsumerRecord<String, byte[]>> batch) {
    for (ConsumerRecord<String, byte[]> record : batch) {
      Failure failure = transact(consumer, producer, List.of(record));
      if (failure == Failure.RETRY) {
        return;
      }
      if (failure == Failure.REFUSED && deadLetterAlone(consumer, producer, record) != null) {
        return;
      }
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      suspects.computeIfPresent(partition, (p, until) -> record.offset() >= until ? null : until);
    }
  }

  /** Whether {@code record} lies in a range Kafka refused as a whole batch. */
  private boolean suspect(ConsumerRecord<String, byte[]> record) {
    Long until = suspects.get(new TopicPartition(record.topic(), record.partition()));
    return until != null && record.offset() <= until;
  }

  /** How a transaction ended, when it did not commit. */
  private enum Failure {
    /** Kafka is unreachable or the producer state needs a new attempt: read the batch again. */
    RETRY,
    /** Kafka refused what the batch holds: the same batch can never commit. */
    REFUSED
  }

  /**
   * Tags {@code batch} and commits it, its output and its offsets in one transaction; null when
   * committed. On failure the transaction is aborted and the consumer rewound to the committed
   * offsets, so nothing of it counts and it is read again.
   */
  private Failure transact(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      List<ConsumerRecord<String, byte[]>> batch) {
    long start = System.nanoTime();
    producer.beginTransaction();
    try {
      BatchTagger.Output output = tagger.tag(batch, matcher.get(), Instant.now());
      sendAcknowledged(producer, output.records(config.topics()));
      producer.sendOffsetsToTransaction(nextOffsets(batch), consumer.groupMetadata());
      commit(producer);
      progressed();
      listener.committed(output, Duration.ofNanos(System.nanoTime() - start));
      return null;
    } catch (KafkaException e) {
      if (fatal(e)) {
        throw e;
      }
      abort(consumer, producer, batch);
      listener.aborted(e);
      if (KafkaRefusals.refusesContent(e)) {
        lastRefusal = e;
        return Failure.REFUSED;
      }
      log.warn("batch of {} articles aborted, reading it again: {}", batch.size(), e.toString());
      return Failure.RETRY;
    } catch (RuntimeException e) {
      // Not Kafka's failure, and not one record's (the tagger catches those): what the batch
      // holds made sending it throw, so it is narrowed like a refused one.
      abort(consumer, producer, batch);
      lastRefusal = e;
      return Failure.REFUSED;
    }
  }

  /**
   * Dead-letters {@code record}, which Kafka refused even alone, in a transaction of its own that
   * also moves the group past it; without its value when the value is too large for the dead-letter
   * topic too. Null when committed.
   */
  private Failure deadLetterAlone(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      ConsumerRecord<String, byte[]> record) {
    String kind = KafkaRefusals.tooLarge(lastRefusal) ? DeadLetters.TOO_LARGE : DeadLetters.REFUSED;
    ProducerRecord<String, byte[]> letter =
        DeadLetters.of(
            Topics.dlq(config.topics().articles()),
            record,
            kind,
            "Kafka refused what tagging it made: " + lastRefusal);
    Failure failure = sendAlone(consumer, producer, record, letter, kind);
    if (failure == Failure.REFUSED) {
      failure = sendAlone(consumer, producer, record, DeadLetters.withoutValue(letter), kind);
    }
    if (failure != null) {
      log.warn("dead-lettering article record at offset {} failed; retrying", record.offset());
    }
    return failure;
  }

  private Failure sendAlone(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      ConsumerRecord<String, byte[]> record,
      ProducerRecord<String, byte[]> letter,
      String kind) {
    long start = System.nanoTime();
    producer.beginTransaction();
    try {
      sendAcknowledged(producer, List.of(letter));
      producer.sendOffsetsToTransaction(nextOffsets(List.of(record)), consumer.groupMetadata());
      commit(producer);
      progressed();
      listener.committed(
          new BatchTagger.Output(List.of(), List.of(new BatchTagger.DeadLetter(letter, kind))),
          Duration.ofNanos(System.nanoTime() - start));
      log.warn(
          "article record {}-{}@{} dead-lettered as {}",
          record.topic(),
          record.partition(),
          record.offset(),
          kind);
      return null;
    } catch (KafkaException e) {
      if (fatal(e)) {
        throw e;
      }
      abort(consumer, producer, List.of(record));
      listener.aborted(e);
      return KafkaRefusals.refusesContent(e) ? Failure.REFUSED : Failure.RETRY;
    }
  }

  /**
   * Sends {@code records} in the open transaction and waits until the broker has taken each one,
   * throwing the first refusal. The offsets join the transaction only after this: when they were
   * sent beside a record the broker then refused, the aborted transaction's offsets were sometimes
   * committed all the same (seen on Kafka 4.1, transaction protocol v2), so the group moved past
   * articles whose tagged records were aborted, and they were lost.
   */
  private static void sendAcknowledged(
      Producer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
    for (ProducerRecord<String, byte[]> record : records) {
      sent.add(producer.send(record));
    }
    producer.flush();
    for (Future<RecordMetadata> acknowledgement : sent) {
      try {
        acknowledgement.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof KafkaException kafka
            ? kafka
            : new KafkaException("sending a record failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptException(e);
      }
    }
  }

  private void abort(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      List<ConsumerRecord<String, byte[]>> batch) {
    stalls.waiting();
    producer.abortTransaction();
    Set<TopicPartition> partitions = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : batch) {
      partitions.add(new TopicPartition(record.topic(), record.partition()));
    }
    rewind(consumer, partitions);
  }

  private void progressed() {
    stalls.progressed();
  }

  /**
   * Whether the producer cannot abort after {@code e}, so the loop must end: fenced, unauthorised,
   * unsupported, a commit that never resolved. An out-of-order sequence that follows a refused
   * record (the broker rejects the records after it in the same partition) is the refusal's
   * consequence, not a broken producer.
   */
  private static boolean fatal(KafkaException e) {
    boolean fatal =
        e instanceof ProducerFencedException
            || e instanceof InvalidProducerEpochException
            || e instanceof OutOfOrderSequenceException
            || e instanceof AuthorizationException
            || e instanceof UnsupportedVersionException
            || e instanceof CommitUnresolvedException;
    return fatal
        && !(e instanceof OutOfOrderSequenceException
            && KafkaRefusals.refusesContent(e.getCause()));
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
      List<ConsumerRecord<String, byte[]>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      offsets.merge(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1),
          (a, b) -> a.offset() >= b.offset() ? a : b);
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
   * Rebalances need no action on Kafka's side: a batch's transaction is committed or aborted before
   * the next poll, and partitions are only revoked or lost inside poll, so no transaction is ever
   * open across a rebalance. Offsets live in the transactions, so a new owner starts where the old
   * one committed. The work this instance waited to redo goes with its partitions: no stall is
   * left.
   */
  private final class Rebalances implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      log.info("partitions revoked: {}", partitions);
      partitions.forEach(suspects::remove);
      stalls.idle();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      log.info("partitions assigned: {}", partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      log.warn("partitions lost (another instance owns them now): {}", partitions);
      partitions.forEach(suspects::remove);
      stalls.idle();
    }
  }
}
