package thesiswatch.dashboard.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import thesiswatch.common.Env;
import thesiswatch.common.FeedState;
import thesiswatch.common.Json;
import thesiswatch.common.TaggedArticle;
import thesiswatch.common.Topics;
import thesiswatch.dashboard.feeds.FeedHealth;
import thesiswatch.dashboard.index.ArticleIndex;
import thesiswatch.dashboard.intake.Admission;
import thesiswatch.dashboard.intake.IndexHealth;
import thesiswatch.dashboard.intake.RecordProblem;
import thesiswatch.dashboard.intake.StallWatch;
import thesiswatch.dashboard.intake.TaggedRecordCheck;

// Over 400 lines: the reader's loop and its failure tiers read best in one place; the checks, dead
// letters, index health and stall rules are classes of their own.
/**
 * Reads {@code articles.tagged} into the index and {@code feed-state} into feed health, on one
 * named thread. No consumer group: every partition is assigned and sought to the position the index
 * committed, because the index, not Kafka, holds this reader's offsets. {@code feed-state} is
 * compacted and small, so it is read from the beginning on every start.
 *
 * <p>Records are read {@code read_committed} (only the classifier's committed transactions). The
 * index is refreshed every refresh interval and committed, with the offsets, every commit interval
 * — never per record.
 *
 * <p>No value in either topic stops the thread. A tagged record is checked ({@link
 * TaggedRecordCheck}); one that cannot be indexed goes to {@code articles.tagged.dlq} with its kind
 * ({@link DeadLetterWriter}) and its offset is passed like any other, so the records around it go
 * on, each indexed once. A feed state that cannot be read is skipped. Kafka errors follow the tiers
 * of Kafka's own examples: authorization and version errors stop the reader, others are retried
 * after a pause. A failed index write (a full disk) makes the dashboard unhealthy, not dead: every
 * recovery interval the index is reopened at its last commit and replayed from its offsets, until a
 * commit succeeds again. {@link #stalled()} tells when records wait and nothing moves.
 */
public final class TaggedArticleConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TaggedArticleConsumer.class);

  /**
   * How long to wait for a topic's partitions before trying again (the topic may not exist yet).
   */
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

  /** Pause after a failed poll or lookup before the next try (the broker may be restarting). */
  static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  /** Records per poll. */
  static final int MAX_POLL_RECORDS = 2000;

  /** The thread's name, as seen in thread dumps. */
  public static final String THREAD_NAME = "dashboard-consumer";

  /**
   * What the reader needs to know.
   *
   * @param bootstrapServers Kafka
   * @param taggedTopic the tagged articles (its dead letters go to its {@code .dlq})
   * @param feedStateTopic the compacted feed states
   * @param commitInterval time between index commits
   * @param refreshInterval time until a read article is searchable (and the poll timeout)
   * @param stallAfter time without progress, while records wait, after which it is stalled
   * @param recoveryInterval time between attempts to reopen the index after a failed write
   */
  public record Settings(
      String bootstrapServers,
      String taggedTopic,
      String feedStateTopic,
      Duration commitInterval,
      Duration refreshInterval,
      Duration stallAfter,
      Duration recoveryInterval) {}

  /** What the orchestrator does at the consumer's pace, on the consumer thread. */
  public interface Listener {
    /** The partitions are assigned; no record has been read yet. Must not throw. */
    default void assigned() {}

    /** {@code article} passed its check and is about to be indexed. */
    default void admitted(TaggedArticle article) {}

    /** {@code articles} were just made searchable. */
    void indexed(List<TaggedArticle> articles);

    /**
     * Called before each commit, so that state written now (e.g. alerts) is committed with the
     * offsets.
     */
    void beforeCommit();

    /** Called after each commit, for work that must only happen once its state is durable. */
    void afterCommit();

    /** The index was reopened at its last commit: state put since that commit is gone. */
    default void reopened() {}
  }

  private final Settings settings;
  private final ArticleIndex index;
  private final FeedHealth feeds;
  private final Listener listener;
  private final MeterRegistry registry;
  private final TaggedRecordCheck check;
  private final StallWatch watch;
  private final Counter indexedCounter;
  private final Counter publishedDropped;
  private final Counter feedStatesSkipped;
  private final Timer commitTimer;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<TaggedArticle> unrefreshed = new ArrayList<>();
  private volatile boolean running = true;
  private volatile Throwable failure;

  /** What is durable, and the failed index write not recovered from yet. */
  private final IndexHealth health = new IndexHealth();

  /** Whether the index must be reopened before the next record (consumer thread only). */
  private boolean indexBroken;

  /** True while partitions are assigned and the loop runs. */
  private volatile boolean reading;

  /**
   * A consumer with {@code settings} writing to {@code index} and {@code feeds}, judging times and
   * stalls by {@code clock}; call {@link #start()}.
   */
  public TaggedArticleConsumer(
      Settings settings,
      ArticleIndex index,
      FeedHealth feeds,
      Listener listener,
      MeterRegistry registry,
      Clock clock) {
    this.settings = settings;
    this.index = index;
    this.feeds = feeds;
    this.listener = listener;
    this.registry = registry;
    this.check = new TaggedRecordCheck(clock);
    this.watch = new StallWatch(clock, settings.stallAfter());
    this.indexedCounter =
        Counter.builder("thesiswatch.dashboard.articles.indexed")
            .description("tagged articles written to the index")
            .register(registry);
    this.publishedDropped =
        Counter.builder("thesiswatch.dashboard.records.published_dropped")
            .description("tagged articles whose published time was not sane, counted when fetched")
            .register(registry);
    this.feedStatesSkipped =
        Counter.builder("thesiswatch.dashboard.feed_states.skipped")
            .description("records of feed-state that are not a readable feed state")
            .register(registry);
    this.commitTimer =
        Timer.builder("thesiswatch.dashboard.index.commit")
            .description("time to commit the index with its Kafka offsets")
            .register(registry);
    Gauge.builder("thesiswatch.dashboard.consumer.lag", watch, StallWatch::lag)
        .description("records of articles.tagged not yet committed to the index")
        .register(registry);
    Gauge.builder("thesiswatch.dashboard.stalled", this, c -> c.stalled() ? 1 : 0)
        .description("1 while records of articles.tagged wait and the reader makes no progress")
        .register(registry);
    Gauge.builder("thesiswatch.dashboard.index.failing", health, h -> h.problem() == null ? 0 : 1)
        .description("1 while index writes fail (e.g. a full disk) and the index is retried")
        .register(registry);
    this.thread = new Thread(this::run, THREAD_NAME);
  }

  /** Starts reading on the consumer thread. */
  public void start() {
    thread.start();
  }

  /** The error that stopped the consumer for good (e.g. an authorization error), or null. */
  public Throwable failure() {
    return failure;
  }

  /**
   * The failed index write (a full disk) the reader is recovering from, or null while the index is
   * healthy: cleared by the next successful commit.
   */
  public Throwable problem() {
    return health.problem();
  }

  /** Whether records wait and the reader has made no progress for the stall time. */
  public boolean stalled() {
    return watch.stalled();
  }

  /** Whether the consumer has its partitions and reads them. */
  public boolean reading() {
    return reading;
  }

  /** Blocks until the consumer thread has ended. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Kafka {@link Properties} for this reader. */
  static Properties properties(String bootstrapServers) {
    Properties props = new Properties();
    // Where the broker is.
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Shows up in broker logs and metrics.
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "thesiswatch-dashboard");
    // Only records of committed classifier transactions: aborted ones would be counted otherwise.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Offsets live in the Lucene commit, never in Kafka: no group, no auto commit.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // A partition the index has never seen is read from its first record.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // Large batches amortise the per-poll work; the index takes thousands of documents a second.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
    // Keys as text and values as bytes never fail to deserialise: every value reaches the check.
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return props;
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> kafka =
            new KafkaConsumer<>(properties(settings.bootstrapServers()));
        KafkaClientMetrics clientMetrics = new KafkaClientMetrics(kafka);
        DeadLetterWriter letters =
            new DeadLetterWriter(
                settings.bootstrapServers(), Topics.dlq(settings.taggedTopic()), registry)) {
      clientMetrics.bindTo(registry);
      assign(kafka);
      readLedger(letters);
      listener.assigned();
      reading = true;
      long lastCommit = System.nanoTime();
      long lastRefresh = System.nanoTime();
      while (running) {
        if (indexBroken) {
          reopen(kafka);
          continue;
        }
        try {
          ConsumerRecords<String, byte[]> records = poll(kafka);
          for (ConsumerRecord<String, byte[]> record : records) {
            if (record.topic().equals(settings.feedStateTopic())) {
              applyFeedState(record);
            } else {
              index(record, letters);
            }
          }
          watch.turn(health.lag(ends(kafka)), health.progress());
          long now = System.nanoTime();
          long gap =
              RefreshPace.gap(
                      settings.refreshInterval(),
                      unrefreshed.size(),
                      records.count() >= MAX_POLL_RECORDS)
                  .toNanos();
          if (!unrefreshed.isEmpty() && now - lastRefresh >= gap) {
            refresh();
            lastRefresh = now;
          }
          if (now - lastCommit >= settings.commitInterval().toNanos()) {
            commit(letters);
            lastCommit = now;
          }
        } catch (RuntimeException e) {
          if (!IndexHealth.recoverable(e, index.tragedy())) {
            throw e;
          }
          indexBroken = true;
          Throwable problem =
              new IllegalStateException(
                  "the index cannot be written ("
                      + IndexHealth.rootCause(e, index.tragedy())
                      + "); serving its last commit and retrying from it every "
                      + Env.format(settings.recoveryInterval()),
                  e);
          health.failed(problem, readPositions(kafka));
          // The records read but not made durable wait: the stall gauge must see them even when
          // the failed write came before this turn's report.
          watch.turn(health.lag(ends(kafka)), health.progress());
          LOG.error("dashboard: {}", problem.getMessage());
        }
      }
      if (!indexBroken) {
        commit(letters);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error("dashboard consumer stopped: {}", e.toString(), e);
    } finally {
      reading = false;
      stopped.countDown();
    }
  }

  private void index(ConsumerRecord<String, byte[]> record, DeadLetterWriter letters) {
    long next = record.offset() + 1;
    Admission admission = check.check(record.value());
    if (admission instanceof Admission.Refused refused) {
      letters.write(record, refused.problem());
      index.recordPosition(record.topic(), record.partition(), next);
      return;
    }
    Admission.Admitted admitted = (Admission.Admitted) admission;
    TaggedArticle article = admitted.article();
    if (admitted.publishedDropped()) {
      publishedDropped.increment();
    }
    try {
      listener.admitted(article);
      index.upsert(article, record.topic(), record.partition(), next);
    } catch (UncheckedIOException | AlreadyClosedException e) {
      throw e; // the index failed, not the record
    } catch (RuntimeException e) {
      if (index.tragedy() != null) {
        throw e;
      }
      // Lucene refused this document alone (e.g. a term over its length limit); the writer goes on.
      letters.write(record, new RecordProblem(RecordProblem.UNINDEXABLE, e.toString()));
      index.recordPosition(record.topic(), record.partition(), next);
      return;
    }
    unrefreshed.add(article);
    indexedCounter.increment();
  }

  private void refresh() {
    index.refresh();
    List<TaggedArticle> articles = List.copyOf(unrefreshed);
    unrefreshed.clear();
    try {
      listener.indexed(articles);
    } catch (RuntimeException e) {
      // Live updates are a courtesy to the page; they never hold up indexing.
      LOG.warn("dashboard: live update failed: {}", e.toString());
    }
  }

  private void commit(DeadLetterWriter letters) {
    if (!unrefreshed.isEmpty()) {
      refresh();
    }
    listener.beforeCommit();
    letters.flush();
    commitTimer.record(index::commit);
    health.committed(index.positions(settings.taggedTopic()));
    Throwable problem = health.problem();
    if (health.recovered()) {
      LOG.info("dashboard: the index is written again; recovered from {}", problem.getMessage());
    }
    listener.afterCommit();
  }

  /** After a failed write: waits a recovery interval, reopens the index and replays from it. */
  private void reopen(KafkaConsumer<String, byte[]> kafka) {
    watch.turn();
    if (pause(settings.recoveryInterval())) {
      return;
    }
    try {
      index.reopen();
    } catch (RuntimeException e) {
      LOG.warn("dashboard: the index cannot be reopened yet: {}", e.toString());
      return;
    }
    indexBroken = false;
    unrefreshed.clear();
    listener.reopened();
    Map<Integer, Long> positions = seekToIndex(kafka);
    LOG.info(
        "dashboard: index reopened at its last commit; reading {} again from {}",
        settings.taggedTopic(),
        positions);
  }

  private ConsumerRecords<String, byte[]> poll(KafkaConsumer<String, byte[]> kafka) {
    try {
      return kafka.poll(settings.refreshInterval());
    } catch (AuthenticationException
        | AuthorizationException
        | UnsupportedVersionException
        | InvalidTopicException
        | InterruptException e) {
      throw e; // no retry can succeed: stop, so that the supervisor and /health show it
    } catch (KafkaException e) {
      watch.turn();
      LOG.warn("dashboard: reading Kafka failed, retrying in {}: {}", RETRY_PAUSE, e.toString());
      pause(RETRY_PAUSE);
      return ConsumerRecords.empty();
    }
  }

  /** Waits {@code time}; true when the consumer is closing (stop waiting and leave). */
  private boolean pause(Duration time) {
    try {
      return closing.await(time.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return true;
    }
  }

  private void readLedger(DeadLetterWriter letters) {
    while (running) {
      watch.turn();
      try {
        letters.readLedger();
        return;
      } catch (KafkaException e) {
        LOG.warn(
            "dashboard: cannot read {} yet, retrying: {}",
            Topics.dlq(settings.taggedTopic()),
            e.toString());
        pause(RETRY_PAUSE);
      }
    }
  }

  private void assign(KafkaConsumer<String, byte[]> kafka) {
    List<TopicPartition> tagged = partitions(kafka, settings.taggedTopic());
    List<TopicPartition> states = partitions(kafka, settings.feedStateTopic());
    List<TopicPartition> all = new ArrayList<>(tagged);
    all.addAll(states);
    kafka.assign(all);
    Map<Integer, Long> positions = seekToIndex(kafka);
    Map<Integer, Long> durable = new HashMap<>();
    beginnings(kafka, tagged)
        .forEach((partition, start) -> durable.put(partition.partition(), start));
    durable.putAll(positions);
    health.committed(durable);
    kafka.seekToBeginning(states);
    LOG.info(
        "dashboard reads {} from {} and {} from the beginning",
        settings.taggedTopic(),
        positions.isEmpty() ? "the beginning" : "the index's committed offsets " + positions,
        settings.feedStateTopic());
  }

  /** Seeks every tagged partition to the index's recorded position (the start when it has none). */
  private Map<Integer, Long> seekToIndex(KafkaConsumer<String, byte[]> kafka) {
    Map<Integer, Long> positions = index.positions(settings.taggedTopic());
    for (TopicPartition partition : kafka.assignment()) {
      if (!partition.topic().equals(settings.taggedTopic())) {
        continue;
      }
      Long position = positions.get(partition.partition());
      if (position != null) {
        kafka.seek(partition, position);
      } else {
        kafka.seekToBeginning(List.of(partition));
      }
    }
    return positions;
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka, String topic) {
    while (running) {
      watch.turn();
      try {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        }
        LOG.info("waiting for topic {} to exist", topic);
      } catch (TimeoutException e) {
        LOG.info("waiting for Kafka to answer about topic {}: {}", topic, e.getMessage());
      }
    }
    return List.of();
  }

  private void applyFeedState(ConsumerRecord<String, byte[]> record) {
    try {
      if (record.value() == null) {
        if (record.key() != null) {
          feeds.remove(record.key());
        }
        return;
      }
      FeedState state = Json.read(record.value(), FeedState.class);
      if (!FeedState.STATUSES.contains(state.status())) {
        // Shown, it would be a feed health nobody can act on, and a summary key of its own.
        throw new IllegalArgumentException("unknown feed status '" + state.status() + "'");
      }
      feeds.update(state);
    } catch (RuntimeException e) {
      feedStatesSkipped.increment();
      LOG.warn(
          "dashboard: skipped feed state {}-{}@{}: invalid_feed_state: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  /**
   * Each tagged partition's end, where known: {@code currentLag} uses the end offsets the last
   * fetch brought along (no extra request to the broker); a partition not fetched yet is left out.
   */
  private Map<Integer, Long> ends(KafkaConsumer<String, byte[]> kafka) {
    Map<Integer, Long> ends = new HashMap<>();
    for (TopicPartition partition : kafka.assignment()) {
      if (partition.topic().equals(settings.taggedTopic())) {
        OptionalLong behind = kafka.currentLag(partition);
        if (behind.isPresent()) {
          ends.put(partition.partition(), kafka.position(partition) + behind.getAsLong());
        }
      }
    }
    return ends;
  }

  /** Where the reader is in each tagged partition (what a recovery must make durable). */
  private Map<Integer, Long> readPositions(KafkaConsumer<String, byte[]> kafka) {
    Map<Integer, Long> read = new HashMap<>();
    for (TopicPartition partition : kafka.assignment()) {
      if (partition.topic().equals(settings.taggedTopic())) {
        try {
          read.put(partition.partition(), kafka.position(partition, METADATA_TIMEOUT));
        } catch (TimeoutException e) {
          // Not known now: the recovery waits for what is known.
        }
      }
    }
    return read;
  }

  private Map<TopicPartition, Long> beginnings(
      KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
    while (running) {
      try {
        return kafka.beginningOffsets(partitions, METADATA_TIMEOUT);
      } catch (TimeoutException e) {
        LOG.info("waiting for Kafka to answer about {}: {}", partitions, e.getMessage());
      }
    }
    return Map.of();
  }

  /** Stops reading and waits for the consumer thread to end. Idempotent. */
  @Override
  public void close() {
    // No wakeup(): the poll returns within one refresh interval and the loop ends with a commit.
    running = false;
    closing.countDown();
    if (thread.isAlive() && Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
